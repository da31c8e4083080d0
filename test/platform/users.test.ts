import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cookieHeader, TestApp, type TestMember, type TestOrganisation, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { auditEvent } from '../../src/server/db/schema';
import { invitationMails } from './invitation-support';
import { ROLE_KEYS } from '../../src/shared/roles';

let t: TestApp;
beforeAll(async () => {
  // Each test signs several members in from one address; the sign-in rate limit has its own tests.
  t = await TestApp.start({ SAMVERKA_SIGN_IN_RATE_LIMIT: '100000' });
});
afterAll(async () => t.close());

const NEW_PASSWORD = 'ett-eget-långt-lösenord-42';

function call(member: TestMember, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, language?: string) {
  const headers = language ? { ...member.headers, 'accept-language': language } : member.headers;
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function tenantWithAdmin(name = 'Testkommun') {
  const tenant = await t.tenant(name);
  const home = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const admin = await t.member(tenant, home, 'administrator');
  return { tenant, home, admin };
}

function tokenOf(url: string): string {
  const parsed = new URL(url, 'http://samverka.test');
  expect(parsed.pathname).toBe('/satt-losenord');
  return parsed.searchParams.get('token')!;
}

function setPassword(token: string, newPassword = NEW_PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword, token } });
}

function signIn(email: string, password = NEW_PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
}

async function auditFor(tenant: TestTenant, action: string) {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx
      .select({ resourceId: auditEvent.resourceId, outcome: auditEvent.outcome, details: auditEvent.details })
      .from(auditEvent)
      .where(and(eq(auditEvent.tenantId, tenant.id), eq(auditEvent.action, action))),
  );
}

async function invite(admin: TestMember, org: TestOrganisation, email: string, role = 'handlaggare', language?: string) {
  return call(admin, 'POST', '/api/admin/users', { email, name: 'Kim Andersson', organisationId: org.id, role }, language);
}

/** The link of the newest invitation e-mail queued for the user in the tenant's outbox. */
async function mailedLink(tenant: TestTenant, userId: string, kind = 'invitation.set_password'): Promise<string> {
  const mails = await invitationMails(t.database, tenant.id, userId);
  const newest = mails.at(-1);
  expect(newest?.kind).toBe(kind);
  return newest!.link;
}

