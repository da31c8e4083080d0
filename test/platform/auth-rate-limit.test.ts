import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../factories';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_SIGN_IN_RATE_LIMIT: '3', SAMVERKA_SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: '600', SAMVERKA_LOGIN_MAX_FAILURES: '50' });
});
afterAll(async () => t.close());

// Documentation-range addresses (never routed) of this file's own, one per test, so no counters are shared.
const attempt = (remoteAddress: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress,
    headers,
    payload: { email: `spray-${randomUUID().slice(0, 8)}@test.samverka.se`, password: 'fel-lösenord-igen-och-igen' },
  });

describe('sign-in rate limit per network address', () => {
  it('refuses the fourth attempt in the window from one address, with rate_limited and Retry-After', async () => {
    const address = '198.51.100.1';
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(address)).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await attempt(address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts per address: another address is not affected', async () => {
    const busy = '198.51.100.2';
    for (let i = 0; i < 4; i++) await attempt(busy);
    expect((await attempt(busy)).statusCode).toBe(429);
    expect((await attempt('203.0.113.2')).statusCode).toBe(401);
  });

  it('cannot be dodged with a forged address header', async () => {
    const address = '198.51.100.3';
    for (let i = 0; i < 3; i++) await attempt(address);
    const forged = await attempt(address, { 'x-forwarded-for': '192.0.2.7', 'x-samverka-client-ip': '192.0.2.8' });
    expect(forged.statusCode).toBe(429);
  });
});
