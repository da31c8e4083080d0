import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { cookieHeader, TestApp, type TestMember, type TestOrganisation, type TestTenant } from '../factories';
import { user } from '../../src/server/db/schema';
import { invitationMails } from './invitation-support';
import { intake, newConcern, step } from './concerns-support';
import { addMember, caseWorld } from './cases-support';

/**
 * Issue 10: an administrator governs memberships in their own tenant, never another tenant's
 * credentials. The first test replays the reported takeover and must stop it at step 2; the rest
 * walk every route that takes an e-mail address or a user id with an administrator of another tenant.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_SIGN_IN_RATE_LIMIT: '100000' });
});
afterAll(async () => t.close());

const PASSWORD = 'ett-eget-långt-lösenord-42';
const ATTACKER_PASSWORD = 'angriparens-långa-lösenord-7';

async function tenantWithAdmin(name: string): Promise<{ tenant: TestTenant; home: TestOrganisation; admin: TestMember }> {
  const tenant = await t.tenant(name);
  const home = await t.organisation(tenant, 'socialtjanst', { name: `Socialtjänsten ${name}` });
  return { tenant, home, admin: await t.member(tenant, home, 'administrator') };
}

function as(member: TestMember, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: member.headers, ...(payload ? { payload } : {}) });
}

function tokenIn(link: string): string {
  return new URL(link, 'http://samverka.test').searchParams.get('token')!;
}

function setPassword(token: string, newPassword: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword, token } });
}

function signIn(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
}

/** Everything in a response an attacker could use: a set-password token, or the other tenant's view of the account. */
function expectNothingAbout(response: LightMyRequestResponse, secrets: string[]) {
  for (const secret of secrets) expect(response.body).not.toContain(secret);
  expect(response.body).not.toMatch(/token|satt-losenord|userCreated|accountDeactivated/);
}

describe('the reported takeover, replayed', () => {
  it('stops at step 2: tenant B gets no link, no name and no signal, and A’s invitee is not locked out', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const email = `x-${crypto.randomUUID().slice(0, 8)}@example.se`;

    // 1. A invites the address as a handläggare: the account exists, with no password yet.
    const fromA = await as(alfa.admin, 'POST', '/api/admin/users', { email, name: 'Alfas Namn', organisationId: alfa.home.id, role: 'handlaggare' });
    expect(fromA.statusCode).toBe(201);
    const accountId = fromA.json().user.id as string;
    const [linkForA] = await invitationMails(t.database, alfa.tenant.id, accountId);

    // 2. B invites the same address. The answer has the same shape as for a brand-new address ...
    const fromB = await as(beta.admin, 'POST', '/api/admin/users', { email, name: 'Betas Namn', organisationId: beta.home.id, role: 'skolpersonal' });
    expect(fromB.statusCode).toBe(201);
    const fresh = await as(beta.admin, 'POST', '/api/admin/users', { email: `ny-${crypto.randomUUID().slice(0, 8)}@example.se`, name: 'Betas Namn', organisationId: beta.home.id, role: 'skolpersonal' });
    const shape = (body: { user: Record<string, unknown>; membership: Record<string, unknown>; invitation: unknown }) => ({
      userKeys: Object.keys(body.user).sort(),
      name: body.user.name,
      passwordSet: body.user.passwordSet,
      twoFactorEnabled: body.user.twoFactorEnabled,
      active: body.user.active,
      invitation: body.invitation,
      membershipKeys: Object.keys(body.membership).sort(),
    });
    expect(shape(fromB.json())).toEqual(shape(fresh.json()));
    // ... with no set-password link, no name from A and no "existed" flag anywhere in it.
    expectNothingAbout(fromB, ['Alfas Namn', tokenIn(linkForA!.link), alfa.tenant.name]);
    expect(fromB.json().user.name).toBe('Betas Namn');
    // B's user list and user page say the same.
    expectNothingAbout(await as(beta.admin, 'GET', '/api/admin/users'), ['Alfas Namn', alfa.tenant.name]);
    expectNothingAbout(await as(beta.admin, 'GET', `/api/admin/users/${accountId}`), ['Alfas Namn', alfa.tenant.name]);

    // Asking for the invitation again does not hand B a link either, and does not break A's.
    const resent = await as(beta.admin, 'POST', `/api/admin/users/${accountId}/invitation`);
    expect(resent.statusCode).toBe(201);
    expect(resent.json()).toEqual({ delivery: 'email' });

    // 3. B has no link to set a password with. The address's owner uses A's link, which still works.
    expect((await setPassword(tokenIn(linkForA!.link), PASSWORD)).statusCode).toBe(200);
    expect((await signIn(email, ATTACKER_PASSWORD)).statusCode).not.toBe(200);
    const signedIn = await signIn(email, PASSWORD);
    expect(signedIn.statusCode).toBe(200);

    // 4. The account works in A only; B's membership waits for the person's own answer.
    const session = (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieHeader(signedIn) } })).json();
    expect(session.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([alfa.tenant.id]);
    expect(session.invitations.map((m: { tenantId: string }) => m.tenantId)).toEqual([beta.tenant.id]);

    // The e-mails went to the address itself, and B's did not replace A's link.
    const betaMails = await invitationMails(t.database, beta.tenant.id, accountId);
    expect(betaMails.length).toBe(2);
    expect(betaMails.every((mail) => mail.kind === 'invitation.set_password')).toBe(true);
  });
});

