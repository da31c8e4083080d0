import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { auditEvent, eventReport, lagesbildWeek, organisation, placeAction, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import {
  DEMO_EVENT_WEEKS,
  EMERGING_COUNT,
  EMERGING_PLACE,
  HOTSPOT_EXTRA,
  HOTSPOT_PEAK_WEEK,
  HOTSPOT_PLACE,
  demoEvents,
  emergingWeek,
  type PlacePositions,
} from '../../src/server/modules/demo/story/demo-events';
import { DEMO_CITIZEN_REPORTS } from '../../src/server/modules/demo/story/events';
import { LIGHTING_TITLE, PATROL_TITLE, SENT_WEEKS_AFTER_PEAK } from '../../src/server/modules/demo/story/place-action';
import { shiftWeek, type Figure, type Lagesbild } from '../../src/shared/lagesbild';
import type { ActionEffect, ActionPlan, PlaceAction } from '../../src/shared/place-actions';
import type { EventReportList } from '../../src/shared/event-reports';
import type { OrganisationType } from '../../src/shared/organisations';
import { addDays, isoWeekdayOf, isoWeekOf, localDateOf, localTimeOf } from '../../src/shared/stockholm-time';

/** The coordinator reads exact figures: a hidden one here is a failure, not a zero. */
const exact = (figure: Figure): number => (figure.kind === 'value' ? figure.value : Number.NaN);

// The demo's EST year (issue 14 §6): a year of events told through the batch route, the hot-spot at
// Stortorget that grows, is acted on by the EST group and shrinks, and the newest week's change, read
// back through the lägesbild and place-action routes as the people who use them.
let t: TestApp;
let tenantId: string;
let seedMs: number;
const today = localDateOf(new Date());
const thisWeek = isoWeekOf(today);

const seed = () => seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });

beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  const started = Date.now();
  tenantId = (await seed()).tenantId;
  seedMs = Date.now() - started;
}, 300_000);
afterAll(async () => t.close());

const members = new Map<string, Promise<TestMember>>();
function demoMember(type: OrganisationType, role: Parameters<TestApp['member']>[2]): Promise<TestMember> {
  const key = `${type}:${role}`;
  if (!members.has(key)) {
    members.set(
      key,
      (async () => {
        const [row] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
          tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, type))).limit(1),
        );
        const [demoTenant] = await t.database.asOwner((db) => db.select().from(tenant).where(eq(tenant.id, tenantId)));
        return t.member({ id: tenantId, slug: demoTenant!.slug, name: demoTenant!.name }, { id: row!.id, tenantId, type }, role);
      })(),
    );
  }
  return members.get(key)!;
}
const coordinator = () => demoMember('annan', 'koordinator');

