import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  fitsViewport,
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
import { randomIdentityNumber } from '../factories';
import type { Page } from 'playwright-core';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer({
    SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0',
    SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1000',
    SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: 'memory',
  });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

const XSS = '<img src=x onerror=alert(1)>';

/** Opens one of the folded actions under "Fler åtgärder" (a disclosure, as a user clicks it). */
async function openPanel(page: Page, id: string): Promise<void> {
  await page.getByTestId(`concern-panel-${id}`).locator('summary').click();
}

/** The text of an action's status line (role="status", announced by screen readers). */
async function statusText(page: Page, slot: string): Promise<string> {
  const status = page.locator(`#concern-status-${slot}`);
  expect(await status.getAttribute('role')).toBe('status');
  return ((await status.textContent()) ?? '').trim();
}

/** The page's h1 starts where the header's name does (the content lines up with the header container). */
async function alignedWithHeader(page: Page): Promise<boolean> {
  const [heading, brand] = await Promise.all([page.locator('main h1').boundingBox(), page.locator('.app-header__brand').boundingBox()]);
  return Math.abs(heading!.x - brand!.x) < 1;
}

/** Focus is somewhere meaningful, never left on <body> after a form or dialog went away. */
async function focusNotOnBody(page: Page): Promise<void> {
  // Focus is placed in the next animation frame after the refresh; wait for it rather than a time.
  await page.waitForFunction(() => document.activeElement !== null && document.activeElement !== document.body);
}

