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

describe('Händelsekategorier', () => {
  it('a coordinator adds Bränder (a duplicate refused in words) and switches Nedskräpning off; the EST reporter’s form follows; a field worker only reads the list', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const housing = await createJourneyOrganisation(server, tenant, 'Gavlegårdarna', 'bostadsbolag', false);
    const coordinator = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { twoFactor: true, name: 'Kim Koordinator' });
    const reporter = await createJourneyUser(server, [{ organisation: housing, role: 'est_rapportor' }], { twoFactor: true, name: 'Rut Rapportör' });
    const fieldWorker = await createJourneyUser(server, [{ organisation: social, role: 'faltassistent' }], { twoFactor: true, name: 'Frej Fältassistent' });

    // The coordinator finds the page from the events list.
    browser = await openBrowser(server.url, { width: 1280, height: 900 });
    let page = browser.page;
    await page.goto('/handelser');
    await signIn(page, coordinator);
    await waitForPage(page, 'Händelser');
    await page.getByRole('link', { name: 'Händelsekategorier' }).click();
    expect(await waitForPage(page, 'Händelsekategorier')).toBe('Händelsekategorier – Samverka');
    await page.getByRole('table', { name: 'EST-kategorierna och om de erbjuds för nya rapporter' }).waitFor();
    await page.getByText('Kommunen har inte lagt till några egna kategorier. Lägg till en nedan.').waitFor();
    expect(await page.getByTestId('category-nedskrapning').getByTestId('category-state').textContent()).toBe('På');
    await scanWithAxe(page, 'event categories, coordinator, none of its own');

    // Bränder: the code follows the Swedish name.
    await page.getByLabel('Namn på svenska').fill('Bränder');
    await page.getByLabel('Namn på engelska').fill('Fires');
    expect(await page.getByLabel('Kod', { exact: true }).inputValue()).toBe('brander');
    await page.getByRole('button', { name: 'Lägg till kategori' }).click();
    await page.getByText('Bränder har lagts till och erbjuds för nya rapporter.').waitFor();
    const own = page.getByRole('table', { name: 'Kommunens egna kategorier och om de erbjuds för nya rapporter' });
    await own.getByRole('row').filter({ hasText: 'Bränder' }).waitFor();
    expect(await own.getByTestId('category-brander').getByTestId('category-state').textContent()).toBe('På');
    // The form is empty again for the next one.
    expect(await page.getByLabel('Namn på svenska').inputValue()).toBe('');

    // The same again is refused, on the code field, in words.
    await page.getByLabel('Namn på svenska').fill('Bränder');
    await page.getByLabel('Namn på engelska').fill('Fires');
    await page.getByRole('button', { name: 'Lägg till kategori' }).click();
    await page.getByRole('link', { name: /Det finns redan en kategori med den koden/ }).waitFor();
    expect(await page.getByText('Det finns redan en kategori med den koden.').count()).toBe(2);
    expect(await page.getByLabel('Kod', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await own.getByRole('row').filter({ hasText: 'Bränder' }).count()).toBe(1);
    await scanWithAxe(page, 'event categories, duplicate refused');

    // Nedskräpning off for new reports.
    await page.getByRole('button', { name: 'Stäng av Nedskräpning' }).click();
    await page.getByText('Nedskräpning är avstängd för nya rapporter. Händelser som redan har kategorin behåller den.').waitFor();
    await page.getByRole('button', { name: 'Slå på Nedskräpning' }).waitFor();
    expect(await page.getByTestId('category-nedskrapning').getByTestId('category-state').textContent()).toBe('Avstängd');
    await scanWithAxe(page, 'event categories, one switched off');
    await screenshot(page, 'event-categories-coordinator');

    await page.setViewportSize({ width: 360, height: 780 });
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'event categories, 360 px');
    await screenshot(page, 'event-categories-360');
    await browser.close();

    // The EST reporter's form offers Bränder and not Nedskräpning.
    browser = await openBrowser(server.url, { width: 360, height: 780 });
    page = browser.page;
    await page.goto('/handelser/ny');
    await signIn(page, reporter);
    await waitForPage(page, 'Rapportera händelse');
    const category = page.getByLabel('Kategori', { exact: true });
    await category.waitFor();
    const offered = (await category.locator('option').allTextContents()).map((text) => text.trim());
    expect(offered).toContain('Bränder');
    expect(offered).toContain('Skadegörelse');
    expect(offered).not.toContain('Nedskräpning');
    // The reporter has no link to manage the categories.
    await page.goto('/handelser');
    await waitForPage(page, 'Händelser');
    await page.getByRole('link', { name: 'Rapportera händelse' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Händelsekategorier' }).count()).toBe(0);
    await browser.close();

    // A field worker reads the list, with who manages it, and nothing to change.
    browser = await openBrowser(server.url, { width: 1280, height: 900 });
    page = browser.page;
    await page.goto('/handelser/kategorier');
    await signIn(page, fieldWorker);
    await waitForPage(page, 'Händelsekategorier');
    await page.getByText('Kategorierna hanteras av kommunens administratör och samordnare (koordinator).', { exact: false }).waitFor();
    await page.getByTestId('category-brander').waitFor();
    expect(await page.getByTestId('category-nedskrapning').getByTestId('category-state').textContent()).toBe('Avstängd');
    expect(await page.getByRole('button', { name: /Stäng av|Slå på/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lägg till kategori' }).count()).toBe(0);
    expect(await page.getByLabel('Namn på svenska').count()).toBe(0);
    // The server refuses a change from a field worker as well.
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/event-categories/skadegorelse', { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' }, body: JSON.stringify({ active: false }) });
      return response.status;
    });
    expect(refused).toBe(403);
    await scanWithAxe(page, 'event categories, read only');
    await screenshot(page, 'event-categories-read-only');
  });
});