describe('inviting users', () => {
  it('creates a user and membership and e-mails a one-time link that sets the password, then lets them sign in', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const email = `kim-${crypto.randomUUID().slice(0, 6)}@kommun.se`;
    const response = await invite(admin, home, `  ${email.toUpperCase()} `);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    // The administrator learns that an e-mail went out, never the link itself.
    expect(body.invitation).toEqual({ delivery: 'email' });
    expect(JSON.stringify(body)).not.toContain('token');
    expect(body.user).toMatchObject({ email, name: 'Kim Andersson', active: true, passwordSet: false, pending: false });
    expect(body.membership).toMatchObject({ organisationId: home.id, role: 'handlaggare', active: true, pending: false });

    // Before the link is used the account has no password at all.
    expect((await signIn(email, NEW_PASSWORD)).statusCode).not.toBe(200);

    const token = tokenOf(await mailedLink(tenant, body.user.id));
    const tooShort = await setPassword(token, 'kort');
    expect(tooShort.statusCode).toBe(400);
    const set = await setPassword(token);
    expect(set.statusCode).toBe(200);
    const reused = await setPassword(token, 'ett-annat-långt-lösenord-43');
    expect(reused.statusCode).toBe(400);

    const signedIn = await signIn(email);
    expect(signedIn.statusCode).toBe(200);
    expect((await signIn(email, 'ett-annat-långt-lösenord-43')).statusCode).not.toBe(200);
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieHeader(signedIn) } });
    expect(session.json().memberships).toEqual([expect.objectContaining({ membershipId: body.membership.id, tenantId: tenant.id, role: 'handlaggare' })]);

    const listed = await call(admin, 'GET', `/api/admin/users/${body.user.id}`);
    expect(listed.json().passwordSet).toBe(true);

    const [invited] = await auditFor(tenant, 'user.invite');
    expect(invited).toMatchObject({ resourceId: body.user.id, outcome: 'allowed' });
    expect(invited!.details).toEqual({ userId: body.user.id, membershipId: body.membership.id });
    expect(JSON.stringify(invited!.details)).not.toContain(token);
    const [created] = await auditFor(tenant, 'membership.create');
    expect(created!.details).toMatchObject({ userId: body.user.id, organisationId: home.id, role: 'handlaggare' });
  });

  it('invites someone who works in another tenant as a pending membership that only they can accept', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const betaSchool = await t.organisation(beta.tenant, 'skola', { name: 'Betaskolan' });
    const worker = await t.member(alfa.tenant, alfa.home, 'handlaggare');

    const response = await invite(beta.admin, betaSchool, worker.email, 'skolpersonal');
    expect(response.statusCode).toBe(201);
    expect(response.json().invitation).toEqual({ delivery: 'email' });
    // Beta sees only what Beta typed and Beta's own pending membership, never the account or Alfa.
    expect(response.json().user).toMatchObject({ name: 'Kim Andersson', pending: true, passwordSet: false, twoFactorEnabled: false });
    expect(response.json().user.memberships).toEqual([expect.objectContaining({ organisationId: betaSchool.id, pending: true })]);
    // The worker hears of it by e-mail: sign in and answer. No set-password link for an account with a password.
    expect(await mailedLink(beta.tenant, worker.userId, 'invitation.membership')).toBe('/valj-roll');

    // Pending: nothing in Beta yet, and it cannot be chosen.
    const before = (await call(worker, 'GET', '/api/session')).json();
    expect(before.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([alfa.tenant.id]);
    expect(before.invitations).toEqual([expect.objectContaining({ membershipId: response.json().membership.id, tenantName: beta.tenant.name, role: 'skolpersonal' })]);
    const choose = await t.app.inject({ method: 'PUT', url: '/api/session/membership', headers: worker.headers, payload: { membershipId: response.json().membership.id } });
    expect(choose.statusCode).toBe(404);

    // Someone else cannot answer it for the worker.
    const stranger = await t.member(beta.tenant, beta.home, 'handlaggare');
    const hijack = await t.app.inject({ method: 'POST', url: `/api/session/invitations/${response.json().membership.id}/accept`, headers: stranger.headers });
    expect(hijack.statusCode).toBe(404);

    const accepted = await t.app.inject({ method: 'POST', url: `/api/session/invitations/${response.json().membership.id}/accept`, headers: worker.headers });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().invitations).toEqual([]);
    expect(accepted.json().memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual([alfa.tenant.id, beta.tenant.id].sort());
    expect((await auditFor(beta.tenant, 'membership.accept')).map((e) => e.resourceId)).toEqual([response.json().membership.id]);
    // Accepted, the person works in Beta: Beta now sees the account as it is.
    expect((await call(beta.admin, 'GET', `/api/admin/users/${worker.userId}`)).json()).toMatchObject({ pending: false, passwordSet: true });

    const again = await invite(beta.admin, betaSchool, worker.email, 'skolpersonal');
    expect(again.statusCode).toBe(409);
  });

  it('lets the invitee decline, which switches the membership off', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const worker = await t.member(alfa.tenant, alfa.home, 'handlaggare');
    const invited = (await invite(beta.admin, beta.home, worker.email)).json();
    const declined = await t.app.inject({ method: 'POST', url: `/api/session/invitations/${invited.membership.id}/decline`, headers: worker.headers });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().invitations).toEqual([]);
    expect(declined.json().memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([alfa.tenant.id]);
    const seen = (await call(beta.admin, 'GET', `/api/admin/users/${worker.userId}`)).json();
    expect(seen.memberships).toEqual([expect.objectContaining({ id: invited.membership.id, active: false })]);
    expect((await auditFor(beta.tenant, 'membership.decline')).map((e) => e.resourceId)).toEqual([invited.membership.id]);
    // A declined invitation cannot be accepted afterwards.
    const late = await t.app.inject({ method: 'POST', url: `/api/session/invitations/${invited.membership.id}/accept`, headers: worker.headers });
    expect(late.statusCode).toBe(404);
  });

  it('e-mails a new link on request, which stops the earlier one from working', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const email = `nils-${crypto.randomUUID().slice(0, 6)}@kommun.se`;
    const first = (await invite(admin, home, email)).json();
    const firstLink = await mailedLink(tenant, first.user.id);
    const reissued = await call(admin, 'POST', `/api/admin/users/${first.user.id}/invitation`);
    expect(reissued.statusCode).toBe(201);
    expect(reissued.json()).toEqual({ delivery: 'email' });
    const secondLink = await mailedLink(tenant, first.user.id);
    expect(secondLink).not.toBe(firstLink);
    expect((await setPassword(tokenOf(firstLink))).statusCode).toBe(400);
    expect((await setPassword(tokenOf(secondLink))).statusCode).toBe(200);
    const afterSet = await call(admin, 'POST', `/api/admin/users/${first.user.id}/invitation`, undefined, 'en');
    expect(afterSet.statusCode).toBe(409);
    expect(afterSet.json().error.fields.userId).toMatch(/already chosen a password/);
  });

  it('refuses non-administrators and answers bad input with field messages in Swedish and English', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const coordinator = await t.member(tenant, home, 'koordinator');
    const denied = await invite(coordinator, home, 'smyg@kommun.se');
    expect(denied.statusCode).toBe(403);
    expect((await call(coordinator, 'GET', '/api/admin/users')).statusCode).toBe(403);
    expect((await call(admin, 'GET', '/api/admin/users/someone-else')).statusCode).toBe(404);
    const sv = await call(admin, 'POST', '/api/admin/users', { email: 'inte-en-adress', name: '', organisationId: 'x', role: 'kung', admin: true });
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.fields).toEqual({
      email: 'Fel format.',
      name: 'Värdet är för kort eller för litet.',
      organisationId: 'Fel format.',
      role: 'Värdet är inte ett av de tillåtna.',
      admin: 'Okänt fält.',
    });
    const en = await call(admin, 'POST', '/api/admin/users', { email: 'inte-en-adress', name: 'Kim', organisationId: home.id, role: 'kung' }, 'en');
    expect(en.json().error.fields).toEqual({ email: 'Wrong format.', role: 'The value is not one of the allowed ones.' });
    const users = (await call(admin, 'GET', '/api/admin/users')).json().users;
    expect(users.map((u: { email: string }) => u.email)).not.toContain('smyg@kommun.se');
    expect((await auditFor(tenant, 'user.invite')).map((e) => e.outcome)).toEqual(['denied']);
  });

  it('refuses an organisation of another tenant as an unknown reference, never creating the account', async () => {
    const { admin } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const email = `ghost-${crypto.randomUUID().slice(0, 6)}@kommun.se`;
    const sv = await invite(admin, other.home, email);
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.fields).toEqual({ organisationId: 'Hittar inte det som fältet pekar på.' });
    const en = await invite(admin, other.home, email, 'handlaggare', 'en');
    expect(en.json().error.fields.organisationId).toBe('What this field refers to cannot be found.');
    // Nothing was created: inviting the address in its own tenant makes a new account.
    const own = await invite(other.admin, other.home, email);
    expect(own.json().user).toMatchObject({ pending: false, passwordSet: false });
    expect(await invitationMails(t.database, admin.tenantId, own.json().user.id)).toEqual([]);
    await expect(mailedLink(other.tenant, own.json().user.id)).resolves.toMatch(/^\/satt-losenord\?token=/);
  });
});

