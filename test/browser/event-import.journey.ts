import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

const csv = [
  'extern id;datum;tid från;tid till;kategori;plats;antal;allvarlighet;beskrivning',
  'G-1;2026-11-30;21:00;21:30;Skadegörelse;Stortorget;3;2;Krossad ruta i entrén',
  'G-2;2026-11-31;21:00;;Skadegörelse;Stortorget;;;',
  'G-3;2026-12-01;22:15;;Otrygg plats;Andersbergs centrum;;1;',
].join('\r\n');
const fixed = csv.replace('2026-11-31', '2026-12-01');
const file = (content: string) => ({ name: 'gavlegardarna-logg.csv', mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });

describe('Importera händelser', () => {
  it('a CSV log with a bad row: the preview names the row and the error in words, the fixed file imports, and the list has them', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const housing = await createJourneyOrganisation(server, tenant, 'Gavlegårdarna', 'bostadsbolag', false);
    await inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.insert(place).values([
        { tenantId: tenant.id, name: 'Stortorget', type: 'centrum_torg', latitude: 60.6749, longitude: 17.1413 },
        { tenantId: tenant.id, name: 'Andersbergs centrum', type: 'centrum_torg', latitude: 60.6529, longitude: 17.1322 },
      ]);
    });
    const reporter = await createJourneyUser(server, [{ organisation: housing, role: 'est_rapportor' }], { name: 'Rut Rapportör', twoFactor: true });

    browser = await openBrowser(server.url, { width: 1280, height: 900 });
    const { page } = browser;
    await page.goto('/handelser');
    await signIn(page, reporter);
    await waitForPage(page, 'Händelser');
    await page.getByText('Inga händelser har rapporterats ännu.').waitFor();
    await page.getByRole('link', { name: 'Importera händelser' }).click();
    expect(await waitForPage(page, 'Importera händelser')).toBe('Importera händelser – Samverka');
    await scanWithAxe(page, 'event import, empty');

    // The file with a bad date: the preview says which row, which column and what is wrong.
    await page.getByLabel('Fil', { exact: true }).setInputFiles(file(csv));
    await page.getByRole('radio', { name: /CSV/ }).waitFor();
    expect(await page.getByRole('radio', { name: /CSV/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toBe('3 rader: 2 utan fel, 1 med fel, 0 överhoppade, 0 redan importerade.');
    const row = page.getByRole('row').filter({ hasText: 'Fel, importeras inte' });
    expect(await row.count()).toBe(1);
    expect(await row.getByRole('cell').first().textContent()).toBe('3');
    await row.getByText('datum: Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-04.').waitFor();
    // The preview never echoes a description back.
    expect(await page.getByText('Krossad ruta').count()).toBe(0);
    await scanWithAxe(page, 'event import, preview with a bad row');
    await screenshot(page, 'event-import-bad-row');

    // A dry run stores nothing.
    await page.getByRole('button', { name: 'Provkör (ingenting sparas)' }).click();
    await page.getByTestId('import-dry-run').waitFor();
    expect(await page.getByTestId('import-dry-run').textContent()).toContain('Provkörning: 2 händelser skulle importeras. Ingenting har sparats.');
    const none = await page.evaluate(() => fetch('/api/event-reports').then((r) => r.json()));
    expect((none as { total: number }).total).toBe(0);

    // The user fixes the file and chooses it again: every row is good, and the import stores all three.
    await page.getByLabel('Fil', { exact: true }).setInputFiles(file(fixed));
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByText('3 rader: 3 utan fel, 0 med fel, 0 överhoppade, 0 redan importerade.').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Fel, importeras inte' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('3 händelser importerades.');
    await scanWithAxe(page, 'event import, imported');
    await screenshot(page, 'event-import-done');

    // The same page fits a phone.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'event import, 360 px');
    await screenshot(page, 'event-import-360');

    await page.getByRole('link', { name: 'Se importerade händelser' }).click();
    await waitForPage(page, 'Händelser');
    expect(await page.getByTestId('event-count').textContent()).toBe('3 händelser (visar 1–3)');
    expect(await page.locator('.event-list__item').filter({ hasText: 'Import' }).count()).toBe(3);
  });
});
