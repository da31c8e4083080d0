import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { request } from 'playwright-core';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { fieldReport, presenceEntry } from '../../src/server/db/schema';
import { instantOfWallTime, wallTimeOf } from '../../src/shared/stockholm-time';
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

/**
 * Issue 13 §8: a calendar feed is subscribed and revoked. A youth leader makes a feed of their own
 * presence on Mitt konto, copies its address, a calendar client (Playwright's request API, no cookie)
 * fetches and parses it, the leader revokes it behind the confirmation, and the next fetch is 404.
 */

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  if (browser) {
    expect(browser.foreignRequests).toEqual([]);
    await browser.close();
    browser = null;
  }
});
afterAll(async () => {
  await server?.stop();
});

describe('calendar feed', () => {
  it('is made on Mitt konto, fetched and parsed as a calendar client would, revoked, and then answers 404', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const leisure = await createJourneyOrganisation(server, tenant, 'Fritid Gävle', 'fritid');
    const leader = await createJourneyUser(server, [{ organisation: leisure, role: 'fritidsledare' }], { name: 'Kim Fritidsledare', twoFactor: true });
    // Friday evenings 20:00–23:00 at the youth centre's area, planned by the organisation.
    const entryId = await server.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.tenant_id', ${tenant.id}, true), set_config('app.organisation_id', ${leisure.id}, true), set_config('app.organisation_is_authority', 'true', true)`,
      );
      const [area] = (
        await tx.execute(
          sql`insert into area (tenant_id, name, kind, geometry, min_latitude, min_longitude, max_latitude, max_longitude) values (${tenant.id}, 'Sätra', 'stadsdel', '{"type":"Polygon","coordinates":[]}'::jsonb, 60, 17, 61, 18) returning id`,
        )
      ).rows as { id: string }[];
      const [row] = await tx
        .insert(presenceEntry)
        .values({
          tenantId: tenant.id,
          organisationId: leisure.id,
          staffRole: 'fritidsledare',
          areaId: area!.id,
          startsAt: instantOfWallTime({ year: 2027, month: 3, day: 5, hour: 20, minute: 0 }),
          durationMinutes: 180,
          recurrence: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20271126T235959',
          skipPublicHolidays: true,
          plannedStaff: 2,
          visibility: 'all',
          createdBy: leader.id,
        })
        .returning();
      return row!.id;
    });

    browser = await openBrowser(server.url, { width: 1366, height: 900 });
    const { page } = browser;
    await page.goto('/logga-in');
    await signIn(page, leader);
    // Signed in, working as the one membership; then to Mitt konto, where the feeds are.
    await waitForPage(page, 'Översikt');
    await page.goto('/mitt-konto');
    await waitForPage(page, 'Mitt konto');
    const section = page.locator('section[aria-labelledby="calendar-feeds-heading"]');
    await section.getByText('Du har inga kalenderflöden än.').waitFor();
    await scanWithAxe(page, 'calendar feeds, none yet');

    await section.getByLabel('Vad ska flödet visa?').selectOption('user');
    await section.getByRole('button', { name: 'Skapa flöde' }).click();
    const address = section.getByLabel('Flödets adress');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await section.getByRole('heading', { name: 'Min närvaro', level: 3, exact: true }).waitFor();
    await section.getByText('Outlook', { exact: true }).click();
    await section.getByText('Prenumerera från webben', { exact: false }).waitFor();
    await scanWithAxe(page, 'calendar feeds, address shown');
    await screenshot(page, 'calendar-feed-1366');

    // A calendar client: no cookie, just the address.
    const path = new URL(url).pathname;
    const client = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'user-agent': 'Google-Calendar-Importer' } });
    try {
      const fetched = await client.get(path);
      expect(fetched.status()).toBe(200);
      expect(fetched.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const root = new ICAL.Component(ICAL.parse(await fetched.text()));
      for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const vevent = root.getFirstSubcomponent('vevent')!;
      expect(String(vevent.getFirstPropertyValue('uid'))).toContain(entryId);
      const event = new ICAL.Event(vevent);
      const iterator = event.iterator();
      const starts: Date[] = [];
      for (let next = iterator.next(); next; next = iterator.next()) starts.push(next.toJSDate());
      expect(starts.length).toBeGreaterThan(30);
      expect(starts.every((start) => wallTimeOf(start).hour === 20)).toBe(true);
      expect(starts.map((start) => start.toISOString())).not.toContain('2027-03-26T19:00:00.000Z'); // Långfredagen

      // At 360 px the section still fits, then the leader revokes the feed behind the confirmation.
      await page.setViewportSize({ width: 360, height: 780 });
      await page.reload();
      await waitForPage(page, 'Mitt konto');
      await section.getByRole('heading', { name: 'Min närvaro', level: 3, exact: true }).waitFor();
      await scanWithAxe(page, 'calendar feeds, 360 px');
      await screenshot(page, 'calendar-feed-360');
      await section.getByRole('button', { name: 'Återkalla Min närvaro' }).click();
      const dialog = page.getByRole('dialog', { name: 'Återkalla Min närvaro?' });
      await dialog.waitFor();
      await scanWithAxe(page, 'calendar feeds, revoke confirmation');
      await screenshot(page, 'calendar-feed-360-revoke');
      await dialog.getByRole('button', { name: 'Återkalla flödet' }).click();
      await section.getByText('Du har inga kalenderflöden än.').waitFor();

      const gone = await client.get(path);
      expect(gone.status()).toBe(404);
    } finally {
      await client.dispose();
    }
  });

  it('Tid för samverkan: the coordinator reads the chart and the same numbers in the table, at 1366 and 360 px', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const leisure = await createJourneyOrganisation(server, tenant, 'Fritid Gävle', 'fritid');
    const coordinator = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    // Weekly evenings of three hours with two staff for four months, and one field report (2.5 h × 3 staff).
    await server.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.tenant_id', ${tenant.id}, true), set_config('app.organisation_id', ${leisure.id}, true), set_config('app.organisation_is_authority', 'true', true)`,
      );
      const [area] = (
        await tx.execute(
          sql`insert into area (tenant_id, name, kind, geometry, min_latitude, min_longitude, max_latitude, max_longitude) values (${tenant.id}, 'Andersberg', 'stadsdel', '{"type":"Polygon","coordinates":[]}'::jsonb, 60, 17, 61, 18) returning id`,
        )
      ).rows as { id: string }[];
      const now = new Date();
      await tx.insert(presenceEntry).values({
        tenantId: tenant.id,
        organisationId: leisure.id,
        staffRole: 'fritidsledare',
        areaId: area!.id,
        startsAt: new Date(now.getTime() - 120 * 86_400_000),
        durationMinutes: 180,
        recurrence: 'FREQ=WEEKLY',
        plannedStaff: 2,
        visibility: 'all',
      });
      const started = new Date(now.getTime() - 40 * 86_400_000);
      await tx.insert(fieldReport).values({ tenantId: tenant.id, id: randomUUID(), organisationId: leisure.id, areaId: area!.id, startedAt: started, endedAt: new Date(started.getTime() + 2.5 * 3_600_000), staffCount: 3, mood: 'lugnt', visibility: 'all' });
    });

    browser = await openBrowser(server.url, { width: 1366, height: 900 });
    const { page } = browser;
    await page.goto('/logga-in');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    await page.getByRole('link', { name: 'Tid för samverkan' }).first().click();
    await waitForPage(page, 'Tid för samverkan');
    const chart = page.getByRole('img', { name: /Planerade och rapporterade timmar per organisation/ });
    await chart.waitFor();
    const table = page.getByRole('region', { name: 'Tid för samverkan per organisation och månad' });
    await table.getByRole('rowheader', { name: 'Fritid Gävle' }).waitFor();
    // The chart's text alternative and the table's total say the same number of reported hours (7,5).
    expect(await chart.textContent()).toContain('7,5 rapporterade timmar');
    expect(await table.locator('.collaboration__total').first().textContent()).toContain('7,5');
    await scanWithAxe(page, 'time for collaboration');
    await screenshot(page, 'collaboration-time-1366');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
    await scanWithAxe(page, 'time for collaboration, 360 px');
    await screenshot(page, 'collaboration-time-360');
  });
});
