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
    await page.getByText('gäller bara uppgifter om en person som inte har fyllt 21 år').waitFor();
    expect(await answerHeading.textContent()).toBe('Nej, uppgiften får inte lämnas');
    // At 21 the conditions of 18 a § are no longer asked: the question branches on what matters.
    expect(await page.getByText('Villkoren i OSL 10 kap. 18 a §').count()).toBe(0);

    // A wrong age: the error summary names the field.
    await page.getByLabel('Personens ålder (år)').fill('tjugo');
    await page.getByRole('button', { name: 'Får vi dela?', exact: true }).click();
    await page.getByRole('link', { name: /Personens ålder/ }).waitFor();
    await scanWithAxe(page, 'sharing guide, error');
    await screenshot(page, 'sharing-error');
  });

  it('a school employee asks about the police and a 15-year-old: no, why and what to do instead; counsel reviews the rule; the next answer shows it reviewed', async () => {
    const tenant = await createJourneyTenant(server, 'Ockelbo kommun');
    const school = await createJourneyOrganisation(server, tenant, 'Ockelboskolan', 'skola');
    const legal = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const teacher = await createJourneyUser(server, [{ organisation: school, role: 'skolpersonal' }], { name: 'Sara Skolpersonal', twoFactor: true });
    const counsel = await createJourneyUser(server, [{ organisation: legal, role: 'jurist' }], { name: 'Julia Jurist' });

    browser = await openBrowser(server.url);
    let page = browser.page;
    await page.goto('/far-vi-dela');
    await signIn(page, teacher);
    await waitForPage(page, 'Får vi dela?');
    const answerHeading = page.locator('#sharing-answer-heading');
    await page.getByLabel('Organisation som lämnar').selectOption('skola');
    await page.getByLabel('Organisation som tar emot').selectOption('polis');
    await page.getByLabel('Personens ålder (år)').fill('15');
    await page.getByLabel('Vad för slags uppgift').selectOption('skola');
    await page.getByLabel('Varför ska den lämnas').selectOption('forebygga_brott');
    // The conditions of 18 a § are asked only for social services; the school is not asked them.
    expect(await page.getByText('Villkoren i OSL 10 kap. 18 a §').count()).toBe(0);
    await page.getByRole('button', { name: 'Får vi dela?', exact: true }).click();
    await answerHeading.waitFor();
    expect(await answerHeading.textContent()).toBe('Nej, uppgiften får inte lämnas');
    const no = (await page.locator('.sharing-answer').textContent())!;
    expect(no).toContain('gäller bara socialtjänsten, inte skolan');
    expect(no).toContain('Gör så här i stället');
    expect(no).toContain('orosanmälan');
    expect(no).toContain('Ej granskad av kommunens jurist');
    await scanWithAxe(page, 'sharing guide, school to police');

    // The consent as facts: guardians' consent alone for a 16-year-old is no consent.
    await page.getByRole('button', { name: 'Räcker vårdnadshavarnas samtycke för en 16-åring?' }).click();
    await page.getByText('Vårdnadshavarnas samtycke räcker inte ensamt').waitFor();
    expect(await answerHeading.textContent()).toBe('Nej, uppgiften får inte lämnas');
    expect(await page.getByLabel('Den unge har själv samtyckt').isChecked()).toBe(false);
    await page.getByLabel('Den unge har själv samtyckt').check();
    await page.getByRole('button', { name: 'Får vi dela?', exact: true }).click();
    await page.getByText('Ja, uppgiften får lämnas').waitFor();
    await browser.close();

    // Counsel reviews the rule.
    browser = await openBrowser(server.url);
    page = browser.page;
    await page.goto('/far-vi-dela/granskning');
    await signIn(page, counsel);
    await waitForPage(page, 'Granska reglerna i Får vi dela?');
    await scanWithAxe(page, 'rule review');
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Skolan kan inte använda 10 kap. 18 a § OSL' }) });
    expect(await card.textContent()).toContain('Ej granskad');
    await card.getByLabel(/Kommentar till granskningen/).fill('Stämmer. Granskad mot OSL och prop. 2011/12:171.');
    await card.getByRole('button', { name: 'Markera som granskad' }).click();
    await card.getByText('Granskad av Julia Jurist').waitFor();
    await screenshot(page, 'sharing-review');
    await browser.close();

    // The next answer shows the review.
    browser = await openBrowser(server.url);
    page = browser.page;
    await page.goto('/far-vi-dela');
    await signIn(page, teacher);
    await waitForPage(page, 'Får vi dela?');
    await page.getByRole('button', { name: 'Får skolan berätta för polisen utan samtycke?' }).click();
    await page.locator('#sharing-answer-heading').waitFor();
    await page.getByText(/Granskad av kommunens jurist Julia Jurist \d{4}-\d{2}-\d{2}/).waitFor();
    await screenshot(page, 'sharing-reviewed-answer');
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