async function get<T>(member: TestMember, url: string): Promise<T> {
  const response = await t.app.inject({ method: 'GET', url, headers: member.headers });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

const weekOf = (offset: number) => shiftWeek(thisWeek, offset);
/** The Stortorget cell's count in a week's lägesbild, as the coordinator sees it. */
async function squareCount(offset: number): Promise<number> {
  const picture = await get<Lagesbild>(await coordinator(), `/api/lagesbild/${weekOf(offset)}`);
  const spot = picture.hotspots.find((s) => s.places.some((p) => p.name === HOTSPOT_PLACE));
  return spot?.count.kind === 'value' ? spot.count.value : 0;
}

describe('the demo’s EST year', () => {
  it('is told through the batch route by six reporters of five partner organisations', async () => {
    console.info(`demo seed with the EST chapters: ${seedMs} ms`);
    const byOrganisation = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
      tx
        .select({ type: organisation.type, n: count() })
        .from(eventReport)
        .innerJoin(organisation, and(eq(organisation.tenantId, eventReport.tenantId), eq(organisation.id, eventReport.organisationId)))
        .where(and(eq(eventReport.tenantId, tenantId), eq(eventReport.source, 'staff')))
        .groupBy(organisation.type),
    );
    const counts = Object.fromEntries(byOrganisation.map((row) => [row.type, Number(row.n)]));
    expect(Object.keys(counts).sort()).toEqual(['bostadsbolag', 'forening', 'fritid', 'naringsliv', 'polis']);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    // About 15 a week over a year: a believable background for three areas.
    expect(total).toBeGreaterThan(600);
    expect(total).toBeLessThan(1200);
    const [batches] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
      tx.select({ n: count() }).from(auditEvent).where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.action, 'event_report.create_batch'))),
    );
    expect(batches!.n).toBeGreaterThan(50);
  });

  it('has a hot-spot at Stortorget that grows for weeks, peaks and shrinks after the action', async () => {
    const counts = new Map<number, number>();
    for (let week = -16; week <= -1; week += 1) counts.set(week, await squareCount(week));
    const at = (week: number) => counts.get(week)!;
    // Sums of three weeks: the background around the square varies from week to week.
    const sum = (from: number) => at(from) + at(from + 1) + at(from + 2);
    // Grows …
    expect(sum(-14)).toBeLessThan(sum(-10));
    // … peaks in the week the EST group acted on …
    expect(Math.max(...counts.values())).toBe(at(HOTSPOT_PEAK_WEEK));
    expect(at(HOTSPOT_PEAK_WEEK)).toBeGreaterThanOrEqual(15);
    // … and shrinks.
    expect(sum(-4)).toBeLessThan(sum(-10));
    expect(sum(-3)).toBeLessThan(at(HOTSPOT_PEAK_WEEK));
  });

  it('sent the peak week with the group’s analysis, its change named in words', async () => {
    const peak = weekOf(HOTSPOT_PEAK_WEEK);
    const picture = await get<Lagesbild>(await coordinator(), `/api/lagesbild/${peak}`);
    expect(picture.state.status).toBe('sent');
    expect(picture.state.analysis).toContain('Stortorget');
    expect(picture.state.analysis).toMatch(/Närvaron: Fredag \d+–\d+ vid .*Stortorget: ingen planerad närvaro/);
    const square = picture.hotspots.find((s) => s.places.some((p) => p.name === HOTSPOT_PLACE))!;
    expect(picture.changes.some((change) => change.level === 'cell' && change.cell === square.cell)).toBe(true);
    console.info(`the peak week's changes: ${picture.changes.map((change) => change.text).join(' | ')}`);
    const sent = await get<{ sentAt: string; picture: Lagesbild }>(await coordinator(), `/api/lagesbild/${peak}/sent`);
    expect(sent.picture.suppressed).toBe(true);
    expect(isoWeekOf(localDateOf(new Date(sent.sentAt)))).toBe(weekOf(HOTSPOT_PEAK_WEEK + 1));
    // The weeks after were sent too, each at the meeting after; last week and this week are open.
    const rows = await inContext(t.database.db, { tenantId, userId: null }, (tx) => tx.select({ isoWeek: lagesbildWeek.isoWeek, status: lagesbildWeek.status }).from(lagesbildWeek).where(eq(lagesbildWeek.tenantId, tenantId)));
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(1 + SENT_WEEKS_AFTER_PEAK.length);
    for (const offset of [-1, 0]) expect((await get<Lagesbild>(await coordinator(), `/api/lagesbild/${weekOf(offset)}`)).state.status).toBe('open');
  });

  it('shows notable changes in the newest week: Sätra centrum far above its level, with presence to suggest', async () => {
    const newest = emergingWeek(today).week;
    const picture = await get<Lagesbild>(await coordinator(), `/api/lagesbild/${weekOf(newest)}`);
    expect(picture.state.status).toBe('open');
    expect(picture.changes.length).toBeGreaterThan(0);
    console.info(`the newest week's changes: ${picture.changes.map((change) => change.text).join(' | ')}; gaps: ${picture.presenceGaps.map((gap) => gap.text).join(' | ')}`);
    const satra = picture.hotspots.find((s) => s.places.some((p) => p.name === EMERGING_PLACE))!;
    expect(satra.count).toMatchObject({ kind: 'value' });
    expect(picture.changes.some((change) => change.level === 'cell' && change.cell === satra.cell)).toBe(true);
    expect(picture.changes.map((change) => change.text).join(' ')).toMatch(/p [<=]/);
    // Nobody is planned at Sätra centrum on those evenings: the week suggests where and when to be.
    expect(picture.presenceGaps.some((gap) => gap.placeName === EMERGING_PLACE)).toBe(true);
    // The same week a year ago is there to compare with.
    expect(picture.total.lastYear).toMatchObject({ kind: 'value' });
    // The analyst sees the same week with small counts suppressed.
    const analyst = await get<Lagesbild>(await demoMember('annan', 'analytiker'), `/api/lagesbild/${weekOf(newest)}`);
    expect(analyst.suppressed).toBe(true);
  });

  it('has the two actions at Stortorget, the lighting done weeks ago, with fewer events after', async () => {
    const { actions } = await get<{ actions: PlaceAction[] }>(await coordinator(), '/api/place-actions');
    expect(actions.map((a) => a.title).sort()).toEqual([LIGHTING_TITLE, PATROL_TITLE].sort());
    const lighting = actions.find((a) => a.title === LIGHTING_TITLE)!;
    const patrol = actions.find((a) => a.title === PATROL_TITLE)!;
    expect(lighting).toMatchObject({ placeName: HOTSPOT_PLACE, kind: 'belysning', status: 'genomford', week: weekOf(HOTSPOT_PEAK_WEEK), overdue: false, ownerName: 'Gatu- och parkenheten, Tove Teknik (demo)' });
    expect(patrol).toMatchObject({ placeName: HOTSPOT_PLACE, kind: 'narvaro', status: 'pagar', ownerOrganisationName: 'Polisen lokalpolisområde Gävle (demo)', overdue: false });
    expect(patrol.ownerMembershipId).not.toBeNull();
    // Decided at the meeting after the peak, done three weeks later: story time, not the day of seeding.
    expect(isoWeekOf(localDateOf(new Date(lighting.decidedAt)))).toBe(weekOf(HOTSPOT_PEAK_WEEK + 1));
    expect(isoWeekOf(localDateOf(new Date(lighting.completedAt!)))).toBe(weekOf(HOTSPOT_PEAK_WEEK + 3));

    const effect = await get<ActionEffect>(await coordinator(), `/api/place-actions/${lighting.id}/effect`);
    const gathering = effect.categories.find((c) => c.code === 'otrygghetsskapande_samling')!;
    console.info(`the lighting's effect: ${exact(effect.totals.before)} events before, ${exact(effect.totals.after)} after`);
    expect(effect.pivotWeek).toBe(weekOf(HOTSPOT_PEAK_WEEK));
    expect(exact(effect.totals.before)).toBeGreaterThan(30);
    expect(exact(effect.totals.after)).toBeLessThan(exact(effect.totals.before) * 0.7);
    expect(exact(gathering.after)).toBeLessThan(exact(gathering.before));
    expect(effect.caveat.sv).toContain('inte ett bevis');
    const sinceDone = await get<ActionEffect>(await coordinator(), `/api/place-actions/${lighting.id}/effect?from=completed&weeks=3`);
    expect(exact(sinceDone.totals.after)).toBeLessThan(exact(sinceDone.totals.before));
  });

  it('has the year’s action plan adopted, its first priority the hot-spot, with a quarterly analysis citing the effect', async () => {
    const { actions } = await get<{ actions: PlaceAction[] }>(await coordinator(), '/api/place-actions');
    const year = Number(actions[0]!.decidedAt.slice(0, 4));
    const plan = await get<ActionPlan>(await coordinator(), `/api/action-plans/${year}`);
    expect(plan.status).toBe('antagen');
    expect(plan.priorities).toHaveLength(3);
    expect(plan.priorities[0]).toMatchObject({ category: 'otrygghetsskapande_samling' });
    expect(plan.priorities[0]!.reason).toContain('Stortorget');
    expect(plan.actions).toHaveLength(2);
    expect(plan.followUp).toContain('2023:196');
    expect(plan.reviews).toHaveLength(1);
    expect(plan.reviews[0]).toMatchObject({ kind: 'kvartal' });
    expect(plan.reviews[0]!.text).toMatch(/\d+ händelser vid torget de sex veckorna före och \d+ de sex veckorna efter/);
    expect(Date.parse(plan.reviews[0]!.createdAt)).toBeLessThan(Date.now() - 86_400_000 / 2);
  });

  it('gives the EST group citizens’ place reports to review, unverified, and other partners cannot review them', async () => {
    const est = await demoMember('bostadsbolag', 'est_rapportor');
    const list = await get<EventReportList>(est, '/api/event-reports?source=citizen&status=unverified');
    expect(list.total).toBe(DEMO_CITIZEN_REPORTS.length);
    expect(list.reports.every((r) => r.mayReview)).toBe(true);
    // A partner outside the EST group may not review them.
    const police = await demoMember('polis', 'polis');
    const denied = await t.app.inject({ method: 'POST', url: `/api/event-reports/${list.reports[0]!.id}/review`, headers: police.headers, payload: { decision: 'reject' } });
    expect([403, 404]).toContain(denied.statusCode);
    const again = await get<EventReportList>(est, '/api/event-reports?source=citizen&status=unverified');
    expect(again.total).toBe(DEMO_CITIZEN_REPORTS.length);
  });

  it('tells nothing twice when seeded again', async () => {
    const counted = () =>
      inContext(t.database.db, { tenantId, userId: null }, async (tx) => ({
        events: (await tx.select({ n: count() }).from(eventReport).where(eq(eventReport.tenantId, tenantId)))[0]!.n,
        actions: (await tx.select({ n: count() }).from(placeAction).where(eq(placeAction.tenantId, tenantId)))[0]!.n,
        weeks: (await tx.select({ n: count() }).from(lagesbildWeek).where(eq(lagesbildWeek.tenantId, tenantId)))[0]!.n,
      }));
    const before = await counted();
    expect((await seed()).outcome).toBe('unchanged');
    expect(await counted()).toEqual(before);
  });
});

