import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  openBrowser,
  scanWithAxe,
  screenshot,
  signIn,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';
import { randomIdentityNumber } from '../factories';

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

describe('Loggkontroll', () => {
  it("a log reviewer finds, through a child's access history, that a coordinator just read the record, and sees the chain is intact", async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const coordinator = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { twoFactor: true, name: 'Kim Koordinator' });
    const reviewer = await createJourneyUser(server, [{ organisation: office, role: 'loggranskare' }], { twoFactor: true, name: 'Lo Loggranskare' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    // The coordinator registers a child and opens the record through the API (there is no person page yet).
    await page.goto('/logga-in');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    const identityNumber = randomIdentityNumber();
    const read = await page.evaluate(async (identityNumber) => {
      const headers = { 'content-type': 'application/json', 'x-samverka-csrf': '1' };
      const created = await fetch('/api/persons', {
        method: 'POST',
        headers,
        body: JSON.stringify({ identityNumber, firstName: 'Elsa', lastName: 'Granskadsson' }),
      });
      const { id } = (await created.json()) as { id: string };
      const opened = await fetch(`/api/persons/${id}`);
      return { created: created.status, opened: opened.status, id };
    }, identityNumber);
    expect(read).toMatchObject({ created: 201, opened: 200 });

    // The reviewer signs in, checks the chain, and finds the child by personnummer.
    await page.context().clearCookies();
    await page.goto('/logga-in');
    await signIn(page, reviewer);
    await waitForPage(page, 'Översikt');

    // The start page points at the systematic review: the coordinator read a child whose case team they are not on.
    const flagName = 'Åtkomst utanför ärendet: Kim Koordinator';
    await page.getByRole('link', { name: flagName }).click();
    await waitForPage(page, 'Systematisk loggranskning');
    const flag = page.locator('li', { has: page.getByRole('heading', { name: flagName }) });
    await flag.getByRole('button', { name: 'Visa händelserna' }).click();
    await flag.getByRole('region', { name: 'Händelserna bakom flaggan' }).getByRole('row', { name: /Läste person/ }).waitFor();
    await scanWithAxe(page, 'log review');
    await flag.getByLabel('Kommentar').fill('Registrerade barnet inför ett SSPF-ärende, kontrollerat.');
    await flag.getByRole('button', { name: 'Markera som granskad' }).click();
    await page.getByRole('region', { name: 'Granskade' }).getByRole('heading', { name: flagName }).waitFor();
    expect(await page.getByRole('region', { name: 'Granskade' }).textContent()).toContain('Granskad av Lo Loggranskare');

    await page.getByRole('navigation').getByRole('link', { name: 'Loggkontroll' }).click();
    expect(await waitForPage(page, 'Loggkontroll')).toBe('Loggkontroll – Samverka');
    await page.getByRole('heading', { name: 'Loggen är oförändrad' }).waitFor();
    expect(await page.getByText(/händelser kontrollerades/).textContent()).toMatch(/^\d+ händelser kontrollerades/);
    await page.getByRole('region', { name: 'Händelser i åtkomstloggen' }).waitFor();
    await scanWithAxe(page, 'loggkontroll');
    await screenshot(page, 'audit-log');

    // A filtered search: only reads of person records.
    await page.locator('#audit-search-action').selectOption('person.read');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('1 händelse.').waitFor();
    const searchRow = page.getByRole('region', { name: 'Händelser i åtkomstloggen' }).getByRole('row', { name: /Läste person/ });
    expect(await searchRow.textContent()).toContain('Kim Koordinator');
    expect(await page.getByRole('link', { name: 'Ladda ner som CSV' }).getAttribute('href')).toBe('/api/audit-log/export?action=person.read');

    await page.getByRole('link', { name: /Vem har läst om det här barnet\?/ }).click();
    await waitForPage(page, 'Vem har läst om det här barnet?');
    await scanWithAxe(page, 'find person');
    await page.getByLabel('Personnummer eller samordningsnummer').fill(identityNumber);
    await page.getByRole('button', { name: 'Visa åtkomsthistorik' }).click();
    expect(await waitForPage(page, 'Åtkomsthistorik för Elsa Granskadsson')).toBe('Åtkomsthistorik för Elsa Granskadsson – Samverka');
    const history = page.getByRole('region', { name: 'Åtkomsthistorik' });
    const readRow = history.getByRole('row', { name: /Läste person/ });
    await readRow.waitFor();
    expect(await readRow.textContent()).toContain('Kim Koordinator');
    expect(await readRow.textContent()).toContain('Socialtjänsten Gävle');
    expect(await readRow.textContent()).toContain('Tillåten');
    expect(await history.getByRole('row', { name: /Registrerade person/ }).count()).toBe(1);
    await scanWithAxe(page, 'person access history');
    await screenshot(page, 'audit-log-person-history');
  });

  it('works at 360 px', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunstyrelsen', 'annan');
    const reviewer = await createJourneyUser(server, [{ organisation: office, role: 'loggranskare' }], { twoFactor: true });
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;
    await page.goto('/loggkontroll');
    await signIn(page, reviewer);
    await waitForPage(page, 'Loggkontroll');
    await page.getByRole('heading', { name: 'Loggen är oförändrad' }).waitFor();
    await page.getByRole('heading', { name: 'Träffar' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await scanWithAxe(page, 'loggkontroll 360');
    await screenshot(page, 'audit-log-360');
  });
});
