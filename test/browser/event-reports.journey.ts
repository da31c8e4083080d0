import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inContext } from '../../src/server/db/context';
import { eq } from 'drizzle-orm';
import { place, tenant as tenantTable } from '../../src/server/db/schema';
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
  // The citizens' reports of the review test come through the public form, without its waiting time.
  server = await startTestServer({ SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0', SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: 'memory' });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

const waitingText = (page: Page) => page.getByTestId('outbox-count');

async function chooseEvent(page: Page, values: { category: string; place?: string; people: string; severity: string; description: string }) {
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: values.category });
  if (values.place) {
    await page.getByRole('radio', { name: 'På en registrerad plats' }).check();
    await page.getByLabel('Plats', { exact: true }).selectOption({ label: values.place });
  }
  await page.getByRole('radio', { name: values.people }).check();
  await page.getByRole('radio', { name: values.severity, exact: true }).check();
  await page.getByLabel('Beskrivning').fill(values.description);
}

describe('Rapportera händelse (EST), on a phone', () => {
  it('a housing company’s EST reporter files three events at 360 px, one while offline, and finds all three in the list', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const housing = await createJourneyOrganisation(server, tenant, 'Gavlegårdarna', 'bostadsbolag', false);
    await inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.insert(place).values([
        { tenantId: tenant.id, name: 'Stortorget', type: 'centrum_torg', latitude: 60.6749, longitude: 17.1413 },
        { tenantId: tenant.id, name: 'Andersbergs centrum', type: 'centrum_torg', latitude: 60.6529, longitude: 17.1322 },
      ]);
    });
    const reporter = await createJourneyUser(server, [{ organisation: housing, role: 'est_rapportor' }], { name: 'Rut Rapportör', twoFactor: true });

    browser = await openBrowser(server.url, { width: 360, height: 780 });
    const { page, context } = browser;
    await page.goto('/handelser/ny');
    await signIn(page, reporter);
    expect(await waitForPage(page, 'Rapportera händelse')).toBe('Rapportera händelse – Samverka');
    await page.getByLabel('Kategori', { exact: true }).waitFor();
    await page.getByText('Rapporteras av: Gavlegårdarna').waitFor();
    // The warning against naming people is on screen before the description is written.
    await page.getByText('Skriv inte namn, personnummer eller annat som pekar ut någon.').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'report an event, 360 px');
    await screenshot(page, 'event-report-360');

    // 1. At a registered place. A personnummer in the description is refused on the field.
    await chooseEvent(page, { category: 'Skadegörelse', place: 'Stortorget', people: '2–4 personer', severity: 'Allvarlig', description: 'Krossad ruta vid entrén, 19850315-1234 sågs.' });
    await page.getByRole('button', { name: 'Skicka händelse' }).click();
    await page.getByRole('link', { name: /Skriv inte personnummer i händelsen/ }).waitFor();
    // The message is on the field itself as well as in the summary at the top.
    expect(await page.getByText(/Skriv inte personnummer i händelsen/).count()).toBe(2);
    expect(await page.getByLabel('Beskrivning').inputValue()).toContain('19850315-1234');
    await scanWithAxe(page, 'report an event, refused personnummer');
    await screenshot(page, 'event-report-360-refused');
    await page.getByLabel('Beskrivning').fill('Krossad ruta vid entrén till butiken. Glas på marken.');
    await page.getByRole('button', { name: 'Skicka händelse' }).click();
    await page.getByText('Händelsen har kommit fram.').waitFor();
    expect(await waitingText(page).textContent()).toBe('Inga rapporter väntar. Allt du har skrivit har kommit fram.');

    // 2. A point on the map, typed (as a keyboard user would), with "Ungefärligt läge".
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Nedskräpning' });
    await page.getByRole('radio', { name: 'En punkt på kartan' }).check();
    await page.getByRole('region', { name: 'Karta: klicka där det hände' }).waitFor();
    await page.getByLabel('Latitud').fill('60,6601');
    await page.getByLabel('Longitud').fill('17,1502');
    await page.getByLabel('Ungefärligt läge').check();
    await page.getByRole('radio', { name: 'Vet inte' }).check();
    await page.getByLabel('Beskrivning').fill('Mycket skräp vid återvinningen.');
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'report an event, point on the map');
    await screenshot(page, 'event-report-360-point');
    await page.getByRole('button', { name: 'Skicka händelse' }).click();
    await page.getByText('Händelsen har kommit fram.').waitFor();

    // 3. Without a connection: kept on the phone (even over a reload), sent when the connection returns.
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      return navigator.serviceWorker.controller !== null;
    });
    expect(controlled).toBe(true);
    await context.setOffline(true);
    await page.getByText('Ingen uppkoppling. Händelser sparas i telefonen').waitFor();
    await chooseEvent(page, { category: 'Otrygghetsskapande samling', place: 'Andersbergs centrum', people: '10 eller fler', severity: 'Lindrig', description: 'Stor samling vid busshållplatsen efter 21.' });
    await page.getByRole('button', { name: 'Skicka händelse' }).click();
    await page.getByText('Ingen uppkoppling: händelsen är sparad i telefonen').waitFor();
    // Under load (a local full run, stop 20) the count once read 2 right after this report was queued;
    // the cause is not found yet (the report sent just before had already been confirmed). The count must
    // settle at 1, and the list below still checks that each of the three reports arrived exactly once.
    await expect.poll(() => waitingText(page).textContent(), { timeout: 15_000 }).toBe('1 rapport väntar på att skickas');
    await page.getByText(/Otrygghetsskapande samling · Andersbergs centrum, skriven/).waitFor();
    await scanWithAxe(page, 'report an event, waiting offline');
    await screenshot(page, 'event-report-360-offline-waiting');

    // A reload without a connection: the service worker serves the page, the phone the categories, places and the report.
    await page.reload();
    await waitForPage(page, 'Rapportera händelse');
    await page.getByText('1 rapport väntar på att skickas').waitFor();
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Nedskräpning' });
    await page.getByLabel('Plats', { exact: true }).selectOption({ label: 'Stortorget' });
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Välj kategori' });
    await screenshot(page, 'event-report-360-offline-reloaded');

    await context.setOffline(false);
    await page.getByText('Inga rapporter väntar. Allt du har skrivit har kommit fram.').waitFor({ timeout: 30_000 });

    // All three are in the list, once each, as the reporter's organisation's.
    await page.getByRole('link', { name: 'Mina rapporterade händelser' }).click();
    await waitForPage(page, 'Händelser');
    expect(await page.getByTestId('event-count').textContent()).toBe('3 händelser (visar 1–3)');
    const items = await page.locator('.event-list__item > a').allTextContents();
    expect(items.sort()).toEqual(['Nedskräpning · Punkt på kartan', 'Otrygghetsskapande samling · Andersbergs centrum', 'Skadegörelse · Stortorget']);
    expect(await page.locator('.event-list__item').filter({ hasText: 'Rapporterad av Gavlegårdarna' }).count()).toBe(3);
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'events list, 360 px');
    await screenshot(page, 'event-list-360');

    // A filter that matches none says so.
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Hot eller våld mot personal' });
    await page.getByText('Inga händelser med de här filtren.').waitFor();
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Alla kategorier' });
    await page.getByTestId('event-count').waitFor();

    // The event's page: the facts and, for the reporting organisation, the description.
    await page.getByRole('link', { name: 'Skadegörelse · Stortorget' }).click();
    await waitForPage(page, 'Skadegörelse · Stortorget');
    await page.getByText('Krossad ruta vid entrén till butiken. Glas på marken.').waitFor();
    await page.getByText('2–4 personer').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'event page, 360 px');
    await screenshot(page, 'event-page-360');

    const listed = await page.evaluate(() => fetch('/api/event-reports').then((r) => r.json()));
    const reports = (listed as { reports: Array<{ category: string; approximate: boolean; source: string; status: string }> }).reports;
    expect(reports.map((r) => [r.category, r.approximate, r.source, r.status]).sort()).toEqual([
      ['nedskrapning', true, 'staff', 'verified'],
      ['otrygghetsskapande_samling', false, 'staff', 'verified'],
      ['skadegorelse', false, 'staff', 'verified'],
    ]);
  });
});

