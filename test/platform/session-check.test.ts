import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { membership, session, user } from '../../src/server/db/schema';

/**
 * Issue 12 §1: the per-request session check is one statement in the request's own transaction
 * (app_enter_session). These tests hold it to what better-auth's check did: every revocation is
 * refused on the very next request, expiry and sliding renewal behave as before.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const EXPIRES_IN_S = 12 * 3600;
const UPDATE_AGE_S = 3600;

async function member(): Promise<TestMember> {
  const tenant = await t.tenant();
  return t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'handlaggare');
}

function get(headers: Record<string, string>, url = '/api/organisations') {
  return t.app.inject({ method: 'GET', url, headers });
}

function tokenOf(headers: Record<string, string>): string {
  return decodeURIComponent(/session_token=([^;]+)/.exec(headers.cookie!)![1]!).split('.')[0]!;
}

async function sessionRow(headers: Record<string, string>) {
  const [row] = await t.database.db.select().from(session).where(eq(session.token, tokenOf(headers)));
  return row!;
}

describe('the per-request session check', () => {
  it('lets a valid session work, and refuses a cookie whose signature is wrong', async () => {
    const m = await member();
    expect((await get(m.headers)).statusCode).toBe(200);
    const forged = m.headers.cookie!.replace(/session_token=([^.;]+)\.[^;]+/, 'session_token=$1.AAAA');
    expect((await get({ ...m.headers, cookie: forged })).statusCode).toBe(401);
  });

  it('refuses the very next request after signing out', async () => {
    const m = await member();
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { ...m.headers, origin: t.config.publicUrl }, payload: {} });
    expect(out.statusCode).toBe(200);
    expect((await get(m.headers)).statusCode).toBe(401);
    expect((await get(m.headers, '/api/session')).statusCode).toBe(401);
  });

  it('refuses the very next request of a deactivated user, and of an expired session', async () => {
    const deactivated = await member();
    await t.database.db.update(user).set({ active: false }).where(eq(user.id, deactivated.userId));
    expect((await get(deactivated.headers)).statusCode).toBe(401);

    const expired = await member();
    await t.database.db.update(session).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(session.token, tokenOf(expired.headers)));
    expect((await get(expired.headers)).statusCode).toBe(401);
  });

  it('refuses work on the very next request once the membership is withdrawn', async () => {
    const m = await member();
    await inContext(t.database.db, { tenantId: m.tenantId, userId: null }, (tx) => tx.update(membership).set({ active: false }).where(eq(membership.id, m.membershipId)));
    const refused = await get(m.headers);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('no_active_membership');
  });

  it('renews the expiry once the session is update-age old, sends the renewed cookie, and writes at most once per interval', async () => {
    const m = await member();
    // A session signed in a little over an hour ago.
    const signedInAt = Date.now() - (UPDATE_AGE_S + 60) * 1000;
    await t.database.db.update(session).set({ expiresAt: new Date(signedInAt + EXPIRES_IN_S * 1000) }).where(eq(session.token, tokenOf(m.headers)));

    const first = await get(m.headers);
    expect(first.statusCode).toBe(200);
    const renewedCookie = first.cookies.find((c) => c.name.endsWith('session_token'));
    expect(renewedCookie, 'the renewed cookie').toBeDefined();
    expect(decodeURIComponent(renewedCookie!.value).split('.')[0]).toBe(tokenOf(m.headers));
    expect(renewedCookie!.maxAge).toBe(EXPIRES_IN_S);
    expect(renewedCookie!.httpOnly).toBe(true);
    const renewed = await sessionRow(m.headers);
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + (EXPIRES_IN_S - 60) * 1000);

    // Right after, nothing is due: no write, no cookie.
    const second = await get(m.headers);
    expect(second.statusCode).toBe(200);
    expect(second.cookies.find((c) => c.name.endsWith('session_token'))).toBeUndefined();
    expect((await sessionRow(m.headers)).updatedAt.getTime()).toBe(renewed.updatedAt.getTime());
    // The renewed cookie works like the old one.
    expect((await get({ ...m.headers, cookie: `${renewedCookie!.name}=${renewedCookie!.value}` })).statusCode).toBe(200);
  });

  it('answers no signed-in GET route with data for a revoked session', async () => {
    const m = await member();
    await t.app.inject({ method: 'POST', url: '/api/auth/revoke-sessions', headers: { ...m.headers, origin: t.config.publicUrl }, payload: {} });
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const answered: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      // Public by design: the public form's API, the health check, and the sign-in page's list of identity providers.
      if (!('get' in methods) || !path.startsWith('/api/') || path.startsWith('/api/public') || ['/api/health', '/api/auth-providers'].includes(path)) continue;
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await get(m.headers, url);
      if (response.statusCode < 400) answered.push(`${path} ${response.statusCode}`);
    }
    expect(answered).toEqual([]);
  });
});

/**
 * Issue 12 §4: GET /api/session is one statement (app_session_info, migration 0044) that makes the same
 * session check as every other signed-in request. Each revocation holds for it on the very next request.
 */
