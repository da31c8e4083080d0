import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyOrganisation, createJourneyTenant, openBrowser, scanWithAxe, screenshot, startTestServer, waitForPage, type JourneyBrowser, type TestServer } from './support';

/** The per-IP submission limit, as a visitor meets it: a friendly message, and nothing typed is lost. */

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  // One submission an hour from an address: the journey's second one is over the limit.
  server = await startTestServer({
    SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0',
    SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1',
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

async function slugOf(name: string): Promise<string> {
  const { tenants } = (await (await fetch(`${server.url}/api/public/tenants`)).json()) as { tenants: { slug: string; name: string }[] };
  return tenants.find((tenant) => tenant.name === name)!.slug;
}

const DESCRIPTION = 'Glaset i busskuren vid Stortorget krossas varje fredagskväll.';

describe('the public form over the submission limit', () => {
  it('says so in plain Swedish, keeps everything typed, and sends nothing', async () => {
    const tenant = await createJourneyTenant(server, 'Bollnäs kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Bollnäs', 'socialtjanst');
    await createJourneyOrganisation(server, tenant, 'Trygghetsenheten Bollnäs', 'annan');
    const slug = await slugOf('Bollnäs kommun');

    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;
    // Someone at the same address (a shared library computer, say) already sent this hour's one report.
    const token = (await (await fetch(`${server.url}/api/public/form-token`)).json()) as { token: string };
    const first = await fetch(`${server.url}/api/public/place-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
      body: JSON.stringify({ tenant: slug, formToken: token.token, website: '', place: 'Torget', occurredOn: '2026-11-20', eventType: 'nedskrapning', description: 'Skräp.' }),
    });
    expect(first.status).toBe(201);

    await page.goto(`/oro?tenant=${slug}`);
    await waitForPage(page, 'Anmäl oro');
    await page.getByLabel('Jag är orolig för en plats eller en situation').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Plats', { exact: true }).fill('Stortorget');
    await page.getByLabel('Datum').fill('2026-11-20');
    await page.getByLabel('Skadegörelse').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Beskriv händelsen').fill(DESCRIPTION);
    await page.getByRole('button', { name: 'Nästa' }).click();
    // The review step: what will be sent, then Skicka.
    await page.getByRole('heading', { name: 'Kontrollera och skicka' }).waitFor();
    const refusal = page.waitForResponse((response) => response.url().endsWith('/api/public/place-reports'));
    await page.getByRole('button', { name: 'Skicka' }).click();
    expect((await refusal).status()).toBe(429);

    await page.getByText('För många anmälningar har skickats härifrån. Vänta en stund och försök igen, eller ring socialtjänsten.').waitFor();
    expect(await page.getByRole('heading', { name: 'Tack, din anmälan är skickad' }).count()).toBe(0);
    // Still on the review step, with everything typed.
    expect(await page.getByRole('main').textContent()).toContain(DESCRIPTION);
    expect(await page.getByRole('main').textContent()).toContain('Stortorget');
    await scanWithAxe(page, 'rate limited');
    await screenshot(page, 'oro-rate-limited-360');

    // Still there after a reload (the draft is in this tab's sessionStorage), so it can be sent later.
    await page.reload();
    await waitForPage(page, 'Anmäl oro');
    await page.getByRole('button', { name: 'Tillbaka' }).waitFor();
    const typed = async () => {
      const description = page.getByLabel('Beskriv händelsen');
      return (await description.count()) > 0 ? await description.inputValue() : ((await page.getByRole('main').textContent()) ?? '').includes(DESCRIPTION) ? DESCRIPTION : '';
    };
    expect(await typed()).toBe(DESCRIPTION);
  });
});
