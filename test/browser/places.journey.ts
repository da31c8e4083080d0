import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  fitsViewport,
  openBrowser,
  scanWithAxe,
  screenshot,
  signIn,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type JourneyUser,
  type TestServer,
} from './support';
import { inContext } from '../../src/server/db/context';
import { place } from '../../src/server/db/schema';

let server: TestServer;
let browser: JourneyBrowser | null = null;
let leader: JourneyUser;
let tenantId: string;

beforeAll(async () => {
  server = await startTestServer();
  const tenant = await createJourneyTenant(server, 'Gävle kommun');
  tenantId = tenant.id;
  const fritid = await createJourneyOrganisation(server, tenant, 'Fritidsgårdarna Gävle', 'fritid');
  leader = await createJourneyUser(server, [{ organisation: fritid, role: 'fritidsledare' }], { name: 'Fia Fritidsledare', twoFactor: true });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

describe('Platser', () => {
  it('a fritidsledare adds a place, sets its ungdomstider, and finds it on the map and in the list', async () => {
    browser = await openBrowser(server.url, { width: 1366, height: 900 });
    const { page } = browser;
    await page.goto('/');
    await signIn(page, leader);
    await waitForPage(page, 'Översikt');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Platser' }).click();
    expect(await waitForPage(page, 'Platser')).toBe('Platser – Samverka');
    await page.getByText('Inga platser ännu').waitFor();
    await scanWithAxe(page, 'places, empty');

    await page.getByRole('link', { name: 'Lägg till plats' }).click();
    await waitForPage(page, 'Ny plats');
    await page.getByLabel('Namn', { exact: true }).fill('Stortorget');
    await page.getByLabel('Typ av plats').selectOption('centrum_torg');
    // A click on the map picks the position; the coordinates appear in their fields.
    const map = page.getByRole('region', { name: 'Karta över platser och områden' });
    await map.click({ position: { x: 200, y: 150 } });
    expect(await page.getByLabel('Latitud').inputValue()).toMatch(/^60\.\d+/);
    // Typed coordinates work as well (keyboard users), and win.
    await page.getByLabel('Latitud').fill('60.6749');
    await page.getByLabel('Longitud').fill('17.1413');
    await page.getByLabel('Adress (valfritt)').fill('Stortorget, Gävle');
    await page.getByLabel('Öppnar fredag').fill('08:00');
    await page.getByLabel('Stänger fredag').fill('24:00');
    await scanWithAxe(page, 'new place form');
    await page.getByRole('button', { name: 'Lägg till plats' }).click();
    await waitForPage(page, 'Stortorget');

    // Ungdomstider by keyboard: Friday 20 is the grid's cell in the tab order; 3 = many, arrow down to the next hour.
    const cell = (weekday: number, hour: number) => page.locator(`[data-cell="${weekday}-${hour}"]`);
    await cell(5, 20).focus();
    for (const hour of [20, 21, 22, 23]) {
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe(`5-${hour}`);
      await page.keyboard.press('3');
      if (hour < 23) await page.keyboard.press('ArrowDown');
    }
    expect(await cell(5, 23).getAttribute('aria-label')).toBe('fredag 23–24: Många');
    // A click steps the level: none → few.
    await cell(6, 15).click();
    expect(await cell(6, 15).getAttribute('data-level')).toBe('few');
    await page.getByRole('button', { name: 'Spara ungdomstider' }).click();
    await page.getByText('Ungdomstiderna är sparade.').waitFor();
    const summary = await page.locator('.youth-summary').textContent();
    expect(summary).toContain('fredag 20–24: många');
    expect(summary).toContain('lördag 15–16: få');
    await scanWithAxe(page, 'place with ungdomstider');
    await screenshot(page, 'places-place-1366');

    // A reload shows what the server saved.
    await page.reload();
    await waitForPage(page, 'Stortorget');
    expect(await cell(5, 22).getAttribute('data-level')).toBe('many');

    await page.getByRole('link', { name: 'Tillbaka till platser' }).click();
    await waitForPage(page, 'Platser');
    const table = page.getByRole('region', { name: 'Platserna på kartan, som lista' });
    await table.getByRole('link', { name: 'Stortorget' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    // The map draws the place as a marker (a vector circle, no image).
    await page.locator('.place-map path.leaflet-interactive').first().waitFor();
    expect(await page.locator('.place-map path.leaflet-interactive').count()).toBe(1);
    expect(await page.locator('.place-map img').count()).toBe(0);
    await scanWithAxe(page, 'places with one place');
    await screenshot(page, 'places-list-1366');
  });

  it('works at 360 px: the list, the form and the ungdomstider grid fit the screen', async () => {
    // Its own place, so this test stands alone.
    await inContext(server.database.db, { tenantId, userId: null }, (tx) =>
      tx.insert(place).values({ tenantId, name: 'Sätra centrum', type: 'centrum_torg', latitude: 60.6583, longitude: 17.1002 }),
    );
    browser = await openBrowser(server.url, { width: 360, height: 780 });
    const { page } = browser;
    await page.goto('/platser');
    await signIn(page, leader);
    await waitForPage(page, 'Platser');
    await page.getByRole('region', { name: 'Platserna på kartan, som lista' }).getByRole('link', { name: 'Sätra centrum' }).waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'places 360');
    await screenshot(page, 'places-list-360');

    await page.getByRole('link', { name: 'Sätra centrum' }).click();
    await waitForPage(page, 'Sätra centrum');
    await page.locator('[data-cell="5-20"]').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await page.locator('[data-cell="1-16"]').click();
    expect(await page.locator('[data-cell="1-16"]').getAttribute('data-level')).toBe('few');
    await scanWithAxe(page, 'place 360');
    await screenshot(page, 'places-place-360');
  });
});
