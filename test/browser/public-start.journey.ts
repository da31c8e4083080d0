import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  fitsViewport,
  openBrowser,
  scanWithAxe,
  screenshot,
  signIn,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';

/**
 * Issue 11 §5: someone who types the site's address is most likely worried about a child. `/` shows
 * them the public start page (the way to the form, the association guide, the status page and staff
 * sign-in, with the municipality's name when it is known); a signed-in user still gets Översikt there.
 */

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

async function slugOf(name: string): Promise<string> {
  const { tenants } = (await (await fetch(`${server.url}/api/public/tenants`)).json()) as { tenants: { slug: string; name: string }[] };
  return tenants.find((tenant) => tenant.name === name)!.slug;
}

describe('the public start page at /', () => {
  it('a visitor on a phone finds the concern form of the only municipality; a signed-in user gets Översikt', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const slug = await slugOf('Gävle kommun');
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;

    await page.goto('/');
    expect(await waitForPage(page, 'Orolig för ett barn eller en ung person?')).toBe('Orolig för ett barn eller en ung person? – Samverka');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('Berätta det för socialtjänsten i Gävle kommun.', { exact: false }).waitFor();
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: 'Anmäl oro' }).getAttribute('href')).toBe(`/oro?tenant=${slug}&track=person`);
    expect(await main.getByRole('link', { name: /så gör du med din oro/ }).getAttribute('href')).toBe(`/oro/forening?tenant=${slug}`);
    expect(await main.getByRole('link', { name: /Se status för din anmälan/ }).getAttribute('href')).toBe('/oro/status');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'public start page');
    await screenshot(page, 'public-start-360');

    // Staff find their way in from here.
    await main.getByRole('link', { name: 'Personal: logga in i Samverka' }).click();
    await waitForPage(page, 'Logga in');
    const user = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { twoFactor: true });
    await signIn(page, user);
    await waitForPage(page, 'Översikt');
    await page.goto('/');
    expect(await waitForPage(page, 'Översikt')).toBe('Översikt – Samverka');
    expect(await page.getByRole('heading', { name: 'Orolig för ett barn eller en ung person?' }).count()).toBe(0);
  });

  it('in Arabic, right to left, naming the municipality chosen before', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Sandviken', 'socialtjanst');
    const slug = await slugOf('Sandvikens kommun');
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;

    // Two municipalities now: none is named until the visitor has chosen one.
    await page.goto('/');
    await waitForPage(page, 'Orolig för ett barn eller en ung person?');
    await page.getByText('Berätta det för socialtjänsten här.', { exact: false }).waitFor();
    expect(await page.getByText('Sandvikens kommun').count()).toBe(0);

    await page.goto(`/oro/forening?tenant=${slug}`);
    await waitForPage(page, 'Så gör du med din oro');
    await page.getByText('Sandvikens kommun', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'العربية' }).click();
    await waitForPage(page, 'ماذا تفعل بقلقك');
    await page.goto('/');
    expect(await waitForPage(page, 'هل أنت قلق على طفل أو شاب؟')).toBe('هل أنت قلق على طفل أو شاب؟ – Samverka');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await page.getByText('أخبر الخدمات الاجتماعية في Sandvikens kommun.', { exact: false }).waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: 'الإبلاغ عن قلق' }).getAttribute('href')).toBe(`/oro?tenant=${slug}&track=person`);
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'public start page in Arabic');
    await screenshot(page, 'public-start-arabic-360');
  });
});
