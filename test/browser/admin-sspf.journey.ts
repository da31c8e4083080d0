import { readFileSync } from 'node:fs';
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
import { runRetention } from '../../src/server/modules/retention/run-retention';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  // The nightly retention would otherwise run for every new tenant after 02:00 and fill the runs table.
  server = await startTestServer({ SAMVERKA_RETENTION_NIGHTLY: 'false' });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

describe('Samverkan (SSPF) settings and the register extract', () => {
  it('an administrator changes the consent age and a retention period, is stopped at 0 years, and sees the latest runs', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const admin = await createJourneyUser(server, [{ organisation: office, role: 'administrator' }], { twoFactor: true, name: 'Ada Admin' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/administration');
    await signIn(page, admin);
    await waitForPage(page, 'Administration');
    await page.getByRole('heading', { name: 'Samverkan (SSPF)' }).waitFor();
    const consentAge = page.locator('#consent-settings-youngPersonConsentAge');
    const caseYears = page.locator('#retention-settings-case');
    await consentAge.waitFor();
    await caseYears.waitFor();
    expect(await consentAge.inputValue()).toBe('15');
    expect(await caseYears.inputValue()).toBe('5');
    expect(await page.getByText('Perioderna måste granskas juridiskt', { exact: false }).count()).toBe(1);
    await page.getByRole('heading', { name: 'Ingen gallring har gjorts ännu' }).waitFor();
    // Until an administrator confirms the periods, nothing is deleted: the page warns until then.
    const unconfirmed = page.getByRole('heading', { name: 'Gallringsperioderna är inte bekräftade' });
    await unconfirmed.waitFor();
    await scanWithAxe(page, 'administration sspf');

    // The consent age: 16 is saved.
    await consentAge.fill('16');
    await page.getByRole('button', { name: 'Spara åldern' }).click();
    await page.getByText('Åldern är sparad: från 16 år samtycker den unga själv.').waitFor();

    // A retention period of 0 years is refused on the field, with the error summary linking to it.
    await caseYears.fill('0');
    await page.getByRole('button', { name: 'Spara gallringsperioderna' }).click();
    const summary = page.locator('#retention-settings ds-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Ärenden (efter avslut)');
    expect(await caseYears.getAttribute('aria-invalid')).toBe('true');
    const caseField = page.locator('.ds-field', { has: caseYears });
    expect(await caseField.textContent()).toContain('Värdet måste vara minst 1.');
    await scanWithAxe(page, 'retention field error');

    await caseYears.fill('10');
    await page.getByRole('button', { name: 'Spara gallringsperioderna' }).click();
    await page.getByText('Gallringsperioderna är sparade.', { exact: false }).waitFor();
    expect(await caseYears.getAttribute('aria-invalid')).not.toBe('true');

    // A dry run by the nightly job's code shows in the table; the saved values survive a reload.
    await runRetention(server.database, { tenantId: tenant.id, dryRun: true });
    await page.reload();
    await waitForPage(page, 'Administration');
    const runs = page.getByRole('region', { name: 'Tabell över de senaste gallringarna' });
    await runs.waitFor();
    expect(await runs.getByRole('row').count()).toBe(2);
    expect(await runs.textContent()).toContain('Provkörning');
    expect(await page.locator('#consent-settings-youngPersonConsentAge').inputValue()).toBe('16');
    expect(await page.locator('#retention-settings-case').inputValue()).toBe('10');
    await scanWithAxe(page, 'administration sspf with a run');

    // The administrator confirms: the warning gives way to who confirmed and when; a changed period brings it back.
    await page.getByRole('button', { name: 'Bekräfta gallringsperioderna' }).click();
    await page.getByText('Gallringsperioderna bekräftades av Ada Admin', { exact: false }).waitFor();
    expect(await unconfirmed.count()).toBe(0);
    await scanWithAxe(page, 'retention confirmed');
    await page.locator('#retention-settings-case').fill('12');
    await page.getByRole('button', { name: 'Spara gallringsperioderna' }).click();
    await page.getByText('De måste bekräftas innan något raderas.', { exact: false }).waitFor();
    await unconfirmed.waitFor();
    await page.getByRole('heading', { name: 'Samverkan (SSPF)' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-sspf');
  });

  it('a log reviewer downloads the register extract of a child as PDF and as JSON from the access history', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Sandviken', 'socialtjanst');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunstyrelsen', 'annan');
    const coordinator = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { twoFactor: true, name: 'Kim Koordinator' });
    const reviewer = await createJourneyUser(server, [{ organisation: office, role: 'loggranskare' }], { twoFactor: true, name: 'Lo Loggranskare' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    // The coordinator registers a child through the API (the register has no page of its own here).
    await page.goto('/');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    const identityNumber = randomIdentityNumber();
    const created = await page.evaluate(async (identityNumber) => {
      const response = await fetch('/api/persons', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
        body: JSON.stringify({ identityNumber, firstName: 'Ebba', lastName: 'Utdragsson' }),
      });
      return response.status;
    }, identityNumber);
    expect(created).toBe(201);

    await page.context().clearCookies();
    await page.goto('/loggkontroll/person');
    await signIn(page, reviewer);
    await waitForPage(page, 'Vem har läst om det här barnet?');
    await page.getByLabel('Personnummer eller samordningsnummer').fill(identityNumber);
    await page.getByRole('button', { name: 'Visa åtkomsthistorik' }).click();
    await waitForPage(page, 'Åtkomsthistorik för Ebba Utdragsson');
    await page.getByRole('heading', { name: 'Registerutdrag' }).waitFor();
    expect(await page.getByText('Utdraget får inte lämnas ut direkt', { exact: false }).count()).toBe(1);
    await scanWithAxe(page, 'person history with register extract');
    await page.getByRole('heading', { name: 'Registerutdrag' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'register-extract');

    // A download exposes no response to Playwright: the status and content type come from requesting each
    // link's own address in the same signed-in browser context; the saved files show what the click produced.
    const pdfLink = page.getByRole('link', { name: 'Ladda ner registerutdraget som PDF' });
    const jsonLink = page.getByRole('link', { name: 'Ladda ner registerutdraget som JSON (maskinläsbart)' });
    const pdfResponse = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdfResponse.status()).toBe(200);
    expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
    expect(pdfResponse.headers()['content-disposition']).toContain('registerutdrag.pdf');
    const jsonResponse = await page.request.get((await jsonLink.getAttribute('href'))!);
    expect(jsonResponse.status()).toBe(200);
    expect(jsonResponse.headers()['content-type']).toMatch(/^application\/json/);

    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      pdfLink.click(),
    ]);
    expect(pdfDownload.suggestedFilename()).toBe('registerutdrag.pdf');
    expect(readFileSync((await pdfDownload.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      jsonLink.click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toBe('registerutdrag.json');
    const extract = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as { person: { firstName: string; identityNumber: string } };
    expect(extract.person.firstName).toBe('Ebba');
    expect(extract.person.identityNumber.replace(/\D/g, '')).toBe(identityNumber.replace(/\D/g, ''));

    // Every production (two requests, two downloads) is in the child's access history, as the reviewer's.
    await page.reload();
    await waitForPage(page, 'Åtkomsthistorik för Ebba Utdragsson');
    const history = page.getByRole('region', { name: 'Åtkomsthistorik' });
    const productions = history.getByRole('row', { name: /person\.register_extract|registerutdrag/i });
    await productions.first().waitFor();
    expect(await productions.count()).toBe(4);
    expect(await productions.first().textContent()).toContain('Lo Loggranskare');
  });
});