describe('the demo year’s events (pure)', () => {
  const positions: PlacePositions = new Map([
    ['Bostadsgårdarna Andersberg (demo)', { latitude: 60.6552, longitude: 17.1389 }],
    ['Sätra centrum', { latitude: 60.6583, longitude: 17.1002 }],
    ['Sätraskolan (demo)', { latitude: 60.6605, longitude: 17.0958 }],
    ['Andersbergs centrum', { latitude: 60.6529, longitude: 17.1322 }],
  ]);

  it('is the same story every time for the same day, with no event after the moment it is told', () => {
    const until = new Date('2026-12-09T12:00:00Z');
    const first = demoEvents({ today: '2026-12-09', until, positions });
    const second = demoEvents({ today: '2026-12-09', until, positions });
    expect(second).toEqual(first);
    expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
    expect(first.every((e) => e.occurredTo.getTime() <= until.getTime())).toBe(true);
    expect(Math.min(...first.map((e) => e.week))).toBe(-DEMO_EVENT_WEEKS);
    // The hot-spot layer is exactly the planned curve at Stortorget, Friday and Saturday from 20.
    const hot = first.filter((e) => e.layer === 'hotspot');
    for (let week = -DEMO_EVENT_WEEKS; week <= -1; week += 1) expect(hot.filter((e) => e.week === week).length, `week ${week}`).toBe(HOTSPOT_EXTRA[week] ?? 0);
    expect(hot.every((e) => e.place === HOTSPOT_PLACE && [5, 6].includes(isoWeekdayOf(localDateOf(e.occurredFrom))) && localTimeOf(e.occurredFrom) >= '20:00')).toBe(true);
    // No description names anyone or holds a personnummer.
    expect(first.every((e) => !/\d{6}[-+]?\d{4}/.test(e.description))).toBe(true);
  });

  it('adds up on every seeding day of a year: the hot-spot grows, peaks and shrinks, and the effect shows it', () => {
    // Every other day of a year: every weekday, every season, the turn of the year.
    for (let n = 0; n < 366; n += 2) {
      const day = addDays('2026-01-01', n);
      const events = demoEvents({ today: day, until: new Date(`${day}T05:00:00Z`), positions });
      // Stortorget's cell holds Gallerian Nian too (about 140 m away): the lägesbild counts them together.
      const cell = (week: number) => events.filter((e) => e.week === week && (e.place === HOTSPOT_PLACE || e.place === 'Gallerian Nian')).length;
      const sum = (from: number) => cell(from) + cell(from + 1) + cell(from + 2);
      const peak = cell(HOTSPOT_PEAK_WEEK);
      expect(sum(-14), day).toBeLessThan(sum(-10));
      for (let week = -16; week <= -1; week += 1) if (week !== HOTSPOT_PEAK_WEEK) expect(cell(week), `${day} week ${week}`).toBeLessThan(peak);
      expect(sum(-4), day).toBeLessThan(sum(-10));
      expect(sum(-3), day).toBeLessThan(peak);
      // The effect route's windows: the 6 weeks before the decision's week and the 6 after, at the place.
      const atSquare = (from: number, to: number) => events.filter((e) => e.place === HOTSPOT_PLACE && e.week >= from && e.week <= to).length;
      expect(atSquare(-13, -8), day).toBeGreaterThan(30);
      expect(atSquare(-6, -1), day).toBeLessThan(atSquare(-13, -8) * 0.7);
      expect(events.filter((e) => e.layer === 'emerging').length, day).toBe(EMERGING_COUNT);
    }
  });

  it('puts the newest change in this week from Wednesday, else in last week', () => {
    expect(emergingWeek('2026-12-07')).toEqual({ week: -1, days: 7 }); // Monday
    expect(emergingWeek('2026-12-09')).toEqual({ week: 0, days: 2 }); // Wednesday
    for (const day of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-13']) {
      const until = new Date(`${day}T06:00:00Z`);
      const events = demoEvents({ today: day, until, positions });
      const emerging = events.filter((e) => e.layer === 'emerging');
      expect(emerging.length, day).toBeGreaterThanOrEqual(8);
      expect(new Set(emerging.map((e) => e.week))).toEqual(new Set([emergingWeek(day).week]));
    }
  });
});
