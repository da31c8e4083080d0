import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { TestApp, cookieHeader } from '../factories';
import { totpCodeFromUri } from '../support/totp';
import { session as sessionTable } from '../../src/server/db/schema';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_LOGIN_MAX_FAILURES: '5' });
});
afterAll(async () => t.close());

/** A code that is not the current one (nor, with overwhelming likelihood, its neighbours). */
async function wrongCodeFor(totpUri: string): Promise<string> {
  const right = await totpCodeFromUri(totpUri);
  return String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
}

const verify = (cookie: string, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/two-factor/verify-totp', headers: { cookie }, payload: { code } });

describe('two-factor sign-in', () => {
  it('asks for the code after the password, refuses a wrong one and accepts the right one', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'socialtjanst');
    const member = await t.member(tenant, org, 'handlaggare');
    const password = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: member.email, password: 'korrekt-hast-batteri-häftklammer' } });
    expect(password.statusCode).toBe(200);
    expect(password.json()).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    const pending = cookieHeader(password);
    // The password alone is no session.
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: pending } })).statusCode).toBe(401);

    const wrong = await verify(pending, await wrongCodeFor(member.totpUri!));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_two_factor_code');

    // Asking to trust this device changes nothing: every sign-in asks for the code.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie: pending },
      payload: { code: await totpCodeFromUri(member.totpUri!), trustDevice: true },
    });
    expect(right.statusCode).toBe(200);
    expect(right.cookies.some((c) => c.name.includes('trust_device'))).toBe(false);
    expect(right.json().token).toBeUndefined();
    const cookie = cookieHeader(right);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
    const rows = await t.database.db.select({ authMethod: sessionTable.authMethod }).from(sessionTable).where(eq(sessionTable.userId, member.userId));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.authMethod === 'password')).toBe(true);
  });

  it('locks the second factor after five wrong codes, even for the right code', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'skola');
    const member = await t.member(tenant, org, 'skolpersonal');
    let cookie = await t.passwordSignIn(member.email);
    const answers: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await verify(cookie, await wrongCodeFor(member.totpUri!));
      answers.push(`${response.statusCode} ${response.json().error.code}`);
    }
    expect(answers.slice(0, 4)).toEqual(Array(4).fill('401 invalid_two_factor_code'));
    // A fresh password step does not reset the count of wrong codes.
    cookie = await t.passwordSignIn(member.email);
    const locked = await verify(cookie, await totpCodeFromUri(member.totpUri!));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_temporarily_locked');
  });

  it('refuses tenant data to a role that needs two-factor when the user has none', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'socialtjanst');
    const member = await t.member(tenant, org, 'handlaggare', { withTwoFactor: false });
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: member.headers });
    expect(session.statusCode).toBe(200);
    expect(session.json().twoFactorRequired).toBe(true);
    const organisations = await t.app.inject({ method: 'GET', url: '/api/organisations', headers: member.headers });
    expect(organisations.statusCode).toBe(403);
    expect(organisations.json().error.code).toBe('two_factor_required');
  });

  it('enrols TOTP: enable returns the URI and backup codes, verifying the first code turns it on', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'socialtjanst');
    const member = await t.member(tenant, org, 'handlaggare', { withTwoFactor: false });
    const enabled = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/enable', headers: member.headers, payload: { password: 'korrekt-hast-batteri-häftklammer' } });
    expect(enabled.statusCode).toBe(200);
    const { totpURI, backupCodes } = enabled.json() as { totpURI: string; backupCodes: string[] };
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/Samverka/);
    expect(backupCodes.length).toBeGreaterThanOrEqual(8);
    const confirmed = await verify(member.headers.cookie!, await totpCodeFromUri(totpURI));
    expect(confirmed.statusCode).toBe(200);
    // Turning TOTP on replaced the session; it keeps the membership the user was working as.
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieHeader(confirmed) } });
    expect(session.statusCode).toBe(200);
    expect(session.json().twoFactorRequired).toBe(false);
    expect(session.json().active.membershipId).toBe(member.membershipId);
  });
});
