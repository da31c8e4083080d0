import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createInvitedUser,
  createJourneyOrganisation,
  createJourneyTenant,
  focused,
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

describe('an invited user sets a password', () => {
  it('chooses a password from the invitation link, then signs in with it; the link works once', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'IK Brynäs ungdom', 'forening', false);
    const invited = await createInvitedUser(server, [{ organisation: org, role: 'est_rapportor' }], { name: 'Ines Inbjuden' });
    browser = await openBrowser(server.url);
    const { page } = browser;
    const path = new URL(invited.invitationUrl).pathname + new URL(invited.invitationUrl).search;

    await page.goto(path);
    expect(await waitForPage(page, 'Välj lösenord')).toBe('Välj lösenord – Samverka');
    await scanWithAxe(page, 'set password');

    // Too short, and not repeated the same: both fields say so, and the summary takes focus.
    await page.getByLabel('Nytt lösenord').fill('kort');
    await page.getByLabel('Upprepa lösenordet').fill('annat');
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    const summary = page.locator('ds-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Nytt lösenord: Skriv minst 12 tecken.');
    expect(await summary.textContent()).toContain('Upprepa lösenordet: Lösenorden är inte likadana.');
    await expect.poll(async () => (await focused(page)).tag).toBe('ds-error-summary');
    await scanWithAxe(page, 'set password with errors');
    await screenshot(page, 'set-password-errors');

    const password = 'vår-egen-fritidsgård-2025';
    await page.getByLabel('Nytt lösenord').fill(password);
    await page.getByLabel('Upprepa lösenordet').fill(password);
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    await waitForPage(page, 'Logga in');
    await page.getByText('Ditt lösenord är sparat.', { exact: false }).waitFor();

    await signIn(page, { id: invited.id, email: invited.email, name: invited.name, password, totpUri: null });
    await waitForPage(page, 'Översikt');
    expect(await page.getByRole('main').textContent()).toContain('Du arbetar som EST-rapportör i IK Brynäs ungdom');

    // The link is used up.
    await page.context().clearCookies();
    await page.goto(path);
    await waitForPage(page, 'Välj lösenord');
    await page.getByLabel('Nytt lösenord').fill('ett-helt-annat-lösenord');
    await page.getByLabel('Upprepa lösenordet').fill('ett-helt-annat-lösenord');
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    await page
      .locator('ds-error-summary')
      .getByText(/Länken fungerar inte/)
      .waitFor();
  });

  it('explains a link without its token', async () => {
    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/satt-losenord');
    await waitForPage(page, 'Välj lösenord');
    await page.getByText(/Länken fungerar inte/).waitFor();
    await scanWithAxe(page, 'set password without token');
  });
});
