import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  openBrowser,
  signIn,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';

/** A 1 × 1 grey PNG: every tile the local tile server hands out. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

let tiles: Server;
let tileOrigin: string;
const tileRequests: string[] = [];
let browser: JourneyBrowser | null = null;
const servers: TestServer[] = [];

beforeAll(async () => {
  tiles = createServer((request, response) => {
    tileRequests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    response.end(TILE);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await new Promise<void>((resolve) => tiles.close(() => resolve()));
});

/** A signed-in association key person on the Platser page of a fresh server. */
async function openPlaces(overrides: Record<string, string>) {
  const server = await startTestServer(overrides);
  servers.push(server);
  const tenant = await createJourneyTenant(server, 'Gävle kommun');
  const club = await createJourneyOrganisation(server, tenant, 'IK Nattvandrarna', 'forening', false);
  const member = await createJourneyUser(server, [{ organisation: club, role: 'foreningsnyckelperson' }], { twoFactor: true });
  browser = await openBrowser(server.url, { width: 1366, height: 900 });
  const requested: string[] = [];
  browser.page.on('request', (request) => requested.push(request.url()));
  return { server, member, page: browser.page, requested };
}

const originOf = (url: string) => (url.startsWith('data:') ? 'data:' : new URL(url).origin);

describe('the map’s tile source', () => {
  it('asks the configured tile host, and no other host, for tiles', async () => {
    const { server, member, page, requested } = await openPlaces({ SAMVERKA_MAP_TILES: `${tileOrigin}/tiles/{z}/{x}/{y}.png`, SAMVERKA_MAP_ATTRIBUTION: 'Lokala testkartor' });
    // The harness refuses every other host; the tile host is let through (later routes win).
    await browser!.context.route(`${tileOrigin}/**`, (route) => route.continue());
    await page.goto('/platser');
    await signIn(page, member);
    await waitForPage(page, 'Platser');
    await page.locator('.place-map img.leaflet-tile-loaded').first().waitFor();
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(tileRequests.every((url) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
    // The CSP let the tiles in: they loaded as images.
    expect(await page.locator('.place-map img.leaflet-tile-loaded').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await page.getByText('Lokala testkartor').waitFor();
    const origins = new Set(requested.map(originOf));
    origins.delete('data:');
    expect([...origins].sort()).toEqual([server.url, tileOrigin].sort());
    expect(browser!.foreignRequests.filter((url) => !url.startsWith(tileOrigin))).toEqual([]);
  });

  it('without SAMVERKA_MAP_TILES, no request leaves the app’s own origin', async () => {
    const before = tileRequests.length;
    const { server, member, page, requested } = await openPlaces({});
    await page.goto('/platser');
    await signIn(page, member);
    await waitForPage(page, 'Platser');
    await page.locator('.place-map.leaflet-container').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.place-map img').count()).toBe(0);
    expect(await page.locator('.place-map').getAttribute('data-tiles')).toBe('none');
    const origins = new Set(requested.map(originOf));
    origins.delete('data:');
    expect([...origins]).toEqual([server.url]);
    expect(browser!.foreignRequests).toEqual([]);
    expect(tileRequests.length).toBe(before);
  });
});