/** A school's report under the duty to report, sent as the public form does. */
async function reportFromSchool(tenantName: string): Promise<string> {
  const tenants = (await (await fetch(`${server.url}/api/public/tenants`)).json()) as { tenants: { slug: string; name: string }[] };
  const slug = tenants.tenants.find((tenant) => tenant.name === tenantName)!.slug;
  const token = (await (await fetch(`${server.url}/api/public/form-token`)).json()) as { token: string };
  const response = await fetch(`${server.url}/api/public/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
    body: JSON.stringify({
      tenant: slug,
      formToken: token.token,
      website: '',
      language: 'sv',
      reporter: {
        role: 'yrkesperson',
        organisationType: 'skola',
        organisationName: 'Vasaskolan',
        contact: { name: 'Lärare Lind', phone: '070-123 45 67' },
      },
      subject: { approximateAge: 15 },
      categories: ['skolfranvaro'],
      description: `Eleven har varit borta i tre veckor. ${XSS}`,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { receiptCode: string }).receiptCode;
}

describe('intake of concerns', () => {
  it('intake assesses and decides; the text stays text; the school sees the lawful feedback', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const intake = await createJourneyUser(server, [{ organisation: social, role: 'mottagning' }], { name: 'Mona Mottagning', twoFactor: true });
    await createJourneyUser(server, [{ organisation: social, role: 'handlaggare' }], { name: 'Hanna Handläggare' });
    const receiptCode = await reportFromSchool('Gävle kommun');

    browser = await openBrowser(server.url);
    const { page } = browser;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto('/mottagning');
    await signIn(page, intake);
    expect(await waitForPage(page, 'Mottagning')).toBe('Mottagning – Samverka');
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mottagning' }).isVisible()).toBe(true);
    await page.getByText(XSS, { exact: false }).first().waitFor();
    expect(await page.getByText('Snart').or(page.getByText('I tid')).or(page.getByText('Försenad')).count()).toBeGreaterThan(0);
    await scanWithAxe(page, 'inbox');
    await screenshot(page, 'concern-inbox');
    expect(await alignedWithHeader(page)).toBe(true);

    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);
    expect(await page.getByText(`Eleven har varit borta i tre veckor. ${XSS}`).isVisible()).toBe(true);
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    await scanWithAxe(page, 'concern page');
    expect(await alignedWithHeader(page)).toBe(true);
    // A reference people can say aloud, and the form's language by name.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Ärende OR-\d{4}-\d{4}$/);
    expect(await page.locator('.concern-facts dt:has-text("Formulärets språk") + dd').textContent()).toBe('svenska');

    // The protection assessment is due today: it comes first, the other actions are folded after it.
    const nextStep = page.getByTestId('concern-next-step');
    expect(await nextStep.getByRole('heading').textContent()).toBe('Nästa steg: Skyddsbedömning');
    expect(await nextStep.getByRole('form', { name: 'Skyddsbedömning' }).isVisible()).toBe(true);
    expect(await page.getByRole('form', { name: 'Tilldela' }).isVisible()).toBe(false);
    expect(await page.getByRole('form', { name: 'Lägg till anteckning' }).isVisible()).toBe(false);
    const order = await page.evaluate(() => {
      const card = document.querySelector('[data-testid="concern-next-step"]')!;
      const more = document.querySelector('[data-testid="concern-panel-assign"]')!;
      return card.compareDocumentPosition(more) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await screenshot(page, 'concern-page-next-step');

    await openPanel(page, 'assign');
    await page.getByLabel('Handläggare', { exact: true }).selectOption({ label: 'Hanna Handläggare' });
    await page.getByRole('form', { name: 'Tilldela' }).getByRole('button', { name: 'Tilldela' }).click();
    await page.getByText(/· Tilldelad Hanna Handläggare$/).waitFor();
    // Confirmed where it was done, in a status line screen readers announce.
    expect(await statusText(page, 'assign')).toBe('Anmälan är tilldelad Hanna Handläggare.');
    await openPanel(page, 'note');
    await page.getByLabel('Anteckning', { exact: true }).fill(`Ringde skolan. ${XSS}`);
    await page.getByRole('form', { name: 'Lägg till anteckning' }).getByRole('button', { name: 'Lägg till anteckning' }).click();
    // Read from the timeline, not the page: a controlled textarea's default value (its text content)
    // holds the typed note too, so a page-wide getByText matched the field before the note was saved.
    await page.getByRole('region', { name: 'Händelser' }).getByText(`Ringde skolan. ${XSS}`).waitFor();
    await expect.poll(() => statusText(page, 'note')).toBe('Anteckningen är tillagd.');

    await page.getByLabel('Bedömning', { exact: true }).selectOption('inget_akut_skyddsbehov');
    await page.getByRole('form', { name: 'Skyddsbedömning' }).getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Skyddsbedömning: Inget akut skyddsbehov').waitFor();
    // The card moves on to the decision and says the assessment was saved; focus stays in the card.
    await nextStep.getByRole('heading', { name: 'Nästa steg: Beslut om utredning' }).waitFor();
    expect(await statusText(page, 'next')).toBe('Skyddsbedömningen är sparad. Nästa steg är beslut om utredning.');
    await focusNotOnBody(page);

    await page.getByLabel('Beslut', { exact: true }).selectOption('utredning_inledd');
    await page.getByRole('form', { name: 'Beslut om utredning' }).getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Beslut: Utredning inledd').waitFor();
    expect(await statusText(page, 'next')).toBe('Beslutet om utredning är sparat.');
    await focusNotOnBody(page);
    expect((await focused(page)).id).toBe('concern-status-next');
    await scanWithAxe(page, 'concern decided');
    await screenshot(page, 'concern-page-decided');
    expect(dialogs).toEqual([]);

    // The school checks the status with its receipt code and learns the outcome, nothing more.
    await page.goto('/oro/status');
    await waitForPage(page, 'Status för anmälan');
    await page.getByLabel('Kvittokod').fill(receiptCode);
    await page.getByRole('button', { name: 'Visa status' }).click();
    await page.getByText('En utredning har inletts.').waitFor();
    await scanWithAxe(page, 'status with feedback');
    await screenshot(page, 'concern-status-feedback');
  });
  it('intake finds nobody with the personnummer, registers the person from the concern page and links them', async () => {
    const tenant = await createJourneyTenant(server, 'Ljusdals kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Ljusdal', 'socialtjanst');
    await createJourneyOrganisation(server, tenant, 'Slottsskolan', 'skola');
    const intake = await createJourneyUser(server, [{ organisation: social, role: 'mottagning' }], { name: 'Mira Mottagning', twoFactor: true });
    await reportFromSchool('Ljusdals kommun');
    const identityNumber = randomIdentityNumber();

    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/mottagning');
    await signIn(page, intake);
    await waitForPage(page, 'Mottagning');
    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);

    await openPanel(page, 'link');
    const lookup = page.getByRole('form', { name: 'Koppla person' });
    await lookup.getByLabel('Personnummer').fill(identityNumber);
    await lookup.getByRole('button', { name: 'Koppla' }).click();
    const register = page.getByRole('form', { name: 'Registrera ny person' });
    await register.waitFor();
    await page.getByText('Ingen person med det personnumret finns i registret.').waitFor();
    // The new section takes focus, so a screen reader hears it appear.
    await page.waitForFunction(() => document.activeElement?.id === 'register-person-heading');
    expect(await register.getByLabel('Personnummer').inputValue()).toBe(identityNumber);

    // Missing names: messages on their fields, not sent.
    await register.getByRole('button', { name: 'Registrera och koppla' }).click();
    await register.getByLabel('Förnamn').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await register.getByLabel('Efternamn').getAttribute('aria-invalid')).toBe('true');
    await scanWithAxe(page, 'register a new person with errors');

    await register.getByLabel('Förnamn').fill('Nora');
    await register.getByLabel('Efternamn').fill('Lind');
    await register.getByLabel('Skola').selectOption({ label: 'Slottsskolan' });
    await register.getByLabel('Skyddad identitet').selectOption('sekretessmarkering');
    await register.getByRole('button', { name: 'Registrera och koppla' }).click();
    await page.getByText('Person kopplad').waitFor();
    const birth = `${identityNumber.slice(0, 4)}-${identityNumber.slice(4, 6)}-${identityNumber.slice(6, 8)}`;
    await page.getByText(`Nora Lind (${birth})`).waitFor();
    expect(await page.getByRole('form', { name: 'Koppla person' }).count()).toBe(0);
    await page.waitForFunction(() => document.activeElement?.id === 'concern-actions-heading');
    await scanWithAxe(page, 'person registered and linked');
    await screenshot(page, 'concern-person-registered');

    // The register now knows the person: a second concern finds them by the same number.
    await reportFromSchool('Ljusdals kommun');
    await page.getByRole('link', { name: 'Till mottagningen' }).click();
    await waitForPage(page, 'Mottagning');
    // The list may first show what it held before the new report while it fetches again: wait for both.
    await expect.poll(() => page.getByRole('table').getByRole('link').count(), { timeout: 10_000 }).toBe(2);
    // Newest first: the new report, not yet linked.
    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);
    await openPanel(page, 'link');
    await page.getByRole('form', { name: 'Koppla person' }).getByLabel('Personnummer').fill(identityNumber);
    await page.getByRole('form', { name: 'Koppla person' }).getByRole('button', { name: 'Koppla' }).click();
    await page.getByText(`Nora Lind (${birth})`).waitFor();
    expect(await page.getByRole('form', { name: 'Registrera ny person' }).count()).toBe(0);
  });
  it('a place report warns about names; the EST reporter closes one as handled and forwards another with its legal basis', async () => {
    const tenant = await createJourneyTenant(server, 'Hofors kommun');
    const safety = await createJourneyOrganisation(server, tenant, 'Trygghetsenheten Hofors', 'annan');
    const reporter = await createJourneyUser(server, [{ organisation: safety, role: 'est_rapportor' }], { name: 'Erik EST', twoFactor: true });
    await createJourneyOrganisation(server, tenant, 'Polisen Hofors', 'polis');
    const tenants = (await (await fetch(`${server.url}/api/public/tenants`)).json()) as { tenants: { slug: string; name: string }[] };
    const slug = tenants.tenants.find((entry) => entry.name === 'Hofors kommun')!.slug;

    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto(`/oro?tenant=${slug}`);
    await waitForPage(page, 'Anmäl oro');
    await page.getByLabel('Jag är orolig för en plats eller en situation').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Plats', { exact: true }).fill('Busstorget');
    await page.getByLabel('Datum').fill('2026-11-20');
    await page.getByLabel('Skadegörelse').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Beskriv händelsen').fill('Kalle Karlsson krossade rutan i väntkuren.');
    await page.getByText('Texten ser ut att innehålla ett namn').waitFor();
    await scanWithAxe(page, 'place report with warning');
    await page.getByLabel('Beskriv händelsen').fill('Någon krossade rutan i väntkuren.');
    expect(await page.getByText('Texten ser ut att innehålla ett namn').count()).toBe(0);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Kontrollera och skicka' }).waitFor();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack, din anmälan är skickad' }).waitFor();

    await page.goto('/mottagning');
    await signIn(page, reporter);
    await waitForPage(page, 'Mottagning');
    await page.getByText('Någon krossade rutan i väntkuren.').waitFor();
    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);
    // A place report has no deadline steps: its actions are the folded ones.
    expect(await page.getByTestId('concern-next-step').count()).toBe(0);
    await openPanel(page, 'close');
    const closeForm = page.getByRole('form', { name: 'Avsluta' });
    const opener = closeForm.getByRole('button', { name: 'Avsluta anmälan …' });
    // No reason preselected: asking to close without one names what is missing, and nothing opens.
    await opener.click();
    await closeForm.getByText('Välj ett skäl för att avsluta anmälan.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByLabel('Skäl').selectOption('hanterad');
    await opener.click();
    const dialog = page.getByRole('dialog', { name: /^Avsluta PL-\d{4}-\d{4}\?$/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Anmälan avslutas med skälet ”Hanterad[^”]*”\. Den lämnar listan över öppna anmälningar och kan inte öppnas igen\./);
    await scanWithAxe(page, 'close confirmation');
    // Escape cancels: nothing is closed, and focus is back on the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Avsluta anmälan …');
    expect(await page.getByText('Avslutad: Hanterad').count()).toBe(0);
    await opener.click();
    await dialog.getByRole('button', { name: 'Ja, avsluta anmälan' }).click();
    await page.getByText('Avslutad: Hanterad').waitFor();
    expect(await statusText(page, 'general')).toMatch(/^PL-\d{4}-\d{4} är avslutad\.$/);
    // The close form is gone with the action; focus went to the status line, not to <body>.
    await focusNotOnBody(page);
    expect((await focused(page)).id).toBe('concern-status-general');
    await scanWithAxe(page, 'place report closed');

    // A second report goes to the police, with the legal basis; it then leaves this inbox.
    const token = (await (await fetch(`${server.url}/api/public/form-token`)).json()) as { token: string };
    const second = await fetch(`${server.url}/api/public/place-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
      body: JSON.stringify({
        tenant: slug,
        formToken: token.token,
        website: '',
        place: 'Parkeringen vid hallen',
        occurredOn: '2026-11-21',
        eventType: 'misstankt_narkotikahantering',
        description: 'Försäljning på kvällarna.',
      }),
    });
    expect(second.status).toBe(201);
    await page.getByRole('link', { name: 'Till mottagningen' }).click();
    await waitForPage(page, 'Mottagning');
    await page.getByText('Försäljning på kvällarna.').waitFor();
    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);
    await openPanel(page, 'forward');
    await page.getByLabel('Till organisation').selectOption({ label: 'Polisen Hofors' });
    await page.getByLabel('Lagstöd').fill('OSL 10 kap. 2 §');
    await page.getByRole('form', { name: 'Vidarebefordra' }).getByRole('button', { name: 'Vidarebefordra' }).click();
    await waitForPage(page, 'Mottagning');
    await page.getByText('Inga ärenden matchar filtret.').waitFor();
  });
  it('on a phone the header folds the navigation behind a menu button that opens and closes by keyboard', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Sandviken', 'socialtjanst');
    const intake = await createJourneyUser(server, [{ organisation: social, role: 'mottagning' }], { name: 'Maja Mottagning', twoFactor: true });
    browser = await openBrowser(server.url, { width: 360, height: 740 });
    const { page } = browser;
    await page.goto('/mottagning');
    await signIn(page, intake);
    await waitForPage(page, 'Mottagning');

    // Folded, the navigation is hidden from everyone (display: none), so it is found including hidden elements.
    const nav = page.getByRole('navigation', { name: 'Huvudmeny', includeHidden: true });
    const menu = page.getByRole('button', { name: 'Meny', exact: true });
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getAttribute('aria-controls')).toBe(await nav.getAttribute('id'));
    // The header leaves the phone's screen to the page: it used to take 320 of 740 px.
    const header = (await page.locator('header').boundingBox())!;
    expect(header.height).toBeLessThan(160);
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'phone-header-closed');

    // Keyboard only: Enter opens, Tab goes into the links, Escape closes and focus returns to the button.
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.isVisible()).toBe(true);
    await scanWithAxe(page, 'phone menu open');
    await screenshot(page, 'phone-header-open');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Översikt' });
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Meny' });

    // Space opens it too; a chosen link leads to its page and the menu folds again.
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForPage(page, 'Översikt');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
  });
});
