import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestApp } from '../factories';
import { concernBody, intake, placeBody } from './concerns-support';

vi.mock('../../src/server/modules/notifications/notify', async (importOriginal) => (await import('./concerns-support')).guardedNotify(importOriginal));

/** The defaults: 10 submissions and 30 status lookups per client address and hour. */
describe.each(['database', 'memory'] as const)('public rate limits (%s storage)', (storage) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: storage });
  });
  afterAll(async () => t.close());

  const submit = (payload: Record<string, unknown>, remoteAddress: string, url = '/api/public/concerns') =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress });
  const lookUp = (code: string, remoteAddress: string) => t.app.inject({ method: 'GET', url: `/api/public/concerns/${code}`, remoteAddress });

  it('refuses the 11th submission in an hour from one address, concerns and place reports together', async () => {
    const { tenant } = await intake(t);
    const address = '198.51.100.7';
    for (let i = 0; i < 7; i += 1) expect((await submit(concernBody(t, tenant), address)).statusCode).toBe(201);
    for (let i = 0; i < 3; i += 1) expect((await submit(placeBody(t, tenant), address, '/api/public/place-reports')).statusCode).toBe(201);
    const eleventh = await submit(concernBody(t, tenant), address);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error).toEqual({ code: 'rate_limited', message: 'För många försök. Vänta en stund och försök igen.' });
    expect((await submit(placeBody(t, tenant), address, '/api/public/place-reports')).statusCode).toBe(429);
    expect((await submit(concernBody(t, tenant), '198.51.100.8')).statusCode).toBe(201);
  });

  it('stops guessing receipt codes, and a stopped lookup looks exactly like an unknown code', async () => {
    const { tenant } = await intake(t);
    const submitted = await submit(concernBody(t, tenant), '203.0.113.50');
    const code = submitted.json().receiptCode as string;
    const guesser = '203.0.113.66';
    expect((await lookUp(code, guesser)).statusCode).toBe(200);
    const unknown = await lookUp('AAAA-AAAA-AAAA', guesser);
    for (let i = 0; i < 28; i += 1) await lookUp('CCCC-CCCC-CCCC', guesser);
    const stopped = await lookUp(code, guesser);
    expect(stopped.statusCode).toBe(404);
    expect(stopped.body).toBe(unknown.body);
    const shown = (headers: Record<string, unknown>) => Object.keys(headers).filter((name) => !['date', 'content-length'].includes(name)).sort();
    expect(shown(stopped.headers)).toEqual(shown(unknown.headers));
    expect(Object.keys(stopped.headers).some((name) => name.startsWith('x-ratelimit') || name === 'retry-after')).toBe(false);

    const viaBody = await t.app.inject({ method: 'POST', url: '/api/public/concerns/status', payload: { receiptCode: code }, remoteAddress: guesser });
    expect(viaBody.statusCode).toBe(404);
    expect((await lookUp(code, '203.0.113.67')).statusCode).toBe(200);
  });
});
