import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBlindIndex } from '../../src/server/crypto/field-cipher';
import { FORM_TOKEN_LIFETIME_MS, mintFormToken } from '../../src/server/modules/concerns/form-token';
import { createJourneyOrganisation, createJourneyTenant, openBrowser, scanWithAxe, startTestServer, waitForPage, type JourneyBrowser, type TestServer } from './support';

/**
 * The form token expires after a day. A form left open that long (a tab on the kitchen table) must still
 * be sendable: the refused send fetches a fresh token, says so, and the next press of Send goes through
 * with nothing retyped.
 */

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

async function slugOf(name: string): Promise<string> {
  const { tenants } = (await (await fetch(`${server.url}/api/public/tenants`)).json()) as { tenants: { slug: string; name: string }[] };
  return tenants.find((tenant) => tenant.name === name)!.slug;
}

const DESCRIPTION = 'Min dotter kommer hem sent och har fått dyra saker hon inte vill berätta om.';

describe('an expired form token', () => {
  it('is replaced by a fresh one; the second Send succeeds without retyping', async () => {
    const tenant = await createJourneyTenant(server, 'Hudiksvalls kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Hudiksvall', 'socialtjanst');
    const slug = await slugOf('Hudiksvalls kommun');

    // The token the form got when it opened, a day and an hour ago: genuinely signed, genuinely expired.
    const issuedAt = Date.now() - FORM_TOKEN_LIFETIME_MS - 60 * 60 * 1000;
    const expired = {
      token: mintFormToken(createBlindIndex(server.secrets.blindIndexKey), issuedAt),
      notBefore: new Date(issuedAt).toISOString(),
      expiresAt: new Date(issuedAt + FORM_TOKEN_LIFETIME_MS).toISOString(),
    };

    browser = await openBrowser(server.url);
    const { page } = browser;
    let tokensServed = 0;
    await page.route('**/api/public/form-token', async (route) => {
      tokensServed += 1;
      if (tokensServed === 1) await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(expired) });
      else await route.continue();
    });
    const sentTokens: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/public/concerns') && request.method() === 'POST') {
        sentTokens.push((JSON.parse(request.postData() ?? '{}') as { formToken: string }).formToken);
      }
    });

    await page.goto(`/oro?tenant=${slug}`);
    await waitForPage(page, 'Anmäl oro');
    await page.getByLabel('Jag är orolig för ett barn eller en ung person').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Förälder').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Ungefärlig ålder (frivilligt)').fill('15');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Utsatthet, exploatering eller rekrytering').check();
    await page.getByLabel('Berätta med egna ord').fill(DESCRIPTION);
    await page.getByLabel('Plats (frivilligt)').fill('Köpcentrum');
    await page.getByRole('button', { name: 'Nästa' }).click();
    // The review step: what will be sent, then Skicka.
    await page.getByRole('heading', { name: 'Kontrollera och skicka' }).waitFor();

    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByText('Formuläret behöver laddas om innan det kan skickas. Vi har gjort det – tryck Skicka igen.').waitFor();
    expect(sentTokens).toEqual([expired.token]);
    // The message shows once the fresh token is in (the form waits for it).
    expect(tokensServed).toBe(2);
    // Nothing typed was lost: the review still shows it.
    expect(await page.getByRole('main').textContent()).toContain('Köpcentrum');
    await scanWithAxe(page, 'token refused');

    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack, din anmälan är skickad' }).waitFor();
    expect(sentTokens).toHaveLength(2);
    expect(sentTokens[1]).not.toBe(expired.token);

    // What was typed arrived: the receipt's status says it was received.
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    const status = await fetch(`${server.url}/api/public/concerns/${code}`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { status: string }).status).toBe('mottagen');
  });
});
