import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { TestApp, type TestMember, type TestOrganisation, type TestTenant } from '../factories';
import { testConfig } from '../support/config';
import { buildApp } from '../../src/server/app';
import { calendarFeed, membership, place, presenceEntry } from '../../src/server/db/schema';
import { instantOfWallTime, wallTimeOf } from '../../src/shared/stockholm-time';
import { clientRule } from '../../src/server/modules/calendar-feeds/render-ical';

/**
 * Calendar feeds (issue 13 §5), read back with an independent parser (ical.js): times across both DST
 * changes of 2027, RRULE and EXDATE, stable UIDs, revocation, a lost membership and visibility.
 */

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const at = (year: number, month: number, day: number, hour: number, minute = 0) => instantOfWallTime({ year, month, day, hour, minute });

interface Fixture {
  tenant: TestTenant;
  police: TestOrganisation;
  club: TestOrganisation;
  leisure: TestOrganisation;
  officer: TestMember;
  walker: TestMember;
  leader: TestMember;
  placeId: string;
  fridays: string;
  patrol: string;
}

/** Rows written as their organisation (RLS checks the visibility against the acting organisation). */
async function asOrganisation<T>(tenant: TestTenant, organisation: TestOrganisation, authority: boolean, work: (tx: Parameters<Parameters<typeof t.database.db.transaction>[0]>[0]) => Promise<T>) {
  return t.database.db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.tenant_id', ${tenant.id}, true), set_config('app.user_id', '', true), set_config('app.organisation_id', ${organisation.id}, true), set_config('app.organisation_is_authority', ${String(authority)}, true)`,
    );
    return work(tx);
  });
}

async function setUp(): Promise<Fixture> {
  const tenant = await t.tenant();
  const police = await t.organisation(tenant, 'polis', { name: 'Polisen Gävle' });
  const club = await t.organisation(tenant, 'forening', { name: 'Nattvandrarna' });
  const leisure = await t.organisation(tenant, 'fritid', { name: 'Fritid Gävle' });
  const officer = await t.member(tenant, police, 'polis');
  const walker = await t.member(tenant, club, 'foreningsnyckelperson');
  const leader = await t.member(tenant, leisure, 'fritidsledare');
  const placeId = await asOrganisation(tenant, leisure, true, async (tx) => {
    const [row] = await tx.insert(place).values({ tenantId: tenant.id, name: 'Stortorget', type: 'centrum_torg', latitude: 60.67, longitude: 17.14 }).returning();
    return row!.id;
  });
  // Every Friday 20:00–23:00 from 5 March to 26 November 2027: across both DST changes; Good Friday
  // (26 March) skipped as a public holiday, 7 May cancelled by hand.
  const fridays = await asOrganisation(tenant, leisure, true, async (tx) => {
    const [row] = await tx
      .insert(presenceEntry)
      .values({
        tenantId: tenant.id,
        organisationId: leisure.id,
        staffRole: 'fritidsledare',
        staffNames: ['Kim Fritid'],
        placeId,
        startsAt: at(2027, 3, 5, 20),
        durationMinutes: 180,
        recurrence: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20271126T235959',
        exceptions: [at(2027, 5, 7, 20)],
        skipPublicHolidays: true,
        plannedStaff: 2,
        visibility: 'all',
        sequence: 3,
        createdBy: leader.userId,
      })
      .returning();
    return row!.id;
  });
  const patrol = await asOrganisation(tenant, police, true, async (tx) => {
    const [row] = await tx
      .insert(presenceEntry)
      .values({ tenantId: tenant.id, organisationId: police.id, staffRole: 'omradespolis', placeId, startsAt: at(2027, 3, 6, 22), durationMinutes: 120, visibility: 'authorities', createdBy: officer.userId })
      .returning();
    return row!.id;
  });
  return { tenant, police, club, leisure, officer, walker, leader, placeId, fridays, patrol };
}

async function createFeed(member: TestMember, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/calendar-feeds', headers: member.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { feed: { id: string; scope: string }; url: string };
}

