import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fitsViewport, openBrowser, scanWithAxe, screenshot, signIn, startTestServer, waitForPage, type JourneyBrowser, type JourneyUser, type TestServer } from './support';
import { createAuth } from '../../src/server/auth/auth';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_USERS, SANDVIKEN_USERS, demoEmail, type DemoUser } from '../../src/server/modules/demo/demo-data';
import type { DemoCredentials } from '../../src/server/modules/demo/demo-credentials';
import { addDays, localDateOf } from '../../src/shared/stockholm-time';
import { eq } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { sspfCase } from '../../src/server/db/schema';

/**
 * Issue 16 §6, in the demo: Gävle's exchange officer makes a request from Alex's case on her phone; it
 * matches Sandviken's pooled offer and she proposes it; Sandviken's officer accepts; Gävle confirms; both
 * see each other's contact details and the same reference. Each tenant's Loggkontroll shows its own side
 * only. An administrator in either tenant sees nothing of the exchange: no navigation entry, and the
 * pages and the API refuse.
 */

let server: TestServer;
let credentials: DemoCredentials;
let gavleTenantId: string;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer();
  const { database, config, secrets } = server;
  const seeded = await seedDemo({
    database,
    auth: createAuth({ db: database.db, config, secrets }),
    cipher: createFieldCipher(secrets.encryptionKey),
    blindIndex: createBlindIndex(secrets.blindIndexKey),
    authSecret: secrets.authSecret,
  });
  credentials = seeded.credentials;
  gavleTenantId = seeded.tenantId;
}, 300_000);
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

/** Alex's case in the demo: its only SSPF case. */
async function alexCaseId(): Promise<string> {
  const [row] = await inContext(server.database.db, { tenantId: gavleTenantId, userId: null }, (tx) =>
    tx.select({ id: sspfCase.id }).from(sspfCase).where(eq(sspfCase.tenantId, gavleTenantId)).limit(1),
  );
  return row!.id;
}

const gavle = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const sandviken = (role: string) => SANDVIKEN_USERS.find((u) => u.role === role)!;
const asJourneyUser = (user: DemoUser): JourneyUser => ({ id: '', email: demoEmail(user), name: user.name, password: credentials.password, totpUri: credentials.totpUri });

/** Signs `user` in (a fresh session in the one browser, 360 px wide by default) and waits for the start page. */
async function signInAs(user: DemoUser, width = 360): Promise<Page> {
  if (!browser) browser = await openBrowser(server.url, { width, height: 740 });
  await browser.context.clearCookies();
  const { page } = browser;
  await page.setViewportSize({ width, height: 740 });
  await page.goto('/logga-in');
  await signIn(page, asJourneyUser(user));
  await waitForPage(page, 'Översikt');
  return page;
}

