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
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';
import { randomIdentityNumber } from '../factories';

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

    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);
    expect(await page.getByText(`Eleven har varit borta i tre veckor. ${XSS}`).isVisible()).toBe(true);
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    await scanWithAxe(page, 'concern page');

    await page.getByLabel('Handläggare', { exact: true }).selectOption({ label: 'Hanna Handläggare' });
    await page.getByRole('form', { name: 'Tilldela' }).getByRole('button', { name: 'Tilldela' }).click();
    await page.getByText('Tilldelad Hanna Handläggare').waitFor();
    await page.getByLabel('Anteckning', { exact: true }).fill(`Ringde skolan. ${XSS}`);
    await page.getByRole('form', { name: 'Lägg till anteckning' }).getByRole('button', { name: 'Lägg till anteckning' }).click();
    await page.getByText(`Ringde skolan. ${XSS}`).waitFor();

    await page.getByLabel('Bedömning', { exact: true }).selectOption('inget_akut_skyddsbehov');
    await page.getByRole('form', { name: 'Skyddsbedömning' }).getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Skyddsbedömning: Inget akut skyddsbehov').waitFor();

    await page.getByLabel('Beslut', { exact: true }).selectOption('utredning_inledd');
    await page.getByRole('form', { name: 'Beslut om utredning' }).getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Beslut: Utredning inledd').waitFor();
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
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack, din anmälan är skickad' }).waitFor();

    await page.goto('/mottagning');
    await signIn(page, reporter);
    await waitForPage(page, 'Mottagning');
    await page.getByText('Någon krossade rutan i väntkuren.').waitFor();
    await page.getByRole('table').getByRole('link').first().click();
    await waitForPage(page, /^Ärende /);
    await page.getByLabel('Skäl').selectOption('hanterad');
    await page.getByRole('form', { name: 'Avsluta' }).getByRole('button', { name: 'Avsluta' }).click();
    await page.getByText('Avslutad: Hanterad').waitFor();
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
    await page.getByLabel('Till organisation').selectOption({ label: 'Polisen Hofors' });
    await page.getByLabel('Lagstöd').fill('OSL 10 kap. 2 §');
    await page.getByRole('form', { name: 'Vidarebefordra' }).getByRole('button', { name: 'Vidarebefordra' }).click();
    await waitForPage(page, 'Mottagning');
    await page.getByText('Inga ärenden matchar filtret.').waitFor();
  });
});