/** Fetches a feed as a calendar client would: no cookie, only the URL. */
async function fetchFeed(url: string, app: FastifyInstance = t.app) {
  return app.inject({ method: 'GET', url: new URL(url).pathname, headers: { 'user-agent': 'Microsoft Outlook 16.0' } });
}

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return root;
}

function eventByUid(root: ICAL.Component, prefix: string) {
  return root.getAllSubcomponents('vevent').find((event) => String(event.getFirstPropertyValue('uid')).startsWith(prefix));
}

/** The occurrences ical.js computes from the event's DTSTART, RRULE and EXDATEs. */
function occurrences(vevent: ICAL.Component, until: Date): Date[] {
  const event = new ICAL.Event(vevent);
  const iterator = event.iterator();
  const starts: Date[] = [];
  for (let next = iterator.next(); next && next.toJSDate() <= until; next = iterator.next()) starts.push(next.toJSDate());
  return starts;
}

describe('calendar feeds', () => {
  it('serves a feed an independent parser reads: VTIMEZONE, refresh, RRULE and EXDATE, 20:00 local across both DST changes', async () => {
    const f = await setUp();
    const created = await createFeed(f.leader, { scope: 'place', placeId: f.placeId });
    expect(created.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const response = await fetchFeed(created.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.body;
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(text).toContain('X-PUBLISHED-TTL:PT1H');

    const root = parse(text);
    const zone = root.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    expect(zone.getAllSubcomponents('daylight')).toHaveLength(1);
    expect(zone.getAllSubcomponents('standard')).toHaveLength(1);

    const vevent = eventByUid(root, `presence-${f.fridays}@`)!;
    expect(vevent).toBeDefined();
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Stockholm');
    const rrule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rrule.freq).toBe('WEEKLY');
    // UNTIL in UTC, as RFC 5545 asks when DTSTART has a TZID: 23:59:59 Stockholm on 26 November is 22:59:59Z.
    expect(rrule.until!.toJSDate().toISOString()).toBe('2027-11-26T22:59:59.000Z');
    expect(text).toMatch(/EXDATE;TZID=Europe\/Stockholm:20270326T200000,20270507T200000/);

    const starts = occurrences(vevent, new Date('2028-01-01T00:00:00Z'));
    expect(starts.length).toBeGreaterThan(30);
    for (const start of starts) {
      const wall = wallTimeOf(start);
      expect([wall.hour, wall.minute]).toEqual([20, 0]);
      expect(start.getUTCDay()).toBe(5);
    }
    const iso = starts.map((start) => start.toISOString());
    // Winter (UTC+1) before 28 March, summer (UTC+2) until 31 October, winter again after.
    expect(iso).toContain('2027-03-19T19:00:00.000Z');
    expect(iso).toContain('2027-04-02T18:00:00.000Z');
    expect(iso).toContain('2027-10-29T18:00:00.000Z');
    expect(iso).toContain('2027-11-05T19:00:00.000Z');
    expect(iso).toContain('2027-11-26T19:00:00.000Z');
    expect(iso).not.toContain('2027-03-26T19:00:00.000Z'); // Good Friday
    expect(iso).not.toContain('2027-05-07T18:00:00.000Z'); // cancelled by hand
    const end = new ICAL.Event(vevent).endDate.toJSDate();
    expect(end.getTime() - starts[0]!.getTime()).toBe(3 * 3_600_000);

    // The fetch is audited as the owner's read; the listing knows when it was fetched.
    const fetches = await t.auditEvents(f.tenant, 'calendar_feed.fetch');
    expect(fetches).toHaveLength(1);
    expect(fetches[0]!.actorUserId).toBe(f.leader.userId);
    const list = await t.app.inject({ method: 'GET', url: '/api/calendar-feeds', headers: f.leader.headers });
    expect(list.json().feeds[0].lastFetchedAt).not.toBeNull();
    expect(list.body).not.toContain(new URL(created.url).pathname);
  });

  it('keeps UIDs stable across fetches and a regenerated URL, and a changed entry raises SEQUENCE', async () => {
    const f = await setUp();
    const { feed, url } = await createFeed(f.leader, { scope: 'organisation' });
    const first = parse((await fetchFeed(url)).body);
    const second = parse((await fetchFeed(url)).body);
    const uids = (root: ICAL.Component) => root.getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('uid')));
    expect(uids(first)).toEqual(uids(second));
    expect(uids(first)).toHaveLength(1);

    const regenerated = await t.app.inject({ method: 'POST', url: `/api/calendar-feeds/${feed.id}/regenerate`, headers: f.leader.headers });
    expect(regenerated.statusCode).toBe(200);
    const newUrl = regenerated.json().url as string;
    expect(newUrl).not.toBe(url);
    expect((await fetchFeed(url)).statusCode).toBe(404);

    await asOrganisation(f.tenant, f.leisure, true, (tx) =>
      tx.update(presenceEntry).set({ sequence: 4, updatedAt: new Date() }).where(and(eq(presenceEntry.tenantId, f.tenant.id), eq(presenceEntry.id, f.fridays))),
    );
    const third = parse((await fetchFeed(newUrl)).body);
    expect(uids(third)).toEqual(uids(first));
    expect(eventByUid(third, `presence-${f.fridays}@`)!.getFirstPropertyValue('sequence')).toBe(4);
  });

  it('shows an authorities-only entry to the police officer’s feed and not to the association’s', async () => {
    const f = await setUp();
    const walkerFeed = await createFeed(f.walker, { scope: 'place', placeId: f.placeId });
    const officerFeed = await createFeed(f.officer, { scope: 'place', placeId: f.placeId });
    const walkerText = (await fetchFeed(walkerFeed.url)).body;
    const officerText = (await fetchFeed(officerFeed.url)).body;
    expect(walkerText).toContain(`presence-${f.fridays}@`);
    expect(walkerText).not.toContain(`presence-${f.patrol}@`);
    expect(walkerText).not.toContain('Polisen');
    expect(officerText).toContain(`presence-${f.patrol}@`);
    expect(officerText).toContain('CLASS:CONFIDENTIAL');
  });

  it('a user feed holds my organisation’s entries, entries I created and entries naming me', async () => {
    const f = await setUp();
    const officerFeed = await createFeed(f.officer, { scope: 'user' });
    const text = (await fetchFeed(officerFeed.url)).body;
    expect(text).toContain(`presence-${f.patrol}@`);
    expect(text).not.toContain(`presence-${f.fridays}@`);
    // Naming the officer (by the account's name) brings the leisure entry into their own feed.
    await asOrganisation(f.tenant, f.leisure, true, (tx) =>
      tx.update(presenceEntry).set({ staffNames: ['Kim Fritid', 'test polis'] }).where(and(eq(presenceEntry.tenantId, f.tenant.id), eq(presenceEntry.id, f.fridays))),
    );
    expect((await fetchFeed(officerFeed.url)).body).toContain(`presence-${f.fridays}@`);
  });

  it('answers 404 once revoked, and once the owner’s membership is gone', async () => {
    const f = await setUp();
    const revokedFeed = await createFeed(f.leader, { scope: 'user' });
    expect((await fetchFeed(revokedFeed.url)).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/calendar-feeds/${revokedFeed.feed.id}`, headers: f.leader.headers });
    expect(revoked.statusCode).toBe(200);
    const gone = await fetchFeed(revokedFeed.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar-feeds', headers: f.leader.headers })).json().feeds).toEqual([]);

    const kept = await createFeed(f.leader, { scope: 'organisation' });
    expect((await fetchFeed(kept.url)).statusCode).toBe(200);
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${f.tenant.id}, true)`);
      await tx.update(membership).set({ active: false }).where(and(eq(membership.tenantId, f.tenant.id), eq(membership.id, f.leader.membershipId)));
    });
    const lost = await fetchFeed(kept.url);
    expect(lost.statusCode).toBe(404);
    expect(lost.body).toBe(gone.body);
  });

  it('answers unknown and malformed URLs with the same 404, and never needs a session', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: `/api/calendar/${'A'.repeat(43)}.ics` });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/calendar/abc.ics' });
    const noSuffix = await t.app.inject({ method: 'GET', url: `/api/calendar/${'A'.repeat(43)}` });
    for (const response of [unknown, malformed, noSuffix]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('stores only the token’s SHA-256', async () => {
    const f = await setUp();
    const { feed, url } = await createFeed(f.leader, { scope: 'user' });
    const token = new URL(url).pathname.split('/').pop()!.replace('.ics', '');
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${f.tenant.id}, true), set_config('app.user_id', ${f.leader.userId}, true)`);
      return tx.select().from(calendarFeed).where(eq(calendarFeed.id, feed.id));
    });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses what it should: another user’s feed (404, audited), a role without feeds (403), bad input (400), no session (401)', async () => {
    const f = await setUp();
    const { feed } = await createFeed(f.leader, { scope: 'user' });
    for (const request of [
      { method: 'DELETE' as const, url: `/api/calendar-feeds/${feed.id}` },
      { method: 'POST' as const, url: `/api/calendar-feeds/${feed.id}/regenerate` },
    ]) {
      expect((await t.app.inject({ ...request, headers: f.officer.headers })).statusCode).toBe(404);
    }
    const analyst = await t.member(f.tenant, f.leisure, 'analytiker');
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar-feeds', headers: analyst.headers, payload: { scope: 'user' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar-feeds', headers: analyst.headers })).statusCode).toBe(403);
    const denied = (await t.auditEvents(f.tenant)).filter((event) => event.outcome === 'denied' && event.resourceType === 'calendar_feed');
    expect(denied.length).toBeGreaterThanOrEqual(2);

    const noPlace = await t.app.inject({ method: 'POST', url: '/api/calendar-feeds', headers: f.leader.headers, payload: { scope: 'place' } });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().error.fields).toHaveProperty('placeId');
    const otherTenant = await setUp();
    const foreignPlace = await t.app.inject({ method: 'POST', url: '/api/calendar-feeds', headers: f.leader.headers, payload: { scope: 'place', placeId: otherTenant.placeId } });
    expect(foreignPlace.statusCode).toBe(400);
    const unknownField = await t.app.inject({ method: 'POST', url: '/api/calendar-feeds', headers: f.leader.headers, payload: { scope: 'user', token: 'x' } });
    expect(unknownField.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar-feeds', payload: { scope: 'user' } })).statusCode).toBe(401);
    // The feed still works for its owner after all that.
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar-feeds', headers: f.leader.headers })).json().feeds).toHaveLength(1);
  });

  it('limits fetches per feed and keeps the token out of the log', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: testConfig({ LOG_LEVEL: 'info', SAMVERKA_SIGN_IN_RATE_LIMIT: '100000' }),
      database: t.database,
      secrets: t.secrets,
      logger: true,
      logStream: { write: (line: string) => void lines.push(line) },
    });
    await app.ready();
    try {
      const f = await setUp();
      const { url } = await createFeed(f.leader, { scope: 'user' });
      const token = new URL(url).pathname.split('/').pop()!.replace('.ics', '');
      const statuses: number[] = [];
      for (let index = 0; index < 32; index += 1) statuses.push((await fetchFeed(url, app)).statusCode);
      expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
      const log = lines.join('');
      expect(log).toContain('/api/calendar/:file');
      expect(log).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});

describe('the client rule', () => {
  it('turns a wall-time UNTIL into UTC and leaves the rest', () => {
    expect(clientRule('FREQ=WEEKLY;BYDAY=FR;UNTIL=20270619T235959')).toBe('FREQ=WEEKLY;BYDAY=FR;UNTIL=20270619T215959Z');
    expect(clientRule('RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20271231T235959')).toBe('FREQ=WEEKLY;BYDAY=FR;UNTIL=20271231T225959Z');
    expect(clientRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE');
    expect(clientRule('FREQ=DAILY;UNTIL=20270101T000000Z')).toBe('FREQ=DAILY;UNTIL=20270101T000000Z');
  });
});
