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
  submitPassword,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';

let server: TestServer;
const browsers: JourneyBrowser[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const browser of browsers.splice(0)) {
    expect(browser.foreignRequests).toEqual([]);
    await browser.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

async function open(): Promise<JourneyBrowser> {
  const browser = await openBrowser(server.url);
  browsers.push(browser);
  return browser;
}

describe('my account', () => {
  it('signs in with a recovery code when the phone is away', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Elevhälsan Gävle', 'skola');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'skolpersonal' }], { twoFactor: true });
    const { page } = await open();

    await page.goto('/logga-in');
    await submitPassword(page, user.email, user.password);
    await page.getByRole('button', { name: 'Jag har inte telefonen: använd en reservkod' }).click();
    await page.getByLabel('Reservkod').fill(user.backupCodes![0]!);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await waitForPage(page, 'Översikt');
  });

  it('lists where I am signed in, ends another device, then signs out everywhere', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Socialtjänstens mottagning', 'socialtjanst');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'mottagning' }], { name: 'Mo Mottagning', twoFactor: true });
    const laptop = await open();
    const phone = await open();
    for (const { page } of [laptop, phone]) {
      await page.goto('/logga-in');
      await waitForPage(page, 'Logga in');
      await signIn(page, user);
      await waitForPage(page, 'Översikt');
    }

    await laptop.page.goto('/mitt-konto');
    await waitForPage(laptop.page, 'Mitt konto');
    const sessions = laptop.page.locator('.session-card');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    expect(await laptop.page.getByText('Den här enheten').count()).toBe(1);
    await scanWithAxe(laptop.page, 'sessions');

    // End the phone's session from the laptop: the phone is signed out at its next step.
    await laptop.page.getByRole('button', { name: /^Logga ut Chrome på Linux/ }).click();
    await laptop.page.waitForFunction(() => document.querySelectorAll('.session-card').length === 1);
    // (At / a signed-out visitor now gets the public start page, so the phone takes a step that needs its session.)
    await phone.page.goto('/mitt-konto');
    await waitForPage(phone.page, 'Logga in');

    // Sign out everywhere ends this device too.
    await laptop.page.getByRole('button', { name: 'Logga ut överallt' }).click();
    await waitForPage(laptop.page, 'Logga in');
    await laptop.page.goto('/mitt-konto');
    await waitForPage(laptop.page, 'Logga in');
  });

  it('changes the password: the old one stops working, the new one works', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Områdespolisen Andersberg', 'polis');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'polis' }], { twoFactor: true });
    const { page } = await open();
    await page.goto('/mitt-konto');
    await signIn(page, user);
    await waitForPage(page, 'Mitt konto');

    // A wrong current password is put on that field.
    await page.getByLabel('Nuvarande lösenord').fill('inte-mitt-lösenord');
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('ett-nytt-långt-lösenord');
    await page.getByLabel('Upprepa det nya lösenordet').fill('ett-nytt-långt-lösenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page
      .locator('ds-error-summary')
      .getByRole('link', { name: /^Nuvarande lösenord: Lösenordet stämmer inte/ })
      .waitFor();
    expect(await page.getByLabel('Nuvarande lösenord').getAttribute('aria-invalid')).toBe('true');
    await scanWithAxe(page, 'change password, wrong current password');
    await screenshot(page, 'change-password-wrong');

    await page.getByLabel('Nuvarande lösenord').fill(user.password);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Lösenordet är bytt.', { exact: false }).waitFor();

    await page.context().clearCookies();
    await page.goto('/logga-in');
    await submitPassword(page, user.email, user.password);
    await page.locator('ds-error-summary').getByText('Fel e-postadress eller lösenord.').waitFor();
    await signIn(page, { ...user, password: 'ett-nytt-långt-lösenord' });
    await waitForPage(page, 'Översikt');
  });
});
