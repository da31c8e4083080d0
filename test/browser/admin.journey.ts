import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  mailedInvitationLink,
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

describe('administration', () => {
  it('an administrator adds an organisation and invites an analyst, who sets a password from the e-mailed one-time link and signs in', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const admin = await createJourneyUser(server, [{ organisation: office, role: 'administrator' }], { twoFactor: true, name: 'Ada Admin' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/');
    await signIn(page, admin);
    await waitForPage(page, 'Översikt');
    await page.getByRole('navigation').getByRole('link', { name: 'Administration' }).click();
    expect(await waitForPage(page, 'Administration')).toBe('Administration – Samverka');
    await page.getByRole('heading', { name: 'Roller och vad de ser' }).waitFor();
    await page.getByRole('cell', { name: 'Loggranskare', exact: true }).waitFor();
    await scanWithAxe(page, 'administration');

    // A new organisation: an empty name is refused with a summary, then it is added and listed.
    await page.getByRole('button', { name: 'Lägg till organisation' }).click();
    await page.locator('#new-organisation ds-error-summary').waitFor();
    expect(await page.locator('#new-organisation ds-error-summary').textContent()).toContain('Namn');
    await page.locator('#new-organisation-name').fill('Fritidsgården Sätra');
    await page.locator('#new-organisation-type').selectOption('fritid');
    await page.getByLabel('Organisationen är en myndighet').uncheck();
    await page.getByRole('button', { name: 'Lägg till organisation' }).click();
    await page.getByText('Fritidsgården Sätra är tillagd.').waitFor();
    const row = page.getByRole('row', { name: /Fritidsgården Sätra/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Fritid');
    expect(await row.textContent()).toContain('Nej');

    // Invite an analyst (no two-factor required) to the new organisation.
    await page.locator('#invite-name').fill('Anna Analytiker');
    await page.locator('#invite-email').fill('anna.analytiker@gavle.example');
    await page.locator('#invite-organisationId').selectOption({ label: 'Fritidsgården Sätra' });
    await page.locator('#invite-role').selectOption('analytiker');
    await page.getByRole('button', { name: 'Bjud in' }).click();
    // The link goes by e-mail to the address; the administrator is told so and never sees it.
    await page.getByText('Inbjudan till Anna Analytiker är skickad med e-post till anna.analytiker@gavle.example.').waitFor();
    expect(await page.getByText('satt-losenord', { exact: false }).count()).toBe(0);
    const url = await mailedInvitationLink(server, tenant, 'anna.analytiker@gavle.example');
    expect(url).toContain('/satt-losenord?token=');
    await page
      .getByRole('row', { name: /Anna Analytiker/ })
      .getByText('Inbjuden')
      .waitFor();
    await scanWithAxe(page, 'administration after invite');
    await screenshot(page, 'admin-invite');

    // The user page: the membership can be changed; the invitee has not set a password yet.
    await page.getByRole('link', { name: 'Anna Analytiker' }).click();
    await waitForPage(page, 'Anna Analytiker');
    await page.getByRole('heading', { name: /Analytiker, Fritidsgården Sätra/ }).waitFor();
    await page.getByRole('button', { name: 'Skicka inbjudan igen' }).waitFor();
    await scanWithAxe(page, 'user page');

    // The invitee opens the one-time link, chooses a password and signs in.
    await page.context().clearCookies();
    await page.goto(url);
    await waitForPage(page, 'Välj lösenord');
    const password = 'sätra-fritidsgård-kvällsöppet-7';
    await page.getByLabel('Nytt lösenord').fill(password);
    await page.getByLabel('Upprepa lösenordet').fill(password);
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    await waitForPage(page, 'Logga in');
    await signIn(page, { id: '', email: 'anna.analytiker@gavle.example', name: 'Anna Analytiker', password, totpUri: null });
    await waitForPage(page, 'Översikt');
    expect(await page.getByRole('main').textContent()).toContain('Fritidsgården Sätra');
  });

  it('an administrator edits and deactivates an organisation, changes a role and deactivates a membership; their own organisation offers no deactivation', async () => {
    const tenant = await createJourneyTenant(server, 'Ockelbo kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunkansliet', 'annan');
    const school = await createJourneyOrganisation(server, tenant, 'Ockelbo skola', 'skola');
    const admin = await createJourneyUser(server, [{ organisation: office, role: 'administrator' }], { twoFactor: true });
    await createJourneyUser(server, [{ organisation: school, role: 'skolpersonal' }], { name: 'Sara Skolsköterska' });
    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/administration');
    await signIn(page, admin);
    await waitForPage(page, 'Administration');

    // The server says an administrator may not deactivate the organisation they work through.
    await page.getByRole('link', { name: 'Kommunkansliet' }).click();
    await waitForPage(page, 'Kommunkansliet');
    await page.getByRole('heading', { name: 'Aktiv eller inaktiv' }).waitFor();
    expect(await page.getByRole('button', { name: 'Inaktivera organisationen' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Tillbaka till administrationen' }).click();
    await waitForPage(page, 'Administration');
    await page.getByRole('link', { name: 'Ockelbo skola' }).click();
    await waitForPage(page, 'Ockelbo skola');
    await page.locator('#edit-organisation-name').fill('Ockelbo grundskola');
    await page.getByRole('button', { name: 'Spara' }).click();
    await waitForPage(page, 'Ockelbo grundskola');
    // Deactivating asks first, saying what will happen; cancelling leaves it active with focus on the button.
    await page.getByRole('button', { name: 'Inaktivera organisationen' }).click();
    const orgDialog = page.getByRole('dialog', { name: 'Inaktivera Ockelbo grundskola?' });
    await orgDialog.waitFor();
    expect(await orgDialog.textContent()).toContain('dess medlemmar förlorar åtkomsten genom organisationen');
    await orgDialog.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await orgDialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Inaktivera organisationen');
    expect(await page.getByRole('button', { name: 'Aktivera organisationen igen' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Inaktivera organisationen' }).click();
    await orgDialog.getByRole('button', { name: 'Ja, inaktivera organisationen' }).click();
    await page.getByRole('button', { name: 'Aktivera organisationen igen' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Inaktiv');
    // The button pressed is gone: focus is on the announced status line, never on <body>.
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
    expect(await page.getByRole('status').filter({ hasText: 'Ockelbo grundskola är inaktiverad.' }).count()).toBe(1);
    await scanWithAxe(page, 'organisation page');
    await page.getByRole('button', { name: 'Aktivera organisationen igen' }).click();
    await page.getByRole('button', { name: 'Inaktivera organisationen' }).waitFor();

    await page.getByRole('link', { name: 'Tillbaka till administrationen' }).click();
    await page.getByRole('link', { name: 'Sara Skolsköterska' }).click();
    await waitForPage(page, 'Sara Skolsköterska');
    const card = page.locator('.ds-card', { has: page.getByRole('heading', { name: /Skolpersonal, Ockelbo grundskola/ }) });
    await card.getByLabel('Roll', { exact: true }).selectOption('mentor');
    await card.getByRole('button', { name: 'Spara rollen' }).click();
    const changed = page.locator('.ds-card', { has: page.getByRole('heading', { name: /Mentor \(ideell\), Ockelbo grundskola/ }) });
    // Deactivating one role asks first, naming whom and what they lose; cancelling leaves it and returns focus.
    await changed.getByRole('button', { name: 'Inaktivera rollen' }).click();
    const roleDialog = page.getByRole('dialog', { name: 'Inaktivera rollen Mentor (ideell), Ockelbo grundskola?' });
    await roleDialog.waitFor();
    expect(await roleDialog.textContent()).toContain('Sara Skolsköterska kan inte längre arbeta som Mentor (ideell) i Ockelbo grundskola');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt');
    await scanWithAxe(page, 'deactivate membership dialog');
    await page.keyboard.press('Escape');
    await roleDialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Inaktivera rollen');
    expect(await changed.getByRole('button', { name: 'Aktivera rollen igen' }).count()).toBe(0);
    await changed.getByRole('button', { name: 'Inaktivera rollen' }).click();
    await roleDialog.getByRole('button', { name: 'Ja, inaktivera rollen' }).click();
    await changed.getByRole('button', { name: 'Aktivera rollen igen' }).waitFor();
    // The button pressed is gone: focus is on the card's announced status line.
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status' && document.activeElement.textContent === 'Rollen Mentor (ideell), Ockelbo grundskola är inaktiverad för Sara Skolsköterska.');
    await scanWithAxe(page, 'user page after changes');
    await screenshot(page, 'admin-user');
    await changed.getByRole('button', { name: 'Aktivera rollen igen' }).click();
    await changed.getByRole('button', { name: 'Inaktivera rollen' }).waitFor();

    // Turning the user off names the person, the roles they lose and what stays, and needs a confirmation.
    await page.getByRole('button', { name: 'Stäng av Sara Skolsköterska' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stänga av Sara Skolsköterska?' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Sara Skolsköterska kan inte längre logga in och arbeta i Ockelbo kommun.');
    expect(text).toContain('Mentor (ideell), Ockelbo grundskola');
    // Cancel is where focus starts, so Enter on an opened dialog does nothing irreversible.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt');
    await scanWithAxe(page, 'deactivate user dialog');
    await screenshot(page, 'admin-deactivate-user-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Stäng av Sara Skolsköterska');
    await page.getByRole('button', { name: 'Stäng av Sara Skolsköterska' }).click();
    await dialog.getByRole('button', { name: 'Ja, stäng av Sara Skolsköterska' }).click();
    await page.getByText('Sara Skolsköterska är avstängd. Rollerna här är inaktiverade.').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
    expect(await page.getByRole('button', { name: 'Stäng av Sara Skolsköterska' }).count()).toBe(0);
  });

  it('works at 360 px: the tables scroll inside a labelled region', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunstyrelsen', 'annan');
    const admin = await createJourneyUser(server, [{ organisation: office, role: 'administrator' }], { twoFactor: true });
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;
    await page.goto('/administration');
    await signIn(page, admin);
    await waitForPage(page, 'Administration');
    await page.getByRole('region', { name: 'Tabell över organisationer' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await scanWithAxe(page, 'administration 360');
    await screenshot(page, 'admin-360');
  });
});
