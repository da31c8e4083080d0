import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyOrganisation, createJourneyTenant, createJourneyUser, openBrowser, scanWithAxe, screenshot, signIn, startTestServer, waitForPage, type JourneyBrowser, type TestServer } from './support';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
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

describe('Lägesbildens statistik: the small-count threshold', () => {
  it('an administrator is stopped below 3 with a field message, saves 7, and the value survives a reload', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const admin = await createJourneyUser(server, [{ organisation: office, role: 'administrator' }], { twoFactor: true, name: 'Ada Admin' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/administration');
    await signIn(page, admin);
    await waitForPage(page, 'Administration');
    await page.getByRole('heading', { name: 'Lägesbildens statistik' }).waitFor();
    const threshold = page.getByLabel('Gräns för små tal');
    await threshold.waitFor();
    expect(await threshold.inputValue()).toBe('5');

    await threshold.fill('2');
    await page.getByRole('button', { name: 'Spara gränsen' }).click();
    const summary = page.locator('#suppression-settings ds-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Gräns för små tal');
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.ds-field', { has: threshold }).textContent()).toContain('Värdet måste vara minst 3.');
    await scanWithAxe(page, 'suppression field error');

    await threshold.fill('7');
    await page.getByRole('button', { name: 'Spara gränsen' }).click();
    await page.getByText('Gränsen är sparad: antal under 7 visas som ”< 7”.').waitFor();
    expect(await threshold.getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(page, 'admin-suppression-saved');

    await page.reload();
    await waitForPage(page, 'Administration');
    await page.getByLabel('Gräns för små tal').waitFor();
    expect(await page.getByLabel('Gräns för små tal').inputValue()).toBe('7');
    await scanWithAxe(page, 'suppression saved');
  });
});
