import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestMember } from '../factories';

/**
 * An office behind one shared address, at the default limits (300 per address and minute for requests
 * without a session, 600 per session): a page load is some sixty files and a handful of API calls.
 * The web client's files are never counted, signed-in API calls count per session, and whoever has no
 * session still meets the per-address limit.
 */
const dist = mkdtempSync(join(tmpdir(), 'samverka-office-dist-'));
const ASSETS = [
  ...Array.from({ length: 38 }, (_, i) => `assets/chunk-${i}-a1b2c3.js`),
  ...Array.from({ length: 5 }, (_, i) => `assets/style-${i}-a1b2c3.css`),
  ...Array.from({ length: 8 }, (_, i) => `assets/font-${i}-a1b2c3.woff2`),
  // Translations are chunks of the build like any script (src/web/i18n/i18n.ts).
  ...['common', 'validation', 'home', 'inbox', 'cases', 'auth'].map((ns) => `assets/${ns}-a1b2c3.js`),
  'favicon.svg',
];
const PAGES = ['/', '/mottagning', '/samverkan', '/mitt-konto', '/loggkontroll'];
/**
 * Eight API calls a page: 40 pages make 320, more than one address may ask without a session (300).
 * The limiter counts any API route alike, so most are the cheap health check (the test stays quick).
 */
const API_CALLS = ['/api/session', '/api/notifications', ...Array.from({ length: 6 }, () => '/api/health')];
const OFFICE = '203.0.113.40';

let t: TestApp;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="sv"><head><title>Samverka</title></head><body><div id="root"></div></body></html>');
  for (const asset of ASSETS) writeFileSync(join(dist, asset), `/* ${asset} */`);
  // The defaults, not the tests' generous per-address limit.
  t = await TestApp.start({ SAMVERKA_WEB_DIST: dist, SAMVERKA_RATE_LIMIT_PER_MINUTE: '300' });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, remoteAddress, headers });

/** One page load as the browser does it: the page, every file at once, then the page's API calls. Returns the statuses. */
async function loadPage(page: string, remoteAddress: string, member: TestMember): Promise<number[]> {
  const statuses = [(await get(page, remoteAddress)).statusCode];
  const files = await Promise.all(ASSETS.map((asset) => get(`/${asset}`, remoteAddress)));
  statuses.push(...files.map((response) => response.statusCode));
  for (const call of API_CALLS) statuses.push((await get(call, remoteAddress, { cookie: member.headers.cookie! })).statusCode);
  return statuses;
}

async function loadPages(count: number, remoteAddress: string, member: TestMember): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push(...(await loadPage(PAGES[i % PAGES.length]!, remoteAddress, member)));
  return statuses;
}

/**
 * Requests one after another. @fastify/rate-limit's memory store hands every concurrent request the same
 * counter object, so a burst is judged on its final count: tests at the edge of a limit go in turn.
 */
async function inTurn(count: number, send: (i: number) => ReturnType<typeof get>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await send(i)).statusCode);
  return statuses;
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

describe('an office behind one address', () => {
  it('gives one user 40 page loads in a minute (2,720 requests) with no 429', async () => {
    const tenant = await t.tenant('Kontorskommun');
    const org = await t.organisation(tenant, 'skola');
    const user = await t.member(tenant, org, 'skolpersonal');
    const statuses = await loadPages(40, '203.0.113.41', user);
    expect(statuses.length).toBe(40 * (1 + ASSETS.length + API_CALLS.length));
    expect(tally(statuses)).toEqual({ 200: statuses.length });
  });

  it('gives five colleagues 40 page loads between them from one address with no 429', async () => {
    const tenant = await t.tenant('Kontorskommun');
    const org = await t.organisation(tenant, 'skola');
    const colleagues = await Promise.all(Array.from({ length: 5 }, () => t.member(tenant, org, 'skolpersonal')));
    const statuses = (await Promise.all(colleagues.map((colleague) => loadPages(8, OFFICE, colleague)))).flat();
    expect(statuses.length).toBe(40 * (1 + ASSETS.length + API_CALLS.length));
    expect(tally(statuses)).toEqual({ 200: statuses.length });
  });
});

describe('the limits that remain', () => {
  it('refuses an unauthenticated flood on a public endpoint from one address, and only that address', async () => {
    const flooder = '198.51.100.90';
    const statuses = await inTurn(300, () => get('/api/public/tenants', flooder));
    expect(tally(statuses)).toEqual({ 200: 300 });
    const refused = await get('/api/public/tenants', flooder, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get('/api/public/tenants', '198.51.100.91')).statusCode).toBe(200);
    // The page and its translations still load for the refused address: no raw keys on screen.
    expect((await get('/oro', flooder)).statusCode).toBe(200);
    expect((await get('/assets/common-a1b2c3.js', flooder)).statusCode).toBe(200);
  });

  it('counts a forged session cookie per address, so inventing cookies buys no fresh budget', async () => {
    const forger = '198.51.100.92';
    const forged = (i: number) => ({ cookie: `samverka.session_token=forged${i}.${Buffer.from(`sig${i}`).toString('base64')}` });
    const statuses = await inTurn(301, (i) => get('/api/health', forger, forged(i)));
    expect(tally(statuses)).toEqual({ 200: 300, 429: 1 });
  });

  it('still limits one signed-in session, and the user next to it is not affected', async () => {
    const tenant = await t.tenant('Kontorskommun');
    const org = await t.organisation(tenant, 'skola');
    const [busy, neighbour] = await Promise.all([t.member(tenant, org, 'skolpersonal'), t.member(tenant, org, 'skolpersonal')]);
    const address = '198.51.100.93';
    // Choosing the membership (t.member) was the session's first counted request.
    const statuses = await inTurn(599, () => get('/api/health', address, { cookie: busy.headers.cookie! }));
    expect(tally(statuses)).toEqual({ 200: 599 });
    expect((await get('/api/session', address, { cookie: busy.headers.cookie! })).statusCode).toBe(429);
    expect((await get('/api/session', address, { cookie: neighbour.headers.cookie! })).statusCode).toBe(200);
    expect((await get('/api/public/tenants', address)).statusCode).toBe(200);
  });
});
