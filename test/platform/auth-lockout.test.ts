import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { TEST_PASSWORD, TestApp } from '../factories';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { signInFailure, user } from '../../src/server/db/schema';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_LOGIN_MAX_FAILURES: '5', SAMVERKA_LOGIN_LOCKOUT_MINUTES: '15' });
});
afterAll(async () => t.close());

const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', headers: { 'accept-language': 'sv' }, payload: { email, password } });

async function newUser(): Promise<string> {
  const email = `lockout-${randomUUID().slice(0, 8)}@test.samverka.se`;
  await createUserAccount(t.database.db, t.auth, { email, name: 'Låst Testsson', password: TEST_PASSWORD });
  return email;
}

/** Status and error code of five wrong passwords followed by the right one. */
async function fiveWrongThenRight(email: string) {
  const answers: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await signIn(email, 'fel-lösenord-igen-och-igen');
    answers.push(`${response.statusCode} ${response.json().error.code}`);
  }
  const right = await signIn(email, TEST_PASSWORD);
  answers.push(`${right.statusCode} ${right.json().error?.code}`);
  return { answers, right };
}

describe('sign-in lockout', () => {
  it('locks an address after five failures, and then refuses even the right password', async () => {
    const email = await newUser();
    const { answers, right } = await fiveWrongThenRight(email);
    expect(answers).toEqual([
      '401 invalid_credentials',
      '401 invalid_credentials',
      '401 invalid_credentials',
      '401 invalid_credentials',
      '429 account_temporarily_locked',
      '429 account_temporarily_locked',
    ]);
    expect(right.cookies.some((cookie) => cookie.name.includes('session_token') && cookie.value)).toBe(false);
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(right.json().error.message).toMatch(/spärrad/);
    expect(right.json().error.message).toContain('15 minuter');
  });

  it('answers an unknown address exactly like a known one, so the answers never reveal an account', async () => {
    const known = await fiveWrongThenRight(await newUser());
    const unknown = await fiveWrongThenRight(`ingen-${randomUUID().slice(0, 8)}@test.samverka.se`);
    expect(unknown.answers).toEqual(known.answers);
    expect(unknown.right.json().error.message).toBe(known.right.json().error.message);
  });

  it('stores a keyed hash of the address, never the address', async () => {
    const email = await newUser();
    await signIn(email, 'fel-lösenord-igen-och-igen');
    const rows = await t.database.db.select().from(signInFailure).where(eq(signInFailure.emailHash, t.auth.samverka.lockout.keyOf(email)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.failures).toBe(1);
    expect(rows[0]!.emailHash).not.toContain(email.split('@')[0]!);
    // The same address typed differently counts against the same key.
    expect(t.auth.samverka.lockout.keyOf(` ${email.toUpperCase()} `)).toBe(rows[0]!.emailHash);
  });

  it('starts the count afresh after a successful sign-in', async () => {
    const email = await newUser();
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(email, 'fel-lösenord-igen-och-igen')).statusCode).toBe(401);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(email, 'fel-lösenord-igen-och-igen')).statusCode).toBe(401);
    const right = await signIn(email, TEST_PASSWORD);
    expect(right.statusCode).toBe(200);
    expect(right.json().token).toBeUndefined();
  });

  it('refuses a deactivated user with the same answer as a wrong password, and creates no session', async () => {
    const email = await newUser();
    await t.database.db.update(user).set({ active: false }).where(eq(user.email, email));
    const response = await signIn(email, TEST_PASSWORD);
    const wrong = await signIn(await newUser(), 'fel-lösenord-igen-och-igen');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(wrong.json());
    expect(response.cookies.some((cookie) => cookie.name.includes('session_token') && cookie.value)).toBe(false);
  });

  it('answers in English when asked', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { 'accept-language': 'en' },
      payload: { email: `ingen-${randomUUID().slice(0, 8)}@test.samverka.se`, password: 'fel-lösenord-igen-och-igen' },
    });
    expect(response.json().error).toEqual({ code: 'invalid_credentials', message: 'Wrong email address or password.' });
  });
});
