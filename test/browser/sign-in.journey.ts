import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  fitsViewport,
  focused,
  fromUserMenu,
  openBrowser,
  scanWithAxe,
  screenshot,
  signIn,
  startTestServer,
  submitPassword,
  totpCodeFromUri,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  // One identity provider is configured so the sign-in page shows its button; it is never reached here.
  const provider = { id: 'kommun', name: 'Gävle kommuns inloggning', issuer: 'http://127.0.0.1:9/oidc', clientId: 'samverka', clientSecret: 'not-used-in-this-journey' };
  server = await startTestServer({ SAMVERKA_OIDC_PROVIDERS: JSON.stringify([provider]) });
});
afterEach(async () => {
  // Nothing may come from another host: no CDN, no font service.
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

describe('signing in', () => {
  it('signs in with password and an authenticator code, lands on Översikt, and signs out', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    expect(await waitForPage(page, 'Logga in')).toBe('Logga in – Samverka');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await page.getByRole('contentinfo').getByRole('link', { name: '112' }).waitFor();
    await scanWithAxe(page, 'sign-in');
    await screenshot(page, 'sign-in');

    // The skip link is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await focused(page)).text).toBe('Hoppa till huvudinnehållet');

    await submitPassword(page, user.email, user.password);
    const code = page.getByLabel('Kod från autentiseringsappen');
    await code.waitFor();
    await expect.poll(async () => (await focused(page)).id).toBe('totp-code');
    await scanWithAxe(page, 'two-factor step');

    // A wrong code: the error summary appears and takes focus, the field says what is wrong.
    await code.fill('000000');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    const summary = page.locator('ds-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Koden stämmer inte');
    await expect.poll(async () => (await focused(page)).tag).toBe('ds-error-summary');
    await screenshot(page, 'two-factor-wrong-code');

    await code.fill(await totpCodeFromUri(user.totpUri!));
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    expect(await waitForPage(page, 'Översikt')).toBe('Översikt – Samverka');
    expect(new URL(page.url()).pathname).toBe('/');
    // After a client-side navigation focus starts at the new page's heading.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', text: 'Översikt' });
    const header = page.getByRole('banner');
    expect(await header.textContent()).toContain('Gävle kommun');
    expect(await header.textContent()).toContain('Socialtjänsten Gävle');
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('main').textContent()).toContain('Du arbetar som SSPF-koordinator');
    await scanWithAxe(page, 'Översikt (koordinator)');
    await screenshot(page, 'oversikt-koordinator');

    // The user menu by keyboard: open it, Tab into it, choose.
    await page.getByRole('button', { name: /Kim Koordinator/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.user-menu').getByRole('button', { name: 'Mitt konto' }).waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await focused(page)).text).toBe('Mitt konto');
    await page.keyboard.press('Enter');
    expect(await waitForPage(page, 'Mitt konto')).toBe('Mitt konto – Samverka');
    await page.getByText('Den här enheten').waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Du loggar in med lösenord och en kod');
    await scanWithAxe(page, 'Mitt konto');
    await screenshot(page, 'mitt-konto');

    await fromUserMenu(page, 'Kim Koordinator', 'Logga ut');
    await waitForPage(page, 'Logga in');
    await page.getByText('Du är utloggad.').waitFor();
    // Signed out means signed out: `/` is the public start page again, not Översikt.
    await page.goto('/');
    await waitForPage(page, 'Orolig för ett barn eller en ung person?');
  });

  it('offers single sign-on and explains when it failed', async () => {
    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/mitt-konto');
    await waitForPage(page, 'Logga in');
    const sso = page.getByRole('link', { name: 'Logga in med Gävle kommuns inloggning' });
    expect(await sso.getAttribute('href')).toBe('/api/auth-providers/kommun/sign-in?returnTo=%2Fmitt-konto');

    // better-auth sends a failed single sign-on back to the start page with ?error=...
    await page.goto('/?error=sso_failed');
    await waitForPage(page, 'Logga in');
    await page.getByText('Inloggningen via din organisations inloggningstjänst gick inte igenom.', { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/');
    await scanWithAxe(page, 'sign-in after failed single sign-on');
    await screenshot(page, 'sign-in-sso-failed');
  });

  it('forces two-factor set-up when the role requires it, with a QR code and recovery codes', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Individ- och familjeomsorgen', 'socialtjanst');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'handlaggare' }], { name: 'Hanna Handläggare' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    await waitForPage(page, 'Logga in');
    await signIn(page, user);
    await waitForPage(page, 'Mitt konto');
    expect(page.url()).toContain('krav=tvastegs');
    await page.getByText('Slå på tvåstegsverifiering för att fortsätta').waitFor();
    // Nothing else opens until two-factor is on: no main navigation, and Översikt redirects back.
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(0);
    await scanWithAxe(page, 'forced two-factor');

    await page.getByLabel('Ditt nuvarande lösenord').fill(user.password);
    await page.getByRole('button', { name: 'Börja' }).click();
    const qr = page.getByRole('img', { name: /QR-kod/ });
    await qr.waitFor();
    const key = (await page.locator('.totp-qr__secret').textContent())!.replace(/\s/g, '');
    expect(key.length).toBeGreaterThanOrEqual(16);
    expect(await page.locator('.recovery-codes__list li').count()).toBeGreaterThanOrEqual(8);
    await scanWithAxe(page, 'two-factor enrolment');
    await screenshot(page, 'two-factor-enrolment');

    // The key as typed into an authenticator app by hand gives the same codes as the QR code.
    await page.getByLabel('Kod från autentiseringsappen').fill(await totpCodeFromUri(`otpauth://totp/Samverka?secret=${key}`));
    await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click();
    await page.getByText('Tvåstegsverifiering är påslagen.').waitFor();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).click();
    expect(await waitForPage(page, 'Översikt')).toBe('Översikt – Samverka');
    // The start page's cards come from the server: wait for the case officer's concerns card.
    await page.getByRole('main').getByText('Orosanmälningar').first().waitFor();
  });

  it('asks which role to work as when the user has several, and lets them switch later', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const est = await createJourneyOrganisation(server, tenant, 'Gavlegårdarna', 'bostadsbolag', false);
    const analysis = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const user = await createJourneyUser(
      server,
      [
        { organisation: est, role: 'est_rapportor' },
        { organisation: analysis, role: 'analytiker' },
      ],
      { name: 'Robin Rapportör' },
    );
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    await waitForPage(page, 'Logga in');
    await signIn(page, user);
    expect(await waitForPage(page, 'Välj roll')).toBe('Välj roll – Samverka');
    await scanWithAxe(page, 'choose role');
    await screenshot(page, 'valj-roll');

    await page.getByRole('button', { name: /^Välj Analytiker, Kommunledningskontoret/ }).click();
    await waitForPage(page, 'Översikt');
    expect(await page.getByRole('main').textContent()).toContain('Du arbetar som Analytiker i Kommunledningskontoret');
    expect(await page.getByRole('banner').textContent()).toContain('Kommunledningskontoret');

    await fromUserMenu(page, 'Robin Rapportör', 'Byt roll eller samverkansområde');
    await waitForPage(page, 'Välj roll');
    await page.getByText('Vald nu').waitFor();
    await page.getByRole('button', { name: /^Välj EST-rapportör, Gavlegårdarna/ }).click();
    await waitForPage(page, 'Översikt');
    expect(await page.getByRole('main').textContent()).toContain('Du arbetar som EST-rapportör i Gavlegårdarna');
    // Roles see only their own pages: an EST reporter has no Administration, and gets the 404 page for it.
    await page.goto('/administration');
    expect(await waitForPage(page, 'Sidan finns inte')).toBe('Sidan finns inte – Samverka');
  });

  it('works at 360 px wide without sideways scrolling', async () => {
    const tenant = await createJourneyTenant(server, 'Hofors kommun');
    const org = await createJourneyOrganisation(server, tenant, 'Hofors kommun, administration', 'annan');
    const user = await createJourneyUser(server, [{ organisation: org, role: 'administrator' }], { name: 'Ada Administratör', twoFactor: true });
    browser = await openBrowser(server.url, { width: 360, height: 740 });
    const { page } = browser;

    await page.goto('/logga-in');
    await waitForPage(page, 'Logga in');
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'sign-in-360');

    await signIn(page, user);
    await waitForPage(page, 'Översikt');
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'Översikt at 360 px');
    await screenshot(page, 'oversikt-administrator-360');

    // On a phone the navigation folds behind the menu button.
    await page.getByRole('button', { name: 'Meny', exact: true }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
    expect(await waitForPage(page, 'Administration')).toBe('Administration – Samverka');
    expect(await fitsViewport(page)).toBe(true);

    await page.goto('/mitt-konto');
    await waitForPage(page, 'Mitt konto');
    await page.getByText('Den här enheten').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'Mitt konto at 360 px');
    await screenshot(page, 'mitt-konto-360');
  });
});
