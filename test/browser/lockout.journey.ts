import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  focused,
  openBrowser,
  scanWithAxe,
  screenshot,
  startTestServer,
  submitPassword,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';

/** Three failures lock an address here (the default is five), to keep the journey short. */
const MAX_FAILURES = 3;

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer({ SAMVERKA_LOGIN_MAX_FAILURES: String(MAX_FAILURES), SAMVERKA_LOGIN_LOCKOUT_MINUTES: '15' });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

async function errorSummaryText(browserPage: JourneyBrowser['page']): Promise<string> {
  const summary = browserPage.locator('ds-error-summary');
  await summary.waitFor();
  // The summary takes focus again when its fade-in ends: let it finish, as a person would.
  await browserPage.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
  return (await summary.textContent()) ?? '';
}

describe('a wrong password, then the lockout', () => {
  it('says the e-mail or password is wrong, then explains the lockout without revealing whether the account exists', async () => {
    const tenant = await createJourneyTenant(server, 'Ockelbo kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Ockelbo skola', 'skola');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'skolpersonal' }], { twoFactor: true });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    await waitForPage(page, 'Logga in');

    // Empty form: client-side validation, summary first, and each field says what is missing.
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    expect(await errorSummaryText(page)).toContain('E-postadress: ');
    await expect.poll(async () => (await focused(page)).tag).toBe('ds-error-summary');
    expect(await page.getByLabel('E-postadress').getAttribute('aria-invalid')).toBe('true');
    await scanWithAxe(page, 'sign-in with field errors');
    await screenshot(page, 'sign-in-field-errors');

    // The summary links to its field.
    await page
      .locator('ds-error-summary')
      .getByRole('link', { name: /^E-postadress/ })
      .click();
    await expect.poll(async () => (await focused(page)).id).toBe('sign-in-email');

    await submitPassword(page, user.email, 'fel-lösenord-helt-enkelt');
    expect(await errorSummaryText(page)).toContain('Fel e-postadress eller lösenord.');
    await expect.poll(async () => (await focused(page)).tag).toBe('ds-error-summary');
    await scanWithAxe(page, 'wrong password');
    await screenshot(page, 'sign-in-wrong-password');

    for (let attempt = 2; attempt <= MAX_FAILURES; attempt += 1) {
      await submitPassword(page, user.email, `fel-lösenord-${attempt}`);
      await page
        .locator('ds-error-summary')
        .getByText(attempt < MAX_FAILURES ? 'Fel e-postadress eller lösenord.' : /För många misslyckade inloggningsförsök/)
        .waitFor();
    }
    const locked = await errorSummaryText(page);
    expect(locked).toContain('För många misslyckade inloggningsförsök');
    expect(locked).toMatch(/högst 15 minuter/);
    await scanWithAxe(page, 'locked out');
    await screenshot(page, 'sign-in-locked');

    // Locked means locked: even the right password is refused, with the same words.
    await submitPassword(page, user.email, user.password);
    await page
      .locator('ds-error-summary')
      .getByText(/För många misslyckade inloggningsförsök/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/logga-in');

    // An address with no account reads exactly the same, first wrong, then locked.
    const unknown = 'finns-inte@journey.samverka.se';
    const answers: string[] = [];
    for (let attempt = 1; attempt <= MAX_FAILURES; attempt += 1) {
      await submitPassword(page, unknown, `gissning-${attempt}`);
      await page
        .locator('ds-error-summary')
        .getByText(attempt < MAX_FAILURES ? 'Fel e-postadress eller lösenord.' : /För många misslyckade inloggningsförsök/)
        .waitFor();
      answers.push(await errorSummaryText(page));
    }
    expect(answers.at(-1)).toBe(locked);
  });
});