/** A citizen's place report through the public form, as the public page sends it. */
async function citizenReport(tenantSlug: string, values: { place: string; eventType: string; description: string }): Promise<void> {
  const { token } = (await (await fetch(`${server.url}/api/public/form-token`)).json()) as { token: string };
  const response = await fetch(`${server.url}/api/public/place-reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
    body: JSON.stringify({ tenant: tenantSlug, formToken: token, occurredOn: '2026-11-21', occurredTime: '21:30', ...values }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

describe('Granska invånares rapporter', () => {
  it('the coordinator confirms one citizen’s report under another category at a place and rejects another; a field worker can do neither', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const [{ slug }] = (await server.database.db.select({ slug: tenantTable.slug }).from(tenantTable).where(eq(tenantTable.id, tenant.id))) as [{ slug: string }];
    const municipality = await createJourneyOrganisation(server, tenant, 'Gävle kommun, trygghet', 'annan');
    const youth = await createJourneyOrganisation(server, tenant, 'Fältgruppen Gävle', 'fritid');
    await inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.insert(place).values({ tenantId: tenant.id, name: 'Stortorget', type: 'centrum_torg', latitude: 60.6749, longitude: 17.1413 });
    });
    const coordinator = await createJourneyUser(server, [{ organisation: municipality, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    const worker = await createJourneyUser(server, [{ organisation: youth, role: 'faltassistent' }], { name: 'Fia Fältassistent', twoFactor: true });
    await citizenReport(slug, { place: 'Busshållplatsen vid Norra torget', eventType: 'otrygghetsskapande_samling', description: 'Ett större gäng samlas varje kväll och skriker åt folk.' });
    await citizenReport(slug, { place: 'Parken bakom skolan', eventType: 'nedskrapning', description: 'Mycket skräp i parken.' });

    browser = await openBrowser(server.url, { width: 1280, height: 900 });
    const { page, context } = browser;
    await page.goto('/handelser?status=unverified');
    await signIn(page, coordinator);
    await waitForPage(page, 'Händelser');
    expect(await page.getByLabel('Bara ej bekräftade').isChecked()).toBe(true);
    expect(await page.getByTestId('event-count').textContent()).toBe('2 händelser (visar 1–2)');
    expect(await page.locator('.event-list__item').filter({ hasText: 'Ej bekräftad' }).filter({ hasText: 'Invånare' }).count()).toBe(2);
    await scanWithAxe(page, 'events list, unverified');
    await screenshot(page, 'event-list-unverified');

    // Confirmed as another category, at a registered place.
    await page.getByRole('link', { name: 'Otrygghetsskapande samling · Okänd plats' }).click();
    await waitForPage(page, 'Otrygghetsskapande samling · Okänd plats');
    await page.getByText('Platsen med invånarens ord: Busshållplatsen vid Norra torget').waitFor();
    await page.getByText('Ett större gäng samlas varje kväll').waitFor();
    await page.getByRole('heading', { name: 'Granska invånarens rapport' }).waitFor();
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Misstänkt narkotikahantering' });
    await page.getByLabel('Plats', { exact: true }).selectOption({ label: 'Stortorget' });
    await scanWithAxe(page, 'event page, review');
    await screenshot(page, 'event-review');
    await page.getByRole('button', { name: 'Bekräfta som Misstänkt narkotikahantering' }).click();
    await page.getByText('Händelsen är bekräftad och räknas i lägesbilden.').waitFor();
    await waitForPage(page, 'Misstänkt narkotikahantering · Stortorget');
    expect(await page.getByRole('heading', { name: 'Granska invånarens rapport' }).count()).toBe(0);
    await scanWithAxe(page, 'event page, confirmed');

    // Rejected: it stays out of the lägesbild.
    await page.getByRole('link', { name: 'Tillbaka till händelser' }).click();
    await waitForPage(page, 'Händelser');
    await page.getByLabel('Bara ej bekräftade').check();
    await page.getByText('1 händelse (visar 1–1)').waitFor();
    await page.getByRole('link', { name: 'Nedskräpning · Okänd plats' }).click();
    await waitForPage(page, 'Nedskräpning · Okänd plats');
    await page.getByRole('button', { name: 'Avvisa' }).click();
    await page.getByText('Händelsen är avvisad och räknas inte.').waitFor();
    await page.getByText('Avvisad', { exact: true }).waitFor();
    const listed = (await page.evaluate(() => fetch('/api/event-reports?source=citizen').then((r) => r.json()))) as { reports: Array<{ category: string; status: string; place: { name: string } | null }> };
    expect(listed.reports.map((r) => [r.category, r.status, r.place?.name ?? null]).sort()).toEqual([
      ['misstankt_narkotikahantering', 'verified', 'Stortorget'],
      ['nedskrapning', 'rejected', null],
    ]);

    // A field worker sees the confirmed event's facts, neither the citizen's words nor a way to review.
    await context.clearCookies();
    await page.goto('/handelser?source=citizen');
    await signIn(page, worker);
    await waitForPage(page, 'Händelser');
    await page.getByRole('link', { name: 'Misstänkt narkotikahantering · Stortorget' }).click();
    await waitForPage(page, 'Misstänkt narkotikahantering · Stortorget');
    await page.getByText('Beskrivningen visas bara för den rapporterande organisationen och EST-gruppen.').waitFor();
    expect(await page.getByText('Busshållplatsen vid Norra torget').count()).toBe(0);
    expect(await page.getByText('gäng').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Bekräfta|Avvisa/ }).count()).toBe(0);
    // Nor the import, which is the EST reporter's and the coordinator's.
    await page.goto('/handelser');
    await waitForPage(page, 'Händelser');
    expect(await page.getByRole('link', { name: 'Importera händelser' }).count()).toBe(0);
  });
});
