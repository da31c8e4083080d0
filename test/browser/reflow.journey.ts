import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createJourneyOrganisation, createJourneyTenant, createJourneyUser, explainTimeout, fitsViewport, openBrowser, scanWithAxe, screenshot, signIn, startTestServer, type JourneyBrowser, type JourneyUser, type TestServer } from './support';
import { createAuth } from '../../src/server/auth/auth';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_TENANT, DEMO_USERS, SANDVIKEN_USERS, demoEmail } from '../../src/server/modules/demo/demo-data';
import type { DemoCredentials } from '../../src/server/modules/demo/demo-credentials';
import { appRoutes } from '../../src/web/app/routes';
import type { Role } from '../../src/shared/roles';
import { isoWeekOf, localDateOf } from '../../src/shared/stockholm-time';
import { eq } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { sspfCase } from '../../src/server/db/schema';

/**
 * Reflow (WCAG 1.4.10): every signed-in page with the demo's data, and the public pages, fit a 360 px wide phone and a
 * 1366 px screen zoomed to 200% (683 CSS px at device scale factor 2) without sideways scrolling, and
 * is axe clean at both. One browser; one sign-in per role that the pages need.
 */

let server: TestServer;
let credentials: DemoCredentials;
let demoTenantId: string;
let browser: JourneyBrowser | null = null;

/** An address with no place to break: it used to make /mottagning/:id 436 px wide on a 360 px phone. */
const LONG_EMAIL = 'forskoleklass.mentor.vasterbottensskolan.norra.omradet@kommunen-exempel.example';

