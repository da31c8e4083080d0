import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
import { isoWeekOf, isoWeekWindow, localDateOf } from '../../src/shared/stockholm-time';

let server: TestServer;
const browsers: JourneyBrowser[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const browser of browsers.splice(0)) {
    expect(browser.foreignRequests).toEqual([]);
    await browser.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

const WEEK = isoWeekOf(localDateOf(new Date()));
const FRIDAY = isoWeekWindow(WEEK).dates[4]!;

async function signedIn(user: JourneyUser, width = 1366, path = '/'): Promise<Page> {
  const browser = await openBrowser(server.url, { width });
  browsers.push(browser);
  await browser.page.goto(path);
  await signIn(browser.page, user);
  return browser.page;
}

/** Journey set-up through the API, in the signed-in page (the same cookies and CSRF header the client sends). */
async function apiCall<T>(page: Page, method: string, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/** Fills the plan form: a weekly Friday evening at a place. */
async function planFridayEvening(page: Page, place: string, staffRole: string, visibility?: string) {
  await page.getByRole('link', { name: 'Planera närvaro' }).click();
  await waitForPage(page, 'Planera närvaro');
  await page.getByLabel('Plats eller område').selectOption({ label: place });
  await page.getByLabel('Vilka').selectOption({ label: staffRole });
  await page.getByLabel('Datum (första gången)').fill(FRIDAY);
  await page.getByLabel('Från', { exact: true }).fill('20:00');
  await page.getByLabel('Till', { exact: true }).fill('00:00');
  for (const day of ['Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Lördag', 'Söndag']) await page.getByRole('checkbox', { name: day, exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Fredag', exact: true }).check();
  if (visibility) await page.getByLabel('Vem får se närvaron').selectOption({ label: visibility });
  await scanWithAxe(page, 'plan presence form');
  await page.getByRole('button', { name: 'Spara närvaron' }).click();
  await page.getByText('Närvaron är sparad.').waitFor();
}

describe('Närvaroplan', () => {
  it('a youth leader plans Friday-evening presence at a place with a gap, and the coordinator sees the gap close', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const fritid = await createJourneyOrganisation(server, tenant, 'Fritidsgårdarna', 'fritid');
    const municipality = await createJourneyOrganisation(server, tenant, 'Kommunledningen', 'annan');
    const leader = await createJourneyUser(server, [{ organisation: fritid, role: 'fritidsledare' }], { name: 'Fia Fritidsledare', twoFactor: true });
    const coordinator = await createJourneyUser(server, [{ organisation: municipality, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });

    // The youth leader adds the square and its ungdomstider (the places journey walks that UI).
    const leaderPage = await signedIn(leader);
    await waitForPage(leaderPage, 'Översikt');
    const place = await apiCall<{ id: string }>(leaderPage, 'POST', '/api/places', { name: 'Stortorget', type: 'centrum_torg', position: { latitude: 60.6749, longitude: 17.1413 } });
    await apiCall(leaderPage, 'PUT', `/api/places/${place.id}/youth-hours`, { hours: [20, 21, 22, 23].map((hour) => ({ weekday: 5, hour, level: 'many' })) });

    // The coordinator sees the gap, in the grid and in words.
    const coordinatorPage = await signedIn(coordinator, 1366, `/narvaroplan/tackning?vecka=${WEEK}`);
    await waitForPage(coordinatorPage, 'Täckning');
    await coordinatorPage.getByText('Fredag 20–24, Stortorget: ingen planerad närvaro, många unga').waitFor();
    const gapCell = coordinatorPage.locator('table.coverage-grid td[data-status="gap"]').first();
    expect(await gapCell.textContent()).toContain('Lucka');
    // On the map: the square's marker says "!" (not colour alone), and the table beside it says the same in words.
    const coverageMap = coordinatorPage.getByRole('region', { name: 'Karta över platser med planerad närvaro och luckor den här veckan' });
    await coverageMap.locator('.place-map__symbol').filter({ hasText: '!' }).waitFor();
    const mapTable = coordinatorPage.getByRole('region', { name: 'Platser och deras läge den här veckan' });
    await expect.poll(() => mapTable.getByRole('row', { name: /Stortorget/ }).textContent()).toContain('Lucka: många unga och ingen planerad');
    expect(await mapTable.getByRole('row', { name: /Stortorget/ }).textContent()).toContain('Ja');
    // Keyboard users reach the table (a focusable region); the markers are no tab stops of their own.
    await mapTable.focus();
    expect(await mapTable.evaluate((element) => element === document.activeElement)).toBe(true);
    await scanWithAxe(coordinatorPage, 'coverage with a gap');
    await screenshot(coordinatorPage, 'presence-coverage-gap-1366');

    // The youth leader plans Friday evenings there, from the navigation.
    await leaderPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Närvaroplan' }).click();
    await waitForPage(leaderPage, 'Närvaroplan');
    await planFridayEvening(leaderPage, 'Stortorget', 'Fritidsledare');
    await leaderPage.goto(`/narvaroplan?vecka=${WEEK}`);
    await leaderPage.locator('.presence-week__table').getByText('20:00–00:00').waitFor();
    await scanWithAxe(leaderPage, 'week plan');
    await screenshot(leaderPage, 'presence-week-1366');

    // The gap has closed.
    await coordinatorPage.reload();
    await waitForPage(coordinatorPage, 'Täckning');
    await coordinatorPage.getByText('Inga luckor den här veckan.').first().waitFor();
    expect(await coordinatorPage.getByText('Fredag 20–24, Stortorget').count()).toBe(0);
    await coverageMap.locator('.place-map__symbol').filter({ hasText: '✓' }).waitFor();
    expect(await coverageMap.locator('.place-map__symbol').filter({ hasText: '!' }).count()).toBe(0);
    expect(await mapTable.getByRole('row', { name: /Stortorget/ }).textContent()).toContain('Ingen lucka');
    await scanWithAxe(coordinatorPage, 'coverage, gap closed');
    await screenshot(coordinatorPage, 'presence-coverage-closed-1366');
  });

  it('a police officer plans authorities-only presence on a phone, and the association user does not see it', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const police = await createJourneyOrganisation(server, tenant, 'Polisen Sandviken', 'polis');
    const club = await createJourneyOrganisation(server, tenant, 'Nattvandrarna Sandviken', 'forening', false);
    const fritid = await createJourneyOrganisation(server, tenant, 'Fritid Sandviken', 'fritid');
    const officer = await createJourneyUser(server, [{ organisation: police, role: 'polis' }], { name: 'Peter Polis', twoFactor: true });
    const keyPerson = await createJourneyUser(server, [{ organisation: club, role: 'foreningsnyckelperson' }], { name: 'Nora Nyckelperson', twoFactor: true });
    const leader = await createJourneyUser(server, [{ organisation: fritid, role: 'fritidsledare' }], { name: 'Fia Fritid', twoFactor: true });

    const leaderPage = await signedIn(leader);
    await waitForPage(leaderPage, 'Översikt');
    await apiCall(leaderPage, 'POST', '/api/places', { name: 'Resecentrum', type: 'kollektivtrafiknod', position: { latitude: 60.6206, longitude: 16.7755 } });

    const officerPage = await signedIn(officer, 360, '/narvaroplan');
    await waitForPage(officerPage, 'Närvaroplan');
    await planFridayEvening(officerPage, 'Resecentrum', 'Områdespolis', 'Bara myndigheter (och den egna organisationen)');
    await officerPage.goto(`/narvaroplan?vecka=${WEEK}`);
    const day = officerPage.locator('.presence-week__days');
    await day.getByText('Bara myndigheter').first().waitFor();
    expect(await fitsViewport(officerPage)).toBe(true);
    await scanWithAxe(officerPage, 'week plan, phone');
    await screenshot(officerPage, 'presence-week-police-360');
    const entryHref = await day.getByRole('link', { name: '20:00–00:00' }).first().getAttribute('href');

    // The association's key person sees nothing of it: not in the week, not in coverage, not by its address.
    const keyPage = await signedIn(keyPerson, 360, `/narvaroplan?vecka=${WEEK}`);
    await waitForPage(keyPage, 'Närvaroplan');
    await keyPage.getByText('Ingen planerad närvaro den här veckan').waitFor();
    expect(await keyPage.getByText('Områdespolis').count()).toBe(0);
    await scanWithAxe(keyPage, 'week plan, association');
    await screenshot(keyPage, 'presence-week-association-360');
    await keyPage.goto(entryHref!);
    await keyPage.getByText(/finns inte, eller så saknar du behörighet/).waitFor();
    expect(await keyPage.getByText('Områdespolis').count()).toBe(0);

    // The youth leader (another authority) does see it.
    await leaderPage.goto(`/narvaroplan?vecka=${WEEK}`);
    await leaderPage.locator('.presence-week__table').getByText('Bara myndigheter').waitFor();
  });
});
