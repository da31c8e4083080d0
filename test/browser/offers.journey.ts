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
 * Issue 15 §3: the youth centre's staff put an open evening in the insatskatalog and mark it public; a
 * parent on a 360 px phone finds it on "Vad finns att göra?" in Somali, by day and age, without signing in.
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

describe('offers (insatskatalog)', () => {
  it('staff add a public open evening (a personnummer refused on the field); a parent on a phone finds it in Somali', async () => {
    const summer = new Date().getFullYear() + 1;
    const tenant = await createJourneyTenant(server, 'Insatskommunen');
    const youthCentre = await createJourneyOrganisation(server, tenant, 'Fritidsgården Kvarnen', 'fritid');
    const slug = await slugOf('Insatskommunen');
    const leader = await createJourneyUser(server, [{ organisation: youthCentre, role: 'fritidsledare' }], { name: 'Fia Fritidsledare', twoFactor: true });

    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;
    await page.goto('/logga-in');
    await signIn(page, leader);
    await waitForPage(page, 'Översikt');
    await page.goto('/insatser');
    await waitForPage(page, 'Insatser');
    await page.getByRole('heading', { name: 'Inga insatser' }).waitFor();
    await page.getByRole('link', { name: 'Lägg till insats' }).click();
    await waitForPage(page, 'Ny insats');
    const main = page.getByRole('main');
    await main.getByLabel('Namn på insatsen').fill('Öppen kväll på Kvarnen');
    await main.getByLabel('Beskrivning').fill('Spel, pingis och fika. Fråga efter 20100101-1234 i receptionen.');
    await main.getByLabel('Ålder från').fill('13');
    await main.getByLabel('Ålder till').fill('17');
    await main.getByLabel('Språk', { exact: true }).fill('sv, so, ar');
    await main.getByRole('button', { name: 'Lägg till en tid' }).click();
    await main.getByRole('combobox', { name: 'Veckodag' }).selectOption('5');
    await main.locator('#offer-time-0-starts').fill('18:00');
    await main.locator('#offer-time-0-ends').fill('22:00');
    // A summer period next year: June 15 to August 14 (date fields take YYYY-MM-DD).
    await main.getByLabel('Från', { exact: true }).fill(`${summer}-06-15`);
    await main.getByLabel('Till', { exact: true }).fill(`${summer}-08-14`);
    await main.getByLabel('Kontakt (funktion)').fill('Fritidsgårdens reception');
    await main.getByLabel('Kontaktperson').fill('Fia Fritidsledare');
    await main.getByLabel('Visa på den öppna sidan ”Vad finns att göra?”').check();
    await main.getByRole('button', { name: 'Lägg till insatsen' }).click();

    // The personnummer is refused, on the field and in the summary; nothing is saved.
    await main.getByRole('alert').getByText('Skriv inte personnummer i insatsen', { exact: false }).waitFor();
    expect(await main.getByLabel('Beskrivning').getAttribute('aria-invalid')).toBe('true');
    await scanWithAxe(page, 'new offer with a field error');
    await main.getByLabel('Beskrivning').fill('Spel, pingis och fika. Fritidsledarna finns på plats.');
    await main.getByRole('button', { name: 'Lägg till insatsen' }).click();
    await waitForPage(page, 'Öppen kväll på Kvarnen');
    await page.getByText('Insatsen är sparad.').waitFor();
    await page.getByText('Har plats').first().waitFor();
    await page.getByText('Visas på den öppna sidan').waitFor();
    await page.getByText(`15 juni ${summer}–14 augusti ${summer}`).waitFor();
    await page.getByText('Kontaktperson (visas bara för personal): Fia Fritidsledare').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'the offer page');
    await screenshot(page, 'offers-staff-offer-360');
    await browser.close();

    // A parent, signed out, on a phone.
    browser = await openBrowser(server.url, { width: 360 });
    const parent = browser.page;
    // From the municipality's public start page, as a parent would come.
    await parent.goto(`/?tenant=${slug}`);
    await parent.getByRole('link', { name: 'Vad finns att göra? Aktiviteter och stöd för unga och föräldrar' }).click();
    await waitForPage(parent, 'Vad finns att göra?');
    expect(new URL(parent.url()).search).toBe(`?tenant=${slug}`);
    await parent.getByRole('button', { name: 'Soomaali' }).click();
    expect(await waitForPage(parent, 'Maxaa la sameyn karaa?')).toBe('Maxaa la sameyn karaa? – Samverka');
    expect(await parent.getAttribute('html', 'lang')).toBe('so');
    expect(await parent.getAttribute('html', 'dir')).toBe('ltr');
    await parent.getByLabel('Maalinta').selectOption({ label: 'Jimce' });
    await parent.getByLabel("Da'da").selectOption({ label: '15 sano' });
    await parent.getByText('Tirada hawlaha: 1').waitFor();
    const card = parent.getByRole('listitem').filter({ has: parent.getByRole('heading', { name: 'Öppen kväll på Kvarnen' }) });
    await card.getByText('Hawl furan · Fritidsgården Kvarnen').waitFor();
    await card.getByText('Jimce').waitFor();
    await card.getByText('Bilaash').waitFor();
    await card.getByText('Fritidsgårdens reception').waitFor();
    // The period, in Somali words around the dates.
    await card.getByText('Muddada').waitFor();
    // Somali month names where the browser has them, else the dates as written; never a Swedish month.
    const somaliMonths = await parent.evaluate(() => Intl.DateTimeFormat.supportedLocalesOf(['so']).length > 0);
    const period = card.getByText(somaliMonths ? new RegExp(`15.*${summer}.* ilaa .*14.*${summer}`) : `${summer}-06-15 ilaa ${summer}-08-14`);
    await period.waitFor();
    expect(await period.textContent()).not.toMatch(/juni|augusti/);
    // Nothing that names a person.
    expect(await parent.getByText('Fia Fritidsledare').count()).toBe(0);
    expect(await fitsViewport(parent)).toBe(true);
    await scanWithAxe(parent, 'Vad finns att göra? in Somali');
    await screenshot(parent, 'offers-public-somali-360');

    // Another day: nothing on Sunday, said in Somali.
    await parent.getByLabel('Maalinta').selectOption({ label: 'Axad' });
    await parent.getByText('Tirada hawlaha: 0').waitFor();
    await parent.getByText('Waxba kuma habboona doorashooyinkaas', { exact: false }).waitFor();

    // Persian reads right to left.
    await parent.getByRole('button', { name: 'فارسی' }).click();
    await waitForPage(parent, 'چه کارهایی می‌توان کرد؟');
    expect(await parent.getAttribute('html', 'dir')).toBe('rtl');
    expect(await fitsViewport(parent)).toBe(true);
    await scanWithAxe(parent, 'Vad finns att göra? in Persian');
  });
});
