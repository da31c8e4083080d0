import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inContext } from '../../src/server/db/context';
import { place } from '../../src/server/db/schema';
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
  type TestServer,
} from './support';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

async function writeReport(page: Page, values: { place: string; youth13To15: string; mood: string; observations: string }) {
  await page.getByLabel('Plats', { exact: true }).selectOption({ label: values.place });
  await page.getByLabel('13–15 år').fill(values.youth13To15);
  await page.getByRole('radio', { name: values.mood }).check();
  await page.getByLabel('Iakttagelser').fill(values.observations);
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
}

const waitingText = (page: Page) => page.getByTestId('outbox-count');

describe('Fältrapport offline', () => {
  it('a field worker on a 360 px phone writes two reports without a connection, reloads, reconnects, and exactly two arrive', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const fritid = await createJourneyOrganisation(server, tenant, 'Fältgruppen Gävle', 'fritid');
    await createJourneyOrganisation(server, tenant, 'Polisen Gävle', 'polis');
    await inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.insert(place).values([
        { tenantId: tenant.id, name: 'Stortorget', type: 'centrum_torg', latitude: 60.6749, longitude: 17.1413 },
        { tenantId: tenant.id, name: 'Andersbergs fritidsgård', type: 'fritidsgard', latitude: 60.6596, longitude: 17.1755 },
      ]);
    });
    const worker = await createJourneyUser(server, [{ organisation: fritid, role: 'faltassistent' }], { name: 'Fia Fältassistent', twoFactor: true });

    browser = await openBrowser(server.url, { width: 360, height: 780 });
    const { page, context } = browser;
    await page.goto('/faltrapport');
    await signIn(page, worker);
    expect(await waitForPage(page, 'Fältrapport')).toBe('Fältrapport – Samverka');
    await page.getByLabel('Plats', { exact: true }).waitFor();
    expect(await waitingText(page).textContent()).toBe('Inga rapporter väntar. Allt du har skrivit har kommit fram.');
    // The service worker has taken over the page: its app shell and files are cached for offline use.
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      return navigator.serviceWorker.controller !== null;
    });
    expect(controlled).toBe(true);
    expect(await page.evaluate(() => fetch('/manifest.webmanifest').then((r) => r.json()).then((m: { name: string; icons: unknown[] }) => [m.name, m.icons.length]))).toEqual(['Samverka', 3]);
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'field report, 360 px');
    await screenshot(page, 'field-report-360');

    // No connection from here.
    await context.setOffline(true);
    await page.getByText('Ingen uppkoppling. Rapporter sparas i telefonen').waitFor();

    // A personnummer is refused before anything is queued, and a name-like word gets a hint.
    await writeReport(page, { place: 'Stortorget', youth13To15: '12', mood: 'Ansträngt', observations: 'Pratade med Kalle, 080512-1234.' });
    await page.getByRole('link', { name: /Skriv inte personnummer/ }).waitFor();
    await page.getByText('Ord som ser ut som namn: Kalle').waitFor();
    await scanWithAxe(page, 'field report, refused personnummer');
    await screenshot(page, 'field-report-360-refused');
    await page.getByLabel('Iakttagelser').fill('Stor samling vid busshållplatsen efter 21. Lugnade sig när vi kom.');
    await page.getByLabel('Till lägesbilden').check();
    await page.getByRole('button', { name: 'Skicka rapport' }).click();
    await page.getByText('Ingen uppkoppling: rapporten är sparad i telefonen').waitFor();
    expect(await waitingText(page).textContent()).toBe('1 rapport väntar på att skickas');

    await writeReport(page, { place: 'Andersbergs fritidsgård', youth13To15: '5', mood: 'Lugnt', observations: 'Lugnt, mest spel och pingis.' });
    await page.getByText('2 rapporter väntar på att skickas').waitFor();
    await scanWithAxe(page, 'field report, two waiting offline');
    await screenshot(page, 'field-report-360-offline-waiting');

    // A reload without a connection: the service worker serves the app shell, the phone the reports.
    await page.reload();
    await waitForPage(page, 'Fältrapport');
    await page.getByText('2 rapporter väntar på att skickas').waitFor();
    await page.getByLabel('Plats', { exact: true }).waitFor();
    await screenshot(page, 'field-report-360-offline-reloaded');

    // The connection returns: both are sent, once each.
    await context.setOffline(false);
    await page.getByText('Inga rapporter väntar. Allt du har skrivit har kommit fram.').waitFor({ timeout: 30_000 });
    const listed = await page.evaluate(() => fetch('/api/field-reports', { headers: { accept: 'application/json' } }).then((r) => r.json()));
    const reports = (listed as { reports: Array<{ place: { name: string }; youth13To15: number; forSituationPicture: boolean; mine: boolean }> }).reports;
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => [r.place.name, r.youth13To15, r.forSituationPicture, r.mine]).sort()).toEqual([
      ['Andersbergs fritidsgård', 5, false, true],
      ['Stortorget', 12, true, true],
    ]);
    await page.getByRole('heading', { name: 'Senaste rapporterna' }).waitFor();
    await page.locator('.field-recent__list li').nth(1).waitFor();
    await scanWithAxe(page, 'field report, sent');
    await screenshot(page, 'field-report-360-sent');

    // A reload online sends nothing twice.
    await page.reload();
    await waitForPage(page, 'Fältrapport');
    await page.locator('.field-recent__list li').nth(1).waitFor();
    const again = await page.evaluate(() => fetch('/api/field-reports').then((r) => r.json()));
    expect((again as { reports: unknown[] }).reports).toHaveLength(2);

    // The same page on a desktop.
    await page.setViewportSize({ width: 1366, height: 900 });
    await scanWithAxe(page, 'field report, 1366 px');
    await screenshot(page, 'field-report-1366');
  });
});