describe('who am I (GET /api/session) in one statement', () => {
  it('answers the user, their memberships and the active one', async () => {
    const m = await member();
    const response = await get(m.headers, '/api/session');
    expect(response.statusCode).toBe(200);
    const info = response.json();
    expect(info.user.id).toBe(m.userId);
    expect(info.memberships.map((x: { membershipId: string }) => x.membershipId)).toEqual([m.membershipId]);
    expect(info.active).toMatchObject({ membershipId: m.membershipId, tenantId: m.tenantId, role: 'handlaggare', organisationType: 'socialtjanst' });
    expect(info.invitations).toEqual([]);
  });

  it('refuses the very next request after sign-out everywhere, and for a deactivated user', async () => {
    const everywhere = await member();
    const revoked = await t.app.inject({ method: 'POST', url: '/api/auth/revoke-sessions', headers: { ...everywhere.headers, origin: t.config.publicUrl }, payload: {} });
    expect(revoked.statusCode).toBe(200);
    expect((await get(everywhere.headers, '/api/session')).statusCode).toBe(401);

    const deactivated = await member();
    expect((await get(deactivated.headers, '/api/session')).statusCode).toBe(200);
    await t.database.db.update(user).set({ active: false }).where(eq(user.id, deactivated.userId));
    expect((await get(deactivated.headers, '/api/session')).statusCode).toBe(401);
  });

  it('drops a withdrawn membership from the list and from being active on the very next request', async () => {
    const m = await member();
    await inContext(t.database.db, { tenantId: m.tenantId, userId: null }, (tx) => tx.update(membership).set({ active: false }).where(eq(membership.id, m.membershipId)));
    const response = await get(m.headers, '/api/session');
    expect(response.statusCode).toBe(200);
    expect(response.json().memberships).toEqual([]);
    expect(response.json().active).toBeNull();
  });

  it('renews an update-age-old session and sends the renewed cookie, as every signed-in request does', async () => {
    const m = await member();
    const signedInAt = Date.now() - (UPDATE_AGE_S + 60) * 1000;
    await t.database.db.update(session).set({ expiresAt: new Date(signedInAt + EXPIRES_IN_S * 1000) }).where(eq(session.token, tokenOf(m.headers)));
    const first = await get(m.headers, '/api/session');
    expect(first.statusCode).toBe(200);
    expect(first.cookies.find((c) => c.name.endsWith('session_token'))?.maxAge).toBe(EXPIRES_IN_S);
    expect((await sessionRow(m.headers)).expiresAt.getTime()).toBeGreaterThan(Date.now() + (EXPIRES_IN_S - 60) * 1000);
    const second = await get(m.headers, '/api/session');
    expect(second.cookies.find((c) => c.name.endsWith('session_token'))).toBeUndefined();
  });
});
