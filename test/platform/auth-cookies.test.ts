import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, TestApp } from '../factories';
import { createUserAccount } from '../../src/server/modules/users/create-user';

const started: TestApp[] = [];
afterAll(async () => {
  for (const t of started) await t.close();
});

/** The raw Set-Cookie header of the session cookie after a password sign-in. */
async function sessionSetCookie(overrides: Record<string, string>): Promise<{ name: string; header: string; t: TestApp }> {
  const t = await TestApp.start(overrides);
  started.push(t);
  const email = `kaka-${randomUUID().slice(0, 8)}@test.samverka.se`;
  await createUserAccount(t.database.db, t.auth, { email, name: 'Kaka Testsson', password: TEST_PASSWORD });
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password: TEST_PASSWORD } });
  expect(response.statusCode).toBe(200);
  const raw = response.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const header = all.find((cookie) => /session_token=/.test(cookie));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return { name: header.split('=')[0]!, header, t };
}

describe('session cookie attributes', () => {
  it('is httpOnly and SameSite=Lax, and not Secure in test mode over http', async () => {
    const { name, header } = await sessionSetCookie({});
    expect(name).toBe('samverka.session_token');
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\//i);
    expect(header).not.toMatch(/;\s*Secure/i);
  });

  it('is also Secure, with the __Secure- prefix, in production', async () => {
    const { name, header, t } = await sessionSetCookie({ NODE_ENV: 'production', SAMVERKA_PUBLIC_URL: 'https://samverka.kommun.se' });
    expect(t.config.secureCookies).toBe(true);
    expect(name).toBe('__Secure-samverka.session_token');
    expect(header).toMatch(/;\s*Secure/i);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
  });
});
