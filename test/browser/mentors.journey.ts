import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { fitsViewport, openBrowser, scanWithAxe, screenshot, signIn, startTestServer, waitForPage, type JourneyBrowser, type JourneyUser, type TestServer } from './support';
import { createAuth } from '../../src/server/auth/auth';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_USERS, demoEmail } from '../../src/server/modules/demo/demo-data';
import type { DemoCredentials } from '../../src/server/modules/demo/demo-credentials';
import { inContext } from '../../src/server/db/context';
import { person, sspfCase } from '../../src/server/db/schema';
import type { Role } from '../../src/shared/roles';

/**
 * Issue 15 §5 on the demo: the association's key person registers a new mentor and records the
 * criminal-record check (the page says the extract is never kept); Kim, directing Alex's case, opens
 * "Byt mentor" on the mentorskap action: Erik, whose check is thirteen months old, is shown disabled with
 * the reason, the valid mentors can be chosen and are matched; Mona, the mentor, logs a meeting on her page.
 */

let server: TestServer;
let credentials: DemoCredentials;
let tenantId: string;
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
  tenantId = seeded.tenantId;
}, 300_000);
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

function demoUser(role: Role): JourneyUser {
  const user = DEMO_USERS.find((entry) => entry.role === role)!;
  return { id: '', email: demoEmail(user), name: user.name, password: credentials.password, totpUri: credentials.totpUri };
}

async function signInAs(role: Role): Promise<Page> {
  if (!browser) browser = await openBrowser(server.url, { width: 360, height: 740 });
  await browser.context.clearCookies();
  const { page } = browser;
  await page.goto('/logga-in');
  await signIn(page, demoUser(role));
  await waitForPage(page, 'Översikt');
  return page;
}

async function alexCaseId(): Promise<string> {
  const [row] = await inContext(server.database.db, { tenantId, userId: null }, (tx) =>
    tx
      .select({ id: sspfCase.id })
      .from(sspfCase)
      .innerJoin(person, and(eq(person.tenantId, sspfCase.tenantId), eq(person.id, sspfCase.personId)))
      .where(and(eq(sspfCase.tenantId, tenantId), eq(person.firstName, 'Alex'))),
  );
  return row!.id;
}

/** Waits for the server's answer to a POST whose path ends with `suffix`, and returns its status. */
const answered = (page: Page, suffix: string) => page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith(suffix));

describe('the mentor programme', () => {
  it('an expired mentor cannot be matched (shown disabled with the reason), a valid one can, and the mentor logs a meeting', async () => {
    // The association registers a new mentor and records the check.
    let page = await signInAs('foreningsnyckelperson');
    await page.goto('/mentorer');
    await waitForPage(page, 'Mentorer');
    const main = page.getByRole('main');
    await main.getByRole('link', { name: 'Erik Exempel (demo)' }).waitFor();
    await main.locator('table').getByText('Utgången').first().waitFor();
    await main.getByText('Registrera mentor').click();
    await main.getByLabel('Namn').fill('Sam Nyberg');
    const created = answered(page, '/api/mentors');
    await main.getByRole('button', { name: 'Registrera', exact: true }).click();
    expect((await created).status()).toBe(201);
    await waitForPage(page, 'Sam Nyberg');
    await main.getByText('Inget registerutdrag har kontrollerats.').waitFor();
    await main.getByText('Ladda aldrig upp och spara aldrig själva registerutdraget', { exact: false }).waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await main.getByLabel('Jag har sett utdraget och lämnat tillbaka det. Det sparas inte.').check();
    const checked = answered(page, '/vetting-checks');
    await main.getByRole('button', { name: 'Registrera kontroll' }).click();
    expect((await checked).status()).toBe(201);
    await main.getByText(/^Kontrollerat .+ av Nora Nyckelperson \(demo\)$/).waitFor();
    await main.getByText('Giltig', { exact: true }).first().waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'a new mentor with a recorded check');
    await screenshot(page, 'mentors-vetting-360');

    // Kim opens Alex's plan: Erik (expired) disabled with the reason; Sam and Mona can be chosen.
    page = await signInAs('koordinator');
    await page.goto(`/samverkan/${await alexCaseId()}#plan`);
    await page.getByRole('tab', { name: 'Åtagandeplan', selected: true }).waitFor();
    // The open tab: the plan.
    const plan = page.getByRole('tabpanel');
    await plan.getByText('Mentor: Mona Mentor (demo) (IK Demo Fotboll)').waitFor();
    await plan.getByText('Byt mentor').click();
    const erik = plan.getByRole('radio', { name: 'Erik Exempel (demo) (IK Demo Fotboll)' });
    await erik.waitFor();
    expect(await erik.isDisabled()).toBe(true);
    await plan.getByText('Kan inte väljas: kontrollen av registerutdraget är äldre än ett år.').waitFor();
    // The reason is the radio's description, so a screen reader hears it with the name.
    expect(await erik.getAttribute('aria-describedby')).toBeTruthy();
    const sam = plan.getByRole('radio', { name: 'Sam Nyberg (IK Demo Fotboll)' });
    expect(await sam.isDisabled()).toBe(false);
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'Matcha mentor with an expired mentor');
    await screenshot(page, 'mentors-match-expired-disabled-360');
    await sam.check();
    let matched = answered(page, '/mentor');
    await plan.getByRole('button', { name: 'Matcha', exact: true }).click();
    expect((await matched).status()).toBe(200);
    await plan.getByText('Mentor: Sam Nyberg (IK Demo Fotboll)').waitFor();
    // Back to Mona, who has an account and keeps the log. The match refetches the case and the action's
    // mentor; a choice made while that answer is on its way is drawn again from it, so wait for it to land.
    await page.waitForLoadState('networkidle');
    await plan.getByText('Byt mentor').click();
    await plan.getByRole('radio', { name: 'Mona Mentor (demo) (IK Demo Fotboll)' }).check();
    matched = answered(page, '/mentor');
    await plan.getByRole('button', { name: 'Matcha', exact: true }).click();
    expect((await matched).status()).toBe(200);
    await plan.getByText('Mentor: Mona Mentor (demo) (IK Demo Fotboll)').waitFor();
    // The director reads the meeting log.
    await plan.getByText('Träfflogg', { exact: true }).click();
    await plan.getByText('Läxhjälp i matte', { exact: false }).waitFor();

    // Mona logs a meeting on her own page.
    page = await signInAs('mentor');
    await page.goto('/mina-mentorstraffar');
    await waitForPage(page, 'Mina mentorsträffar');
    const mine = page.getByRole('main');
    await mine.getByRole('heading', { name: 'Alex Påhittad' }).waitFor();
    await mine.getByText('Första träffen', { exact: false }).waitFor();
    await mine.getByLabel('Längd i minuter').fill('45');
    await mine.getByLabel('Kort anteckning (valfritt)').fill('Promenad och samtal om praktikplatser.');
    const logged = answered(page, '/mentor/meetings');
    await mine.getByRole('button', { name: 'Spara träffen' }).click();
    expect((await logged).status()).toBe(201);
    await mine.getByText('Träffen är sparad.').waitFor();
    await mine.getByText('Promenad och samtal om praktikplatser.').waitFor();
    await mine.getByText('45 minuter', { exact: false }).waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'the mentor’s meetings page');
    await screenshot(page, 'mentors-my-meetings-360');
  });
});
