import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { TEST_PASSWORD, TestApp } from '../factories';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { session as sessionTable } from '../../src/server/db/schema';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

async function newUser(): Promise<{ id: string; email: string }> {
  const email = `bro-${randomUUID().slice(0, 8)}@test.samverka.se`;
  return createUserAccount(t.database.db, t.auth, { email, name: 'Bro Testsson', password: TEST_PASSWORD });
}

describe('the /api/auth bridge', () => {
  it('records the client address Fastify saw, not one the client claims', async () => {
    const { id, email } = await newUser();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: '198.51.100.77',
      headers: { 'x-forwarded-for': '192.0.2.1', 'x-samverka-client-ip': '192.0.2.2' },
      payload: { email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const rows = await t.database.db.select({ ip: sessionTable.ipAddress }).from(sessionTable).where(eq(sessionTable.userId, id));
    expect(rows.map((row) => row.ip)).toEqual(['198.51.100.77']);
  });

  it('passes form posts through and returns redirects with their Location', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/callback/kommun-idp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'code=abc123&state=xyz789',
    });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(location.pathname).toBe('/api/auth/callback/kommun-idp');
    expect(location.searchParams.get('code')).toBe('abc123');
    expect(location.searchParams.get('state')).toBe('xyz789');
  });

  it('refuses a body larger than the auth limit with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@test.samverka.se', password: 'x'.repeat(64 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('answers malformed input and unknown endpoints in the usual error envelope', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'inte-en-adress', password: TEST_PASSWORD } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_failed');
    const signUp = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up/email', payload: { email: 'ny@test.samverka.se', password: TEST_PASSWORD, name: 'Ny' } });
    expect(signUp.statusCode).toBe(404);
    expect(signUp.json().error.code).toBe('not_found');
  });
});
