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

describe('Får vi dela?', () => {
  it('school staff ask the three example questions and gets no, yes on OSL 10 kap. 18 a §, and no', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const school = await createJourneyOrganisation(server, tenant, 'Jernvallsskolan', 'skola');
    const teacher = await createJourneyUser(server, [{ organisation: school, role: 'skolpersonal' }], { name: 'Sara Skolpersonal', twoFactor: true });

    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/');
    await signIn(page, teacher);
    await waitForPage(page, 'Översikt');
    await page.getByRole('link', { name: /Får vi dela\?/ }).first().waitFor();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Får vi dela?' }).click();
    expect(await waitForPage(page, 'Får vi dela?')).toBe('Får vi dela? – Samverka');
    await scanWithAxe(page, 'sharing guide');

    const answerHeading = page.locator('#sharing-answer-heading');

    await page.getByRole('button', { name: 'Får skolan berätta för polisen utan samtycke?' }).click();
    await answerHeading.waitFor();
    expect(await answerHeading.textContent()).toBe('Nej, uppgiften får inte lämnas');
    expect(await page.getByLabel('Organisation som lämnar').inputValue()).toBe('skola');
    expect(await page.locator('.sharing-answer').textContent()).toContain('gäller bara socialtjänsten, inte skolan');

    await page.getByRole('button', { name: 'Får socialtjänsten lämna uppgifter till polisen om en 17-åring för att förebygga brott?' }).click();
    await page.getByText('Ja, uppgiften får lämnas').waitFor();
    const yes = await page.locator('.sharing-answer').textContent();
    expect(yes).toContain('OSL 10 kap. 18 a §');
    expect(yes).toContain('SFS 2009:400');
    expect(await page.getByLabel('Personens ålder (år)').inputValue()).toBe('17');
    // Focus lands on the answer, so a keyboard or screen-reader user hears it first.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sharing-answer-heading');
    await scanWithAxe(page, 'sharing guide, yes');
    await screenshot(page, 'sharing-yes');

    await page.getByRole('button', { name: 'Får föreningen se uppgifter om brott?' }).click();
    await page.getByText('Nej, uppgiften får inte lämnas').waitFor();
    expect(await page.locator('.sharing-answer').textContent()).toContain('GDPR art. 10');

    // The user's own question: the same social-services question at 21 has no basis.
    await page.getByRole('button', { name: 'Får socialtjänsten lämna uppgifter till polisen om en 17-åring för att förebygga brott?' }).click();
    await page.getByText('Ja, uppgiften får lämnas').waitFor();
    await page.getByLabel('Personens ålder (år)').fill('21');
    await page.getByRole('button', { name: 'Får vi dela?', exact: true }).click();
    await page.getByText('Ingen grund för utlämnande').waitFor();
    expect(await answerHeading.textContent()).toBe('Nej, uppgiften får inte lämnas');

    // A wrong age: the error summary names the field.
    await page.getByLabel('Personens ålder (år)').fill('tjugo');
    await page.getByRole('button', { name: 'Får vi dela?', exact: true }).click();
    await page.getByRole('link', { name: /Personens ålder/ }).waitFor();
    await scanWithAxe(page, 'sharing guide, error');
    await screenshot(page, 'sharing-error');
  });

  it('works on a phone', async () => {
    const tenant = await createJourneyTenant(server, 'Hofors kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Hofors', 'socialtjanst');
    const officer = await createJourneyUser(server, [{ organisation: social, role: 'handlaggare' }], { twoFactor: true });
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;
    await page.goto('/far-vi-dela');
    await signIn(page, officer);
    await waitForPage(page, 'Får vi dela?');
    await page.getByRole('button', { name: 'Får föreningen se uppgifter om brott?' }).click();
    await page.getByText('Nej, uppgiften får inte lämnas').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'sharing guide, phone');
    await screenshot(page, 'sharing-phone');
  });
});
