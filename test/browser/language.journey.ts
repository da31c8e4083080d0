import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  openBrowser,
  scanWithAxe,
  screenshot,
  startTestServer,
  totpCodeFromUri,
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

describe('language', () => {
  it('switches to English and back, remembered across reloads, in this browser and for the user', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Fritidsgården Sätra', 'fritid');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'fritidsledare' }], { name: 'Sam Fritidsledare', twoFactor: true });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    expect(await waitForPage(page, 'Logga in')).toBe('Logga in – Samverka');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await waitForPage(page, 'Sign in')).toBe('Sign in – Samverka');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('contentinfo').textContent()).toContain('in an emergency');

    // Before sign-in the browser remembers the choice.
    await page.reload();
    expect(await waitForPage(page, 'Sign in')).toBe('Sign in – Samverka');
    await scanWithAxe(page, 'sign-in in English');
    await screenshot(page, 'sign-in-english');

    // Server messages come in the UI language too.
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('ds-error-summary').getByText('Wrong email address or password.').waitFor();

    // Signing in keeps the language just chosen and saves it for the user.
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Code from the authenticator app').fill(await totpCodeFromUri(user.totpUri!));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await waitForPage(page, 'Overview')).toBe('Overview – Samverka');
    expect(await page.getByRole('main').textContent()).toContain('You are working as Youth centre worker');
    await scanWithAxe(page, 'Overview in English');
    await screenshot(page, 'overview-english');
    const saved = await page.evaluate(async () => (await (await fetch('/api/session')).json()) as { user: { locale: string } });
    expect(saved.user.locale).toBe('en');

    // Back to Swedish from My account; remembered after a reload.
    await page.goto('/mitt-konto');
    await waitForPage(page, 'My account');
    await page.getByRole('radio', { name: 'Svenska' }).check();
    expect(await waitForPage(page, 'Mitt konto')).toBe('Mitt konto – Samverka');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await page.reload();
    expect(await waitForPage(page, 'Mitt konto')).toBe('Mitt konto – Samverka');
    const savedAgain = await page.evaluate(async () => (await (await fetch('/api/session')).json()) as { user: { locale: string } });
    expect(savedAgain.user.locale).toBe('sv');
  });

  it("uses the user's saved language in a browser that has never seen them", async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Kommunpolisen Gävle', 'polis');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'polis' }], { name: 'Pat Polis', twoFactor: true, locale: 'en' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    await waitForPage(page, 'Logga in');
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByLabel('Kod från autentiseringsappen').fill(await totpCodeFromUri(user.totpUri!));
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    expect(await waitForPage(page, 'Overview')).toBe('Overview – Samverka');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });
});