describe('memberships', () => {
  it('lists users with their memberships and abilities, adds and changes memberships, and refuses duplicates with 409', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const school = await t.organisation(tenant, 'skola', { name: 'Ekskolan' });
    const worker = await t.member(tenant, home, 'handlaggare');

    const added = await call(admin, 'POST', `/api/admin/users/${worker.userId}/memberships`, { organisationId: school.id, role: 'skolpersonal' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ organisationName: 'Ekskolan', role: 'skolpersonal', active: true });

    const duplicate = await call(admin, 'POST', `/api/admin/users/${worker.userId}/memberships`, { organisationId: school.id, role: 'skolpersonal' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('conflict');
    expect(duplicate.json().error.fields.role).toMatch(/redan denna roll/);
    const duplicateEn = await call(admin, 'POST', `/api/admin/users/${worker.userId}/memberships`, { organisationId: home.id, role: 'handlaggare' }, 'en');
    expect(duplicateEn.json().error.fields.role).toMatch(/already has this role/);

    const list = await call(admin, 'GET', '/api/admin/users');
    expect(list.statusCode).toBe(200);
    expect(list.json().abilities).toMatchObject({ list: true, invite: true });
    const listed = list.json().users.find((u: { id: string }) => u.id === worker.userId);
    expect(listed).toMatchObject({ email: worker.email, active: true, passwordSet: true });
    expect(listed.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['handlaggare', 'skolpersonal']);
    expect(listed.abilities).toMatchObject({ addMembership: true, deactivateUser: true });
    const me = list.json().users.find((u: { id: string }) => u.id === admin.userId);
    expect(me.abilities.deactivateUser).toBe(false);
    expect(me.memberships[0].abilities).toMatchObject({ update: true, deactivate: false });

    // Moving the second membership onto the first one's organisation and role would duplicate it.
    const clash = await call(admin, 'PATCH', `/api/admin/memberships/${added.json().id}`, { organisationId: home.id, role: 'handlaggare' });
    expect(clash.statusCode).toBe(409);
    const moved = await call(admin, 'PATCH', `/api/admin/memberships/${added.json().id}`, { role: 'koordinator' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ organisationId: school.id, role: 'koordinator' });

    const [update] = await auditFor(tenant, 'membership.update');
    expect(update!.details).toEqual({
      userId: worker.userId,
      before: { organisationId: school.id, role: 'skolpersonal' },
      after: { organisationId: school.id, role: 'koordinator' },
    });
    const nothing = await call(admin, 'PATCH', `/api/admin/memberships/${added.json().id}`, {}, 'en');
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.fields._).toMatch(/at least one/);
  });

  it('makes a deactivated membership fail on the member’s next request, and a reactivated one work again', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const worker = await t.member(tenant, home, 'koordinator');
    expect((await call(worker, 'GET', '/api/organisations')).statusCode).toBe(200);

    const off = await call(admin, 'POST', `/api/admin/memberships/${worker.membershipId}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    const refused = await call(worker, 'GET', '/api/organisations');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('no_active_membership');

    const on = await call(admin, 'POST', `/api/admin/memberships/${worker.membershipId}/reactivate`);
    expect(on.json().active).toBe(true);
    expect((await call(worker, 'GET', '/api/organisations')).statusCode).toBe(200);

    const [deactivated] = await auditFor(tenant, 'membership.deactivate');
    expect(deactivated).toMatchObject({ resourceId: worker.membershipId, outcome: 'allowed' });
    expect(deactivated!.details).toMatchObject({ userId: worker.userId });
  });

  it('does not let an administrator deactivate or demote their own membership', async () => {
    const { tenant, admin } = await tenantWithAdmin();
    const own = await call(admin, 'POST', `/api/admin/memberships/${admin.membershipId}/deactivate`);
    expect(own.statusCode).toBe(404);
    expect((await call(admin, 'POST', `/api/admin/users/${admin.userId}/deactivate`)).statusCode).toBe(404);
    const demote = await call(admin, 'PATCH', `/api/admin/memberships/${admin.membershipId}`, { role: 'analytiker' });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.fields.role).toMatch(/egen administratörsroll/);
    expect((await call(admin, 'GET', '/api/admin/users')).statusCode).toBe(200);
    expect((await auditFor(tenant, 'membership.deactivate')).map((e) => e.outcome)).toEqual(['denied']);
  });

  it('refuses a non-administrator and answers 404 for another tenant’s membership', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const foreignWorker = await t.member(other.tenant, other.home, 'handlaggare');
    const coordinator = await t.member(tenant, home, 'koordinator');

    expect((await call(admin, 'PATCH', `/api/admin/memberships/${foreignWorker.membershipId}`, { role: 'analytiker' })).statusCode).toBe(404);
    expect((await call(admin, 'POST', `/api/admin/memberships/${foreignWorker.membershipId}/deactivate`)).statusCode).toBe(404);
    expect((await call(admin, 'POST', `/api/admin/users/${foreignWorker.userId}/memberships`, { organisationId: home.id, role: 'handlaggare' })).statusCode).toBe(404);
    expect((await call(admin, 'POST', `/api/admin/users/${foreignWorker.userId}/deactivate`)).statusCode).toBe(404);
    expect((await call(foreignWorker, 'GET', '/api/organisations')).statusCode).toBe(200);

    expect((await call(coordinator, 'POST', `/api/admin/memberships/${admin.membershipId}/deactivate`)).statusCode).toBe(404);
    expect((await call(coordinator, 'PATCH', `/api/admin/memberships/${coordinator.membershipId}`, { role: 'administrator' })).statusCode).toBe(404);
    expect((await call(coordinator, 'GET', `/api/admin/users/${admin.userId}`)).statusCode).toBe(404);
    expect((await call(coordinator, 'POST', `/api/admin/users/${admin.userId}/deactivate`)).statusCode).toBe(404);
    const selfPromotion = await call(coordinator, 'POST', `/api/admin/users/${coordinator.userId}/memberships`, { organisationId: home.id, role: 'administrator' });
    expect(selfPromotion.statusCode).toBe(404);
    // A member may read their own memberships here, but change nothing.
    const ownView = await call(coordinator, 'GET', `/api/admin/users/${coordinator.userId}`);
    expect(ownView.statusCode).toBe(200);
    expect(ownView.json().memberships[0].abilities).toMatchObject({ read: true, update: false, deactivate: false });
    expect((await call(admin, 'GET', '/api/admin/users')).statusCode).toBe(200);
  });

  it('refuses an organisation of another tenant when adding or moving a membership', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const worker = await t.member(tenant, home, 'handlaggare');
    const add = await call(admin, 'POST', `/api/admin/users/${worker.userId}/memberships`, { organisationId: other.home.id, role: 'koordinator' });
    expect(add.statusCode).toBe(400);
    expect(add.json().error.fields).toEqual({ organisationId: 'Hittar inte det som fältet pekar på.' });
    const move = await call(admin, 'PATCH', `/api/admin/memberships/${worker.membershipId}`, { organisationId: other.home.id });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.fields.organisationId).toBe('Hittar inte det som fältet pekar på.');
  });
});

describe('deactivating users', () => {
  it('deactivates the whole account and its sessions when the user works nowhere else', async () => {
    const { tenant, home, admin } = await tenantWithAdmin();
    const worker = await t.member(tenant, home, 'koordinator');
    const response = await call(admin, 'POST', `/api/admin/users/${worker.userId}/deactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).not.toHaveProperty('accountDeactivated');
    expect(response.json().user.active).toBe(false);
    expect(response.json().user.memberships.every((m: { active: boolean }) => !m.active)).toBe(true);

    const next = await call(worker, 'GET', '/api/session');
    expect(next.statusCode).toBe(401);
    const [event] = await auditFor(tenant, 'user.deactivate');
    expect(event!.details).toEqual({ userId: worker.userId, membershipIds: [worker.membershipId] });

    // Reactivating a membership brings the account back; the user signs in again.
    await call(admin, 'POST', `/api/admin/memberships/${worker.membershipId}/reactivate`);
    const list = (await call(admin, 'GET', `/api/admin/users/${worker.userId}`)).json();
    expect(list.active).toBe(true);
    // The old session stays revoked; a fresh sign-in works.
    expect((await call(worker, 'GET', '/api/session')).statusCode).toBe(401);
    await expect(t.passwordSignIn(worker.email)).resolves.toContain('samverka');
  });

  it('deactivates only the memberships here when the account has ever had a membership in another tenant', async () => {
    const alfa = await tenantWithAdmin('Alfa');
    const beta = await tenantWithAdmin('Beta');
    const worker = await t.member(alfa.tenant, alfa.home, 'handlaggare');
    const betaMembershipId = await t.addMembership(beta.tenant, beta.home, worker.userId, 'handlaggare');

    const response = await call(beta.admin, 'POST', `/api/admin/users/${worker.userId}/deactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { active: true } });
    expect(response.json()).not.toHaveProperty('accountDeactivated');
    expect(response.json().user.memberships).toEqual([expect.objectContaining({ id: betaMembershipId, active: false })]);

    // Still at work in Alfa through the same session.
    expect((await call(worker, 'GET', '/api/organisations')).statusCode).toBe(200);
    const session = (await call(worker, 'GET', '/api/session')).json();
    expect(session.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([alfa.tenant.id]);
  });
});

describe('roles', () => {
  it('lists every role with Swedish and English names and what it can see, to any signed-in user', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'fritid');
    const reporter = await t.member(tenant, org, 'est_rapportor');
    const response = await call(reporter, 'GET', '/api/roles');
    expect(response.statusCode).toBe(200);
    const roles = response.json().roles;
    expect(roles.map((r: { key: string }) => r.key)).toEqual([...ROLE_KEYS]);
    expect(roles.find((r: { key: string }) => r.key === 'administrator')).toMatchObject({
      sv: 'Administratör',
      en: 'Administrator',
      seesSv: expect.stringContaining('Inga uppgifter om barn'),
      requiresTwoFactor: true,
    });
    expect(roles.find((r: { key: string }) => r.key === 'analytiker').requiresTwoFactor).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/roles' })).statusCode).toBe(401);
  });
});