beforeAll(async () => {
  server = await startTestServer({ SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0', SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: 'memory' });
  const { database, config, secrets } = server;
  const seeded = await seedDemo({
    database,
    auth: createAuth({ db: database.db, config, secrets }),
    cipher: createFieldCipher(secrets.encryptionKey),
    blindIndex: createBlindIndex(secrets.blindIndexKey),
    authSecret: secrets.authSecret,
  });
  credentials = seeded.credentials;
  demoTenantId = seeded.tenantId;
  await reportWithLongAddress();
}, 300_000);
afterEach(() => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A school's report whose contact has a long e-mail address, sent as the public form does. */
async function reportWithLongAddress(): Promise<void> {
  const { token } = (await (await fetch(`${server.url}/api/public/form-token`)).json()) as { token: string };
  const response = await fetch(`${server.url}/api/public/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
    body: JSON.stringify({
      tenant: DEMO_TENANT.slug,
      formToken: token,
      website: '',
      language: 'ar',
      reporter: { role: 'yrkesperson', organisationType: 'skola', organisationName: 'Västerbottensskolan', contact: { name: 'Mentor Lind', email: LONG_EMAIL } },
      subject: { approximateAge: 13 },
      categories: ['skolfranvaro'],
      description: 'Eleven har inte varit i skolan på två veckor.',
    }),
  });
  expect(response.status).toBe(201);
}

function demoUser(role: Role, users = DEMO_USERS): JourneyUser {
  const user = users.find((entry) => entry.role === role)!;
  return { id: '', email: demoEmail(user), name: user.name, password: credentials.password, totpUri: credentials.totpUri };
}

/** The two widths of WCAG 1.4.10: a phone, and a 1366 px screen at 200% zoom. */
const WIDTHS = [
  { name: '360', width: 360, height: 740, scale: 1 },
  { name: 'zoom200', width: 683, height: 384, scale: 2 },
] as const;

async function setWidth(page: Page, width: (typeof WIDTHS)[number]): Promise<void> {
  // Same page, so the session and history stay: the device metrics change as a phone's or a zoom's would.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: width.width, height: width.height, deviceScaleFactor: width.scale, mobile: false });
  await page.setViewportSize({ width: width.width, height: width.height });
}

/** Opens a page by its address, or by following a link from the previous one, and waits until its data is in. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await explainTimeout(page, page.getByRole('heading', { level: 1 }).first().waitFor());
  await explainTimeout(page, page.waitForFunction(() => !document.querySelector('.page-loading')));
}

/** The address of the first link in `scope` that matches, read from the page as a user would find it. */
async function firstLink(page: Page, from: string, selector: string): Promise<string> {
  await open(page, from);
  const link = page.locator(selector).first();
  await link.waitFor();
  return new URL((await link.getAttribute('href'))!, server.url).pathname;
}

interface Visit {
  route: string;
  path: string;
}

/** Every visit at both widths: no sideways scroll, axe clean. Returns what did not fit, to report all at once. */
async function checkAll(page: Page, visits: Visit[]): Promise<string[]> {
  const tooWide: string[] = [];
  for (const width of WIDTHS) {
    await setWidth(page, width);
    for (const visit of visits) {
      await open(page, visit.path);
      if (!(await fitsViewport(page))) {
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        tooWide.push(`${visit.route} at ${width.name}: ${scrollWidth} px`);
        await screenshot(page, `reflow-too-wide-${width.name}-${visit.route.replace(/[/:]+/g, '-')}`);
      }
      await scanWithAxe(page, `${visit.route} at ${width.name}`);
    }
  }
  return tooWide;
}

async function signInAs(role: Role, users = DEMO_USERS): Promise<Page> {
  if (!browser) browser = await openBrowser(server.url, { width: 360, height: 740 });
  const { page } = browser;
  await browser.context.clearCookies();
  await page.goto('/logga-in');
  await signIn(page, demoUser(role, users));
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
  return page;
}

/** Routes opened so far, and what did not fit, gathered over the roles' walks. */
const visited = new Set<string>();

async function check(page: Page, visits: Visit[]): Promise<void> {
  visits.forEach((visit) => visited.add(visit.route));
  expect(await checkAll(page, visits)).toEqual([]);
}

// Each role's walk is a test of its own (a page is axe-scanned twice, which takes a while on a small machine).
const WALK_TIMEOUT = 300_000;

describe('reflow at 360 px and 200% zoom: every signed-in page fits without sideways scrolling and is axe clean', () => {
  afterAll(() => {
    // Every signed-in route of the client was opened: a new page joins this walk or the test fails.
    const signedIn = appRoutes.filter((route) => route.access !== 'public').map((route) => route.path);
    expect(signedIn.filter((route) => !visited.has(route))).toEqual([]);
  });

  it(
    'the public pages, signed out: the start page, the concern form, the status page, the association guide and sign-in',
    async () => {
      if (!browser) browser = await openBrowser(server.url, { width: 360, height: 740 });
      await browser.context.clearCookies();
      const tenant = `tenant=${DEMO_TENANT.slug}`;
      // Not added to `visited`: that list is for signed-in routes, and these are checked here by name.
      expect(
        await checkAll(browser.page, [
          { route: '/', path: '/' },
          { route: '/oro', path: `/oro?${tenant}` },
          { route: '/oro/status', path: '/oro/status' },
          { route: '/oro/forening', path: `/oro/forening?${tenant}` },
          { route: '/vad-finns-att-gora', path: `/vad-finns-att-gora?${tenant}` },
          { route: '/logga-in', path: '/logga-in' },
        ]),
      ).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the intake officer’s pages: start, inbox, a concern with a long e-mail address, the sharing guide, account, choose role',
    async () => {
      const page = await signInAs('mottagning');
      await setWidth(page, WIDTHS[0]);
      const concern = await firstLink(page, '/mottagning', 'table a[href^="/mottagning/"]');
      await page.goto(concern);
      // The newest report is the one with the long address.
      await page.getByText(LONG_EMAIL, { exact: false }).waitFor();
      await check(page, [
        { route: '/', path: '/' },
        { route: '/mottagning', path: '/mottagning' },
        { route: '/mottagning/:id', path: concern },
        { route: '/far-vi-dela', path: '/far-vi-dela' },
        { route: '/mitt-konto', path: '/mitt-konto' },
        { route: '/valj-roll', path: '/valj-roll' },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the coordinator’s pages: the cases, a case and time for collaboration',
    async () => {
      const page = await signInAs('koordinator');
      const sspfCase = await firstLink(page, '/samverkan', 'a[href^="/samverkan/"]');
      await check(page, [
        { route: '/samverkan', path: '/samverkan' },
        { route: '/samverkan/:id', path: sspfCase },
        { route: '/tid-for-samverkan', path: '/tid-for-samverkan' },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the youth leader’s pages: places with the map, a place with its ungdomstider, a new place, the areas, the presence plan, its coverage, school holidays, an entry and a new one',
    async () => {
      const page = await signInAs('fritidsledare');
      const place = await firstLink(page, '/platser', 'table a[href^="/platser/"]');
      const entry = await firstLink(page, '/narvaroplan', 'a.presence-occurrence__time:visible');
      await check(page, [
        { route: '/platser', path: '/platser' },
        { route: '/platser/:placeId', path: place },
        { route: '/platser/ny', path: '/platser/ny' },
        { route: '/platser/omraden', path: '/platser/omraden' },
        { route: '/narvaroplan', path: '/narvaroplan' },
        { route: '/narvaroplan/tackning', path: '/narvaroplan/tackning' },
        { route: '/narvaroplan/skollov', path: '/narvaroplan/skollov' },
        { route: '/narvaroplan/ny', path: '/narvaroplan/ny' },
        { route: '/narvaroplan/:entryId', path: entry },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'event reports as the coordinator (who reviews and imports): the events list, reporting one, an event, the import, the categories',
    async () => {
      const page = await signInAs('koordinator');
      // The walk needs one event to open; the demo's events are used when there are any.
      const made = await page.evaluate(async () => {
        const list = (await (await fetch('/api/event-reports?limit=1')).json()) as { total: number };
        if (list.total > 0) return 200;
        const to = new Date();
        const response = await fetch('/api/event-reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' },
          body: JSON.stringify({ id: crypto.randomUUID(), category: 'nedskrapning', latitude: 60.6749, longitude: 17.1413, approximate: true, occurredFrom: new Date(to.getTime() - 3600_000).toISOString(), occurredTo: to.toISOString() }),
        });
        return response.status;
      });
      expect([200, 201]).toContain(made);
      const event = await firstLink(page, '/handelser', 'li.event-list__item a');
      await check(page, [
        { route: '/handelser', path: '/handelser' },
        { route: '/handelser/ny', path: '/handelser/ny' },
        { route: '/handelser/:id', path: event },
        { route: '/handelser/import', path: '/handelser/import' },
        { route: '/handelser/kategorier', path: '/handelser/kategorier' },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the EST group’s pages: the lägesbild (this week and a week by its address), the place actions, deciding one, an action with its effect, the yearly action plan',
    async () => {
      const page = await signInAs('koordinator');
      const week = isoWeekOf(localDateOf(new Date()));
      const action = await firstLink(page, '/lagesbild/atgarder', 'table a[href^="/lagesbild/atgarder/"]');
      await check(page, [
        { route: '/lagesbild', path: '/lagesbild' },
        { route: '/lagesbild/:week', path: `/lagesbild/${week}` },
        { route: '/lagesbild/atgarder', path: '/lagesbild/atgarder' },
        { route: '/lagesbild/atgarder/ny', path: `/lagesbild/atgarder/ny?vecka=${week}` },
        { route: '/lagesbild/atgarder/:actionId', path: action },
        { route: '/lagesbild/atgardsplan/:year', path: `/lagesbild/atgardsplan/${week.slice(0, 4)}` },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the offers as the coordinator: the catalogue with room shown, an offer, a new offer, changing one',
    async () => {
      const page = await signInAs('koordinator');
      const offer = await firstLink(page, '/insatser', 'table a[href^="/insatser/"]');
      await check(page, [
        { route: '/insatser', path: '/insatser' },
        { route: '/insatser/ny', path: '/insatser/ny' },
        { route: '/insatser/:offerId', path: offer },
        { route: '/insatser/:offerId/andra', path: `${offer}/andra` },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the forums as the coordinator (their chair): the list, a forum with its meetings, a meeting being run',
    async () => {
      const page = await signInAs('koordinator');
      const forum = await firstLink(page, '/forum', 'table a[href^="/forum/"]');
      const meeting = await firstLink(page, forum, 'main a[href*="/moten/"]');
      await check(page, [
        { route: '/forum', path: '/forum' },
        { route: '/forum/:forumId', path: forum },
        { route: '/forum/:forumId/moten/:meetingId', path: meeting },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'referrals: the bakery’s inbox (the demo’s accepted summer job), BVC’s sent referrals and a new parent referral without a case',
    async () => {
      const bakery = await signInAs('naringsidkare');
      await check(bakery, [{ route: '/hanvisningar', path: '/hanvisningar' }]);
      const bvc = await signInAs('mvc_bvc');
      await check(bvc, [
        { route: '/hanvisningar', path: '/hanvisningar?box=skickade' },
        { route: '/hanvisningar/foraldrastod', path: '/hanvisningar/foraldrastod' },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the administrator’s pages: administration, an organisation, a user, the housing exchange between installations',
    async () => {
      const page = await signInAs('administrator');
      const organisation = await firstLink(page, '/administration', 'a[href^="/administration/organisationer/"]');
      const user = await firstLink(page, '/administration', 'a[href^="/administration/anvandare/"]');
      await check(page, [
        { route: '/administration', path: '/administration' },
        { route: '/administration/organisationer/:organisationId', path: organisation },
        { route: '/administration/anvandare/:userId', path: user },
        { route: '/administration/bostadsutbyte-installationer', path: '/administration/bostadsutbyte-installationer' },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the directory as the coordinator (who maintains it): the search, an organisation with its organisationsnummer, a new key person, editing one',
    async () => {
      const page = await signInAs('koordinator');
      const organisation = await firstLink(page, '/katalog', 'a[href^="/katalog/organisation/"]');
      const keyPerson = await firstLink(page, '/katalog', 'a[href^="/katalog/nyckelperson/"]');
      await check(page, [
        { route: '/katalog', path: '/katalog' },
        { route: '/katalog/organisation/:organisationId', path: organisation },
        { route: '/katalog/ny', path: '/katalog/ny' },
        { route: '/katalog/nyckelperson/:keyPersonId', path: keyPerson },
      ]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the mentor programme: the register and a mentor as the coordinator, and the mentor’s own meetings page',
    async () => {
      const page = await signInAs('koordinator');
      const mentor = await firstLink(page, '/mentorer', 'a[href^="/mentorer/"]');
      await check(page, [
        { route: '/mentorer', path: '/mentorer' },
        { route: '/mentorer/:mentorId', path: mentor },
      ]);
      const mentorPage = await signInAs('mentor');
      await check(mentorPage, [{ route: '/mina-mentorstraffar', path: '/mina-mentorstraffar' }]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the jurist’s page: reviewing the rules of Får vi dela?',
    async () => {
      // The demo has no jurist; one in a tenant of its own (the page shows no personal data).
      const tenant = await createJourneyTenant(server, 'Juristkommun');
      const legal = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
      const jurist = await createJourneyUser(server, [{ organisation: legal, role: 'jurist' }], { name: 'Julia Jurist' });
      if (!browser) browser = await openBrowser(server.url, { width: 360, height: 740 });
      await browser.context.clearCookies();
      const { page } = browser;
      await page.goto('/logga-in');
      await signIn(page, jurist);
      await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
      await check(page, [{ route: '/far-vi-dela/granskning', path: '/far-vi-dela/granskning' }]);
    },
    WALK_TIMEOUT,
  );

  it(
    'the log reviewer’s pages: Loggkontroll, the review, finding a person and their access history',
    async () => {
      const page = await signInAs('loggranskare');
      const person = await firstLink(page, '/loggkontroll', 'a[href^="/loggkontroll/person/"]');
      await check(page, [
        { route: '/loggkontroll', path: '/loggkontroll' },
        { route: '/loggkontroll/granskning', path: '/loggkontroll/granskning' },
        { route: '/loggkontroll/inloggningar', path: '/loggkontroll/inloggningar' },
        { route: '/loggkontroll/person', path: '/loggkontroll/person' },
        { route: '/loggkontroll/person/:personId', path: person },
      ]);
    },
    WALK_TIMEOUT,
  );
  it(
    'the housing exchange: Gävle’s officer (start, a new request, a request, a new offer, a match), Sandviken’s officer (a request to them), the participation page',
    async () => {
      // Sandviken publishes a request and Gävle one proposing Sandviken's pooled offer, through the API as each officer.
      const post = (page: Page, url: string, body: unknown) =>
        page.evaluate(
          async ([path, payload]) => {
            const response = await fetch(path as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' }, body: JSON.stringify(payload) });
            return { status: response.status, body: (await response.json()) as { id: string } };
          },
          [url, body] as const,
        );
      const requestBody = (origin: unknown) => ({
        origin,
        householdSize: 1,
        ageBands: ['16-17'],
        rooms: 1,
        schoolNeeds: ['gymnasium'],
        avoidCodes: [],
        acceptableCodes: ['2180', '2181', '2101', '2104', '2182'],
        moveBy: '2099-12-31',
        exitSupportInPlace: true,
        ownWish: { recordedBy: 'Reflow', recordedOn: '2025-01-01' },
      });
      const siv = await signInAs('utbytessamordnare', SANDVIKEN_USERS);
      const theirs = await post(siv, '/api/exchange/requests', requestBody({ kind: 'avhopp', reference: 'Reflow' }));
      expect(theirs.status).toBe(201);
      const sandvikenOffer = await firstLink(siv, '/bostadsutbyte', 'a[href^="/bostadsutbyte/erbjudanden/nytt"]');

      const ulla = await signInAs('utbytessamordnare');
      const incoming = await firstLink(ulla, '/bostadsutbyte', 'a[href^="/bostadsutbyte/inkommande/"]');
      const [alexCase] = await inContext(server.database.db, { tenantId: demoTenantId, userId: null }, (tx) =>
        tx.select({ id: sspfCase.id }).from(sspfCase).where(eq(sspfCase.tenantId, demoTenantId)).limit(1),
      );
      const ours = await post(ulla, '/api/exchange/requests', requestBody({ kind: 'sspf', caseId: alexCase!.id }));
      expect(ours.status).toBe(201);
      const request = `/bostadsutbyte/behov/${ours.body.id}`;
      const detail = (await ulla.evaluate(async (path) => (await fetch(path)).json(), `/api/exchange/requests/${ours.body.id}`)) as { matchingOffers: { id: string }[] };
      const match = await post(ulla, `/api/exchange/requests/${ours.body.id}/matches`, { offerId: detail.matchingOffers[0]!.id });
      expect(match.status).toBe(201);
      await check(ulla, [
        { route: '/bostadsutbyte', path: '/bostadsutbyte' },
        { route: '/bostadsutbyte/behov/nytt', path: '/bostadsutbyte/behov/nytt' },
        { route: '/bostadsutbyte/behov/:requestId', path: request },
        { route: '/bostadsutbyte/inkommande/:requestId', path: incoming },
        { route: '/bostadsutbyte/erbjudanden/nytt', path: sandvikenOffer },
        { route: '/bostadsutbyte/matchningar/:matchId', path: `/bostadsutbyte/matchningar/${match.body.id}` },
      ]);
      const admin = await signInAs('administrator');
      await check(admin, [{ route: '/administration/bostadsutbyte', path: '/administration/bostadsutbyte' }]);
    },
    WALK_TIMEOUT,
  );
});