/** No sideways scrolling; when there is, which elements stick out (to say so in the failure). */
async function expectFits(page: Page): Promise<void> {
  if (await fitsViewport(page)) return;
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((el) => !el.closest('.table-region') && el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`),
  );
  await screenshot(page, 'housing-exchange-too-wide');
  expect(wide).toEqual([]);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.page-loading'));
}

/** The exchange's navigation entry, whether the narrow screen has folded the menu or not. */
const navEntries = (page: Page) => page.locator('nav#main-nav a[href="/bostadsutbyte"]').count();

/** What the API answers this session for a path (the browser's own cookies). */
const statusOf = (page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).status, path);

describe('the housing exchange between Gävle (demo) and Sandviken (demo)', () => {
  it('request from Alex’s case, proposed, accepted, confirmed; contacts and reference on both sides; each log its own side; administrators see nothing', async () => {
    // ---- Gävle's exchange officer, on her phone ----
    const ulla = gavle('utbytessamordnare');
    let page = await signInAs(ulla);
    expect(await navEntries(page)).toBe(1);
    await page.goto('/bostadsutbyte');
    await waitForPage(page, 'Bostadsutbyte');
    await settled(page);
    const offersToUs = page.getByRole('region', { name: 'Erbjudanden till oss' });
    await offersToUs.getByText('Från Sandviken (demo)').waitFor();
    await offersToUs.getByText('2 rum, 52 m², Sandviken, Centrum', { exact: false }).waitFor();
    await expectFits(page);
    await scanWithAxe(page, 'exchange start, Gävle officer, 360 px');
    await screenshot(page, 'housing-exchange-start-360');

    // A new request. Sent without the young person's wish or exit support, the form says what is missing, by the fields.
    await page.getByRole('link', { name: 'Nytt behov från ett SSPF-ärende' }).click();
    await waitForPage(page, 'Nytt behov');
    await page.getByText('Inget som identifierar den unga lämnar kommunen', { exact: false }).waitFor();
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Skicka till utbytet' }).click();
    await main.getByText('Behovet kan inte göras utan den ungas dokumenterade önskan att flytta.').first().waitFor();
    await main.getByText('Avhopparstödet måste finnas på plats innan behovet skickas.', { exact: false }).first().waitFor();
    await main.getByText('Välj minst fem godtagbara kommuner eller län.').first().waitFor();
    await expectFits(page);
    await scanWithAxe(page, 'new request with field messages, 360 px');
    await screenshot(page, 'housing-exchange-new-request-errors-360');

    // Alex's case, chosen from the officer's list: the open cases whose team she is on (Kim added her two days ago).
    const caseSelect = main.getByLabel('SSPF-ärende', { exact: true });
    await caseSelect.waitFor();
    const choices = await caseSelect.locator('option').allTextContents();
    expect(choices.filter((text) => text.includes('SSPF-'))).toEqual([expect.stringMatching(/^Alex .* · SSPF-[0-9A-F]{8}$/)]);
    await caseSelect.selectOption({ value: await alexCaseId() });
    await main.getByLabel('Den ungas önskan är dokumenterad').check();
    await main.getByLabel('Dokumenterad av').fill('Hanna Handläggare (demo)');
    const today = localDateOf(new Date());
    await main.getByLabel('Dokumenterad den').fill(addDays(today, -7));
    await main.getByLabel('Person 1').selectOption({ label: '16–17 år' });
    await main.getByLabel('Gymnasium').check();
    const acceptable = main.getByRole('group', { name: 'Godtagbara kommuner eller län' });
    for (const name of ['Sandviken', 'Hofors', 'Ockelbo', 'Bollnäs', 'Söderhamn']) {
      await acceptable.getByLabel('Kommun eller län').selectOption({ label: name });
      await acceptable.getByRole('button', { name: 'Lägg till' }).click();
    }
    const avoid = main.getByRole('group', { name: 'Kommuner eller län att undvika' });
    await avoid.getByLabel('Kommun eller län').selectOption({ label: 'Gävle' });
    await avoid.getByRole('button', { name: 'Lägg till' }).click();
    await main.getByLabel('Flytt senast').fill(addDays(today, 60));
    await main.getByLabel('Avhopparstöd finns på plats').check();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/exchange/requests') && r.request().method() === 'POST');
    await main.getByRole('button', { name: 'Skicka till utbytet' }).click();
    expect((await created).status()).toBe(201);
    await waitForPage(page, 'Behov: 1 person, 1 rum');
    await settled(page);

    // It matches Sandviken's pooled offer; she proposes it.
    const matching = page.getByRole('region', { name: 'Erbjudanden som passar' });
    await matching.getByText('Från Sandviken (demo)').waitFor();
    await matching.getByRole('button', { name: 'Föreslå detta erbjudande' }).click();
    await page.getByText('Förslaget är skickat till Sandviken (demo).').waitFor();
    await scanWithAxe(page, 'request with its match proposed');

    // ---- Sandviken's exchange officer accepts ----
    const siv = sandviken('utbytessamordnare');
    page = await signInAs(siv);
    await page.goto('/bostadsutbyte');
    await waitForPage(page, 'Bostadsutbyte');
    await settled(page);
    await page.getByRole('link', { name: 'Svara på förslaget: Gävle (demo)' }).click();
    await waitForPage(page, 'Matchning med Gävle (demo)');
    await settled(page);
    await page.getByRole('button', { name: 'Acceptera' }).click();
    await page.getByText('Matchningen är accepterad.').waitFor();
    await page.getByText('Väntar på Gävle (demo).').waitFor();
    await expectFits(page);
    await scanWithAxe(page, 'match accepted, Sandviken officer, 360 px');
    await screenshot(page, 'housing-exchange-accepted-360');

    // ---- Gävle confirms: the contacts and the reference open ----
    page = await signInAs(ulla);
    await page.goto('/bostadsutbyte');
    await settled(page);
    await page.getByRole('link', { name: 'Bekräfta: Sandviken (demo)' }).click();
    await waitForPage(page, 'Matchning med Sandviken (demo)');
    await settled(page);
    await page.getByRole('button', { name: 'Bekräfta matchningen' }).click();
    await page.getByText('Matchningen är bekräftad.').waitFor();
    const reference = (await page.getByTestId('exchange-reference').textContent())!.trim();
    expect(reference).toMatch(/^BX-[A-Z2-9]{6}$/);
    await page.getByText(siv.name, { exact: false }).first().waitFor();
    await expectFits(page);
    await scanWithAxe(page, 'match confirmed with contacts, Gävle officer, 360 px');
    await screenshot(page, 'housing-exchange-confirmed-360');

    // The identity goes in a one-time sealed message, only for Sandviken's officer.
    const sealedText = 'Alex Påhittad (demo), kontakt via socialjouren (demo).';
    await page.getByLabel('Meddelande', { exact: true }).fill(sealedText);
    await page.getByRole('button', { name: 'Skicka förseglat' }).click();
    await page.getByText('Ditt förseglade meddelande är skickat.').first().waitFor();

    // Sandviken's officer sees the same reference and Gävle's officer, opens the sealed message once, and sets the moving date.
    page = await signInAs(siv);
    await page.goto('/bostadsutbyte');
    await settled(page);
    await page.getByRole('link', { name: 'Öppna det förseglade meddelandet: Gävle (demo)' }).click();
    await waitForPage(page, 'Matchning med Gävle (demo)');
    await settled(page);
    expect((await page.getByTestId('exchange-reference').textContent())!.trim()).toBe(reference);
    await page.getByText(ulla.name, { exact: false }).first().waitFor();
    const matchPath = new URL(page.url()).pathname;
    const sandvikenMatchId = matchPath.split('/').pop()!;
    await page.getByText('Ett förseglat meddelande väntar på dig. Det kan öppnas en gång.').waitFor();
    await page.getByRole('button', { name: 'Öppna meddelandet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Öppna det förseglade meddelandet?' });
    await dialog.getByText('Meddelandet kan bara öppnas en gång.', { exact: false }).waitFor();
    await scanWithAxe(page, 'opening the sealed message');
    await dialog.getByRole('button', { name: 'Öppna meddelandet' }).click();
    await page.getByText(sealedText).waitFor();
    await expectFits(page);
    await screenshot(page, 'housing-exchange-sealed-opened-360');
    // Opened once: after a reload it is gone, and cannot be opened again.
    await page.reload();
    await waitForPage(page, 'Matchning med Gävle (demo)');
    await settled(page);
    expect(await page.getByText(sealedText).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Öppna meddelandet' }).count()).toBe(0);
    const moveOn = addDays(today, 30);
    await page.getByLabel('Datum för flytten').fill(moveOn);
    await page.getByRole('button', { name: 'Spara flyttdatum' }).click();
    await page.getByText(/^Flytten är planerad till /).first().waitFor();

    // ---- Each Loggkontroll shows its own side ----
    page = await signInAs(gavle('loggranskare'), 1280);
    await page.goto('/loggkontroll');
    await waitForPage(page, 'Loggkontroll');
    await settled(page);
    const gavleLog = page.getByRole('main');
    await gavleLog.getByText(ulla.name).first().waitFor();
    expect(await gavleLog.getByText(siv.name).count()).toBe(0);
    await scanWithAxe(page, 'Gävle’s Loggkontroll');
    await screenshot(page, 'housing-exchange-log-gavle');

    page = await signInAs(sandviken('loggranskare'), 1280);
    await page.goto('/loggkontroll');
    await waitForPage(page, 'Loggkontroll');
    await settled(page);
    const sandvikenLog = page.getByRole('main');
    await sandvikenLog.getByText(siv.name).first().waitFor();
    expect(await sandvikenLog.getByText(ulla.name).count()).toBe(0);
    await screenshot(page, 'housing-exchange-log-sandviken');

    // ---- The administrators see nothing of the exchange ----
    for (const admin of [gavle('administrator'), sandviken('administrator')]) {
      page = await signInAs(admin);
      expect(await navEntries(page), admin.localPart).toBe(0);
      await page.goto('/bostadsutbyte');
      await waitForPage(page, 'Sidan finns inte');
      await page.goto(matchPath);
      await waitForPage(page, 'Sidan finns inte');
      for (const path of ['/api/exchange/requests', '/api/exchange/incoming-requests', '/api/exchange/offers', '/api/exchange/incoming-offers', '/api/exchange/matches', '/api/exchange/reciprocity']) {
        expect(await statusOf(page, path), `${admin.localPart} ${path}`).toBe(403);
      }
      expect(await statusOf(page, `/api/exchange/matches/${sandvikenMatchId}`), `${admin.localPart} a match`).toBe(404);
    }
  }, 300_000);
});
