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
  type JourneyUser,
  type TestServer,
} from './support';

let server: TestServer;
let browser: JourneyBrowser | null = null;
let coordinator: JourneyUser;
let teacher: JourneyUser;

beforeAll(async () => {
  server = await startTestServer();
  const tenant = await createJourneyTenant(server, 'Gävle kommun');
  const municipality = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
  await createJourneyOrganisation(server, tenant, 'Sätra IF', 'forening', false);
  const school = await createJourneyOrganisation(server, tenant, 'Sätraskolan', 'skola');
  coordinator = await createJourneyUser(server, [{ organisation: municipality, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
  teacher = await createJourneyUser(server, [{ organisation: school, role: 'skolpersonal' }], { name: 'Sara Skolkurator', twoFactor: true });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

describe('Katalog', () => {
  it('a coordinator adds a key person (refused in words until the role and a contact are given) and the association’s organisationsnummer (a wrong check digit refused); a teacher finds the person by searching, and cannot add', async () => {
    browser = await openBrowser(server.url, { width: 1366, height: 900 });
    const { page } = browser;
    await page.goto('/');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Katalog' }).click();
    expect(await waitForPage(page, 'Katalog')).toBe('Katalog – Samverka');
    await page.getByText('0 nyckelpersoner i 3 organisationer.').waitFor();
    await scanWithAxe(page, 'directory, no key persons');

    await page.getByRole('link', { name: 'Lägg till nyckelperson' }).click();
    await waitForPage(page, 'Ny nyckelperson');
    await page.getByLabel('Organisation').selectOption({ label: 'Sätra IF' });
    await page.getByLabel('Namn').fill('Omar Said');
    await page.getByLabel('Roll').selectOption('annan');
    // The legal basis is suggested; the coordinator may write their own.
    expect(await page.getByLabel('Rättslig grund för behandlingen').inputValue()).toContain('arbetskontaktuppgifter');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByText('Skriv vilken roll personen har.').first().waitFor();
    await page.getByText('Ange ett telefonnummer eller en e-postadress', { exact: false }).first().waitFor();
    await scanWithAxe(page, 'key person form with errors');
    await page.getByLabel('Vilken roll?').fill('Ungdomsledare');
    await page.getByLabel(/^E-post i tjänsten/).fill('omar@satraif.example');
    await page.getByLabel(/^Andra forum personen sitter i/).fill('Trygghetsrådet Sätra');
    await page.getByRole('button', { name: 'Lägg till' }).click();

    await waitForPage(page, 'Sätra IF');
    await page.getByText('Omar Said', { exact: true }).waitFor();
    await page.getByText('Trygghetsrådet Sätra').waitFor();
    await page.getByLabel(/^Organisationsnummer/).fill('802499-0008');
    await page.getByRole('button', { name: 'Spara organisationsnummer' }).click();
    await page.getByText('Organisationsnumret stämmer inte', { exact: false }).first().waitFor();
    await page.getByLabel(/^Organisationsnummer/).fill('8024990007');
    await page.getByRole('button', { name: 'Spara organisationsnummer' }).click();
    await page.getByText('Organisationsnumret är sparat.').waitFor();
    await page.getByText('Organisationsnummer 802499-0007').waitFor();
    // Adding from the organisation's page starts with the organisation chosen.
    await page.getByRole('link', { name: 'Lägg till nyckelperson i Sätra IF' }).click();
    await waitForPage(page, 'Ny nyckelperson');
    expect(await page.getByLabel('Organisation').locator('option:checked').textContent()).toBe('Sätra IF');
    await page.goBack();
    await waitForPage(page, 'Sätra IF');
    await scanWithAxe(page, 'directory organisation page');
    await screenshot(page, 'directory-organisation');

    await browser.context.clearCookies();
    await page.goto('/logga-in');
    await signIn(page, teacher);
    await waitForPage(page, 'Översikt');
    await page.goto('/katalog');
    await waitForPage(page, 'Katalog');
    await page.getByLabel('Sök', { exact: true }).fill('ungdomsledare');
    await page.getByText('1 nyckelperson i 1 organisationer.').waitFor();
    expect(page.url()).toContain('q=ungdomsledare');
    await page.getByText('Omar Said', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'omar@satraif.example' }).waitFor();
    expect(await page.getByRole('link', { name: 'Lägg till nyckelperson' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ändra Omar Said' }).count()).toBe(0);
    await page.getByLabel('Sök', { exact: true }).fill('ingen sådan');
    await page.getByText('Inget i katalogen matchar sökningen', { exact: false }).waitFor();
    await scanWithAxe(page, 'directory search, nothing found');
    await screenshot(page, 'directory-search-empty');
  });
});
