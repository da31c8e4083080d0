import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { TestApp } from '../factories';
import { CookieJar, authenticateAtProvider, startTestIdentityProvider, type TestIdentity, type TestIdentityProvider } from '../support/oidc-provider';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { account, session as sessionTable, user } from '../../src/server/db/schema';

const PUBLIC_URL = 'http://localhost:3000';
const PROVIDER_ID = 'kommun-idp';
const suffix = randomUUID().slice(0, 8);

// People the municipality's identity provider knows. Only some of them have a Samverka account.
const identities: Record<string, TestIdentity> = {
  anna: { email: `anna-${suffix}@kommun.test`, emailVerified: true, name: 'Anna Handläggare' },
  okand: { email: `okand-${suffix}@kommun.test`, emailVerified: true, name: 'Okänd Person' },
  overifierad: { email: `overifierad-${suffix}@kommun.test`, emailVerified: false, name: 'Ej Verifierad' },
  slutat: { email: `slutat-${suffix}@kommun.test`, emailVerified: true, name: 'Har Slutat' },
};

let idp: TestIdentityProvider;
let t: TestApp;
beforeAll(async () => {
  idp = await startTestIdentityProvider({ redirectUri: `${PUBLIC_URL}/api/auth/callback/${PROVIDER_ID}`, identities });
  t = await TestApp.start({
    SAMVERKA_PUBLIC_URL: PUBLIC_URL,
    SAMVERKA_OIDC_PROVIDERS: JSON.stringify([{ id: PROVIDER_ID, name: 'Kommunens inloggning', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret }]),
  });
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

/** The whole authorization-code flow as a browser does it; returns Samverka's answer to the callback and its cookies. */
async function signInThroughProvider(accountId: string) {
  const providers = await t.app.inject({ method: 'GET', url: '/api/auth-providers' });
  const { signInUrl } = providers.json().providers[0] as { signInUrl: string };
  const samverka = new CookieJar();
  const start = await t.app.inject({ method: 'GET', url: `${signInUrl}?returnTo=/arenden` });
  expect(start.statusCode).toBe(302);
  samverka.store(asArray(start.headers['set-cookie']));
  const callback = await authenticateAtProvider(start.headers.location as string, accountId, PUBLIC_URL);
  const answer = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: samverka.header() } });
  samverka.store(asArray(answer.headers['set-cookie']));
  return { answer, location: new URL(answer.headers.location as string, PUBLIC_URL), cookie: samverka.header(), signedIn: samverka.has(/session_token$/) };
}

const asArray = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

describe('single sign-on through the municipality identity provider (OIDC)', () => {
  it('lists the provider publicly with a sign-in link', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth-providers' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ providers: [{ id: PROVIDER_ID, name: 'Kommunens inloggning', signInUrl: `/api/auth-providers/${PROVIDER_ID}/sign-in` }] });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth-providers/okand-idp/sign-in' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/auth-providers/${PROVIDER_ID}/sign-in?returnTo=//evil.example` })).statusCode).toBe(400);
  });

  it('signs in a user an administrator created, with an oidc session that satisfies the two-factor rule', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'socialtjanst');
    const anna = await createUserAccount(t.database.db, t.auth, { email: identities.anna!.email, name: 'Anna Handläggare' });
    const membershipId = await t.addMembership(tenant, org, anna.id, 'handlaggare');

    const { answer, location, cookie, signedIn } = await signInThroughProvider('anna');
    expect(answer.statusCode).toBe(302);
    expect(location.pathname).toBe('/arenden');
    expect(location.searchParams.get('error')).toBeNull();
    expect(signedIn).toBe(true);

    const headers = { cookie, 'x-samverka-csrf': '1' };
    expect((await t.app.inject({ method: 'PUT', url: '/api/session/membership', headers, payload: { membershipId } })).statusCode).toBe(200);
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers });
    expect(session.json().user.twoFactorEnabled).toBe(false);
    expect(session.json().twoFactorRequired).toBe(false);
    const organisations = await t.app.inject({ method: 'GET', url: '/api/organisations', headers });
    expect(organisations.statusCode).toBe(200);

    const sessions = await t.database.db.select({ authMethod: sessionTable.authMethod }).from(sessionTable).where(eq(sessionTable.userId, anna.id));
    expect(sessions.map((s) => s.authMethod)).toEqual([`oidc:${PROVIDER_ID}`]);
    const linked = await t.database.db.select().from(account).where(and(eq(account.userId, anna.id), eq(account.providerId, PROVIDER_ID)));
    expect(linked).toHaveLength(1);
  });

  it('refuses an identity with no Samverka account, and creates none', async () => {
    const { location, signedIn } = await signInThroughProvider('okand');
    expect(signedIn).toBe(false);
    expect(location.pathname).toBe('/');
    expect(location.searchParams.get('error')).toBe('sso_failed');
    expect(await t.database.db.select().from(user).where(eq(user.email, identities.okand!.email))).toHaveLength(0);
  });

  it('refuses an address the provider has not verified, even when the account exists', async () => {
    await createUserAccount(t.database.db, t.auth, { email: identities.overifierad!.email, name: 'Ej Verifierad' });
    const { location, signedIn } = await signInThroughProvider('overifierad');
    expect(signedIn).toBe(false);
    expect(location.searchParams.get('error')).toBe('sso_failed');
  });

  it('refuses a deactivated user', async () => {
    const gone = await createUserAccount(t.database.db, t.auth, { email: identities.slutat!.email, name: 'Har Slutat' });
    await t.database.db.update(user).set({ active: false }).where(eq(user.id, gone.id));
    const { location, signedIn } = await signInThroughProvider('slutat');
    expect(signedIn).toBe(false);
    expect(location.searchParams.get('error')).toBe('sso_failed');
    expect(await t.database.db.select().from(sessionTable).where(eq(sessionTable.userId, gone.id))).toHaveLength(0);
  });

  it('gives password sessions the password method, which does not satisfy the two-factor rule', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'socialtjanst');
    const member = await t.member(tenant, org, 'handlaggare', { withTwoFactor: false });
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: member.headers });
    expect(session.json().twoFactorRequired).toBe(true);
    const rows = await t.database.db.select({ authMethod: sessionTable.authMethod }).from(sessionTable).where(eq(sessionTable.userId, member.userId));
    expect(rows.map((row) => row.authMethod)).toEqual(['password']);
  });
});