describe('an administrator of another tenant, on every route that takes an e-mail address or a user id', () => {
  it('gets the same 404 for another tenant’s user as for one that does not exist, and changes nothing', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const worker = await t.member(alfa.tenant, alfa.home, 'handlaggare');
    const routes: Array<[method: 'GET' | 'POST' | 'PATCH', path: (id: string) => string, payload?: object]> = [
      ['GET', (id) => `/api/admin/users/${id}`],
      ['POST', (id) => `/api/admin/users/${id}/invitation`],
      ['POST', (id) => `/api/admin/users/${id}/deactivate`],
      ['POST', (id) => `/api/admin/users/${id}/memberships`, { organisationId: beta.home.id, role: 'handlaggare' }],
    ];
    for (const [method, path, payload] of routes) {
      const foreign = await as(beta.admin, method, path(worker.userId), payload);
      const missing = await as(beta.admin, method, path('finns-inte-alls'), payload);
      expect([path(':id'), foreign.statusCode, foreign.json()]).toEqual([path(':id'), 404, missing.json()]);
    }
    for (const verb of ['', '/deactivate', '/reactivate']) {
      const method = verb ? 'POST' : 'PATCH';
      const payload = verb ? undefined : { role: 'administrator' };
      const foreign = await as(beta.admin, method, `/api/admin/memberships/${worker.membershipId}${verb}`, payload);
      const missing = await as(beta.admin, method, `/api/admin/memberships/${crypto.randomUUID()}${verb}`, payload);
      expect([verb, foreign.statusCode, foreign.json()]).toEqual([verb, 404, missing.json()]);
    }
    // The worker still works in A, with no new invitation mail from B.
    expect((await as(worker, 'GET', '/api/organisations')).statusCode).toBe(200);
    expect(await invitationMails(t.database, beta.tenant.id, worker.userId)).toEqual([]);
    const session = (await as(worker, 'GET', '/api/session')).json();
    expect(session.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([alfa.tenant.id]);
  });

  it('cannot switch off or on the account of someone another tenant also governs', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const worker = await t.member(alfa.tenant, alfa.home, 'handlaggare');
    const invited = await as(beta.admin, 'POST', '/api/admin/users', { email: worker.email, name: 'Kim', organisationId: beta.home.id, role: 'handlaggare' });
    await as(worker, 'POST', `/api/session/invitations/${invited.json().membership.id}/accept`);

    // B deactivating its own memberships leaves the account and A's work alone.
    expect((await as(beta.admin, 'POST', `/api/admin/users/${worker.userId}/deactivate`)).statusCode).toBe(200);
    expect((await as(worker, 'GET', '/api/organisations')).statusCode).toBe(200);
    const [afterBeta] = await t.database.db.select({ active: user.active }).from(user).where(eq(user.id, worker.userId));
    expect(afterBeta!.active).toBe(true);

    // A switches the account off (as an operator would for a person who left); B turning its
    // membership back on does not switch the account on again.
    await t.database.db.update(user).set({ active: false }).where(eq(user.id, worker.userId));
    const reactivated = await as(beta.admin, 'POST', `/api/admin/memberships/${invited.json().membership.id}/reactivate`);
    expect(reactivated.statusCode).toBe(200);
    expect(JSON.stringify(reactivated.json())).not.toMatch(/accountReactivated/);
    const [afterReactivation] = await t.database.db.select({ active: user.active }).from(user).where(eq(user.id, worker.userId));
    expect(afterReactivation!.active).toBe(false);
  });

  it('finds nothing of another tenant’s user in the access log filter', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const worker = await t.member(alfa.tenant, alfa.home, 'handlaggare');
    await as(worker, 'GET', '/api/organisations');
    const reviewer = await t.member(beta.tenant, beta.home, 'loggranskare');
    for (const path of ['/api/audit-log/events', '/api/audit-log/export']) {
      const foreign = await as(reviewer, 'GET', `${path}?userId=${worker.userId}`);
      const missing = await as(reviewer, 'GET', `${path}?userId=finns-inte-alls`);
      expect(foreign.statusCode).toBe(missing.statusCode);
      expect(foreign.body).not.toContain(worker.userId);
      expect(foreign.body).not.toContain(worker.email);
    }
  });

  it('cannot assign a concern to, or put on a case team, a user of another tenant', async () => {
    const home = await intake(t);
    const other = await tenantWithAdmin('Annan');
    const stranger = await t.member(other.tenant, other.home, 'handlaggare');
    const concern = await newConcern(t, home.tenant);
    const foreign = await step(t, home.mottagning, concern.id, 'assign', { userId: stranger.userId });
    const missing = await step(t, home.mottagning, concern.id, 'assign', { userId: 'finns-inte-alls' });
    expect(foreign.statusCode).toBeGreaterThanOrEqual(400);
    expect([foreign.statusCode, foreign.json()]).toEqual([missing.statusCode, missing.json()]);

    const world = await caseWorld(t);
    const outsider = await t.member(other.tenant, other.home, 'handlaggare');
    const added = await addMember(t, world, outsider);
    expect(added.statusCode).toBeGreaterThanOrEqual(400);
    expect(added.body).not.toContain(outsider.email);
  });
});
