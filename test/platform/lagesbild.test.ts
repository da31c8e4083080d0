import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { cellOf } from '../../src/shared/event-cells';
import { isoWeekNumber, shiftWeek } from '../../src/shared/lagesbild';
import { isoWeekWindow } from '../../src/shared/stockholm-time';

vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const send = (member: TestMember, method: 'POST' | 'PUT', url: string, payload: unknown = {}) => t.app.inject({ method, url, headers: member.headers, payload: payload as object });

/** 2026-W12: Monday 16 March to Sunday 22 March. */
const WEEK = '2026-W12';
const TORG = { latitude: 60.6745, longitude: 17.1412 };

interface EventSpec {
  week: string;
  category: string;
  count: number;
  status?: string;
  source?: string;
  at?: { latitude: number; longitude: number };
  weekday?: number;
  hour?: number;
  reportedBy?: string | null;
}

/** Events straight into event_report (the insert path is H-events'); the rollups follow by trigger. */
async function addEvents(tenant: TestTenant, specs: EventSpec[]): Promise<void> {
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    for (const spec of specs) {
      const weekday = spec.weekday ?? 5;
      const hour = spec.hour ?? 21;
      const day = isoWeekWindow(spec.week).dates[weekday - 1]!;
      const at = spec.at ?? TORG;
      const from = new Date(`${day}T${String(hour - 1).padStart(2, '0')}:30:00Z`);
      await tx.execute(sql`insert into event_report (tenant_id, id, source, status, category, latitude, longitude, cell,
          occurred_from, occurred_to, iso_week, weekday, hour, reported_by)
        select ${tenant.id}::uuid, gen_random_uuid(), ${spec.source ?? 'staff'}, ${spec.status ?? 'verified'}, ${spec.category},
          ${at.latitude}, ${at.longitude}, ${cellOf(at.latitude, at.longitude)}, ${from.toISOString()}::timestamptz, ${from.toISOString()}::timestamptz,
          ${isoWeekNumber(spec.week)}, ${weekday}, ${hour}, ${spec.reportedBy ?? null}
        from generate_series(1, ${spec.count})`);
    }
  });
}

async function directCount(tenant: TestTenant, week: string) {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const direct = await tx.execute<{ category: string; n: number }>(
      sql`select category, count(*)::int as n from event_report where iso_week = ${isoWeekNumber(week)} and status = 'verified' group by category order by category`,
    );
    const rolled = await tx.execute<{ category: string; n: number }>(
      sql`select category, sum(count)::int as n from event_week_category where iso_week = ${isoWeekNumber(week)} group by category having sum(count) > 0 order by category`,
    );
    const cells = await tx.execute<{ n: number }>(sql`select coalesce(sum(count), 0)::int as n from event_week_cell where iso_week = ${isoWeekNumber(week)}`);
    const hours = await tx.execute<{ n: number }>(sql`select coalesce(sum(count), 0)::int as n from event_week_hour where iso_week = ${isoWeekNumber(week)}`);
    return { direct: direct.rows.map((r) => [r.category, Number(r.n)]), rolled: rolled.rows.map((r) => [r.category, Number(r.n)]), cells: Number(cells.rows[0]!.n), hours: Number(hours.rows[0]!.n) };
  });
}

async function setUp() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const housing = await t.organisation(tenant, 'polis', { name: 'Polisen Gävle' });
  const coordinator = await t.member(tenant, social, 'koordinator');
  const reporter = await t.member(tenant, housing, 'est_rapportor');
  const leader = await t.member(tenant, social, 'fritidsledare');
  const analyst = await t.member(tenant, social, 'analytiker');
  const logReviewer = await t.member(tenant, social, 'loggranskare');
  return { tenant, coordinator, reporter, leader, analyst, logReviewer };
}

const figure = (value: number) => ({ kind: 'value', value });
const category = (body: { categories: { code: string }[] }, code: string) => body.categories.find((row) => row.code === code) as Record<string, unknown>;

describe('weekly lägesbild', () => {
  it('keeps the rollups equal to a direct count through inserts, a citizen verification and a rejection', async () => {
    const { tenant } = await setUp();
    await addEvents(tenant, [
      { week: WEEK, category: 'skadegorelse', count: 3 },
      { week: WEEK, category: 'nedskrapning', count: 2, hour: 3 },
      { week: WEEK, category: 'skadegorelse', count: 2, status: 'unverified', source: 'citizen' },
    ]);
    let counts = await directCount(tenant, WEEK);
    expect(counts.rolled).toEqual(counts.direct);
    expect(counts.direct).toEqual([['nedskrapning', 2], ['skadegorelse', 3]]);
    expect(counts.cells).toBe(5);
    expect(counts.hours).toBe(5);
    // Staff verify the citizen's reports: now they count; a rejection takes one away again.
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.execute(sql`update event_report set status = 'verified' where source = 'citizen'`));
    counts = await directCount(tenant, WEEK);
    expect(counts.rolled).toEqual([['nedskrapning', 2], ['skadegorelse', 5]]);
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.execute(sql`update event_report set status = 'rejected' where id = (select id from event_report where source = 'citizen' limit 1)`),
    );
    counts = await directCount(tenant, WEEK);
    expect(counts.rolled).toEqual(counts.direct);
    expect(counts.rolled).toEqual([['nedskrapning', 2], ['skadegorelse', 4]]);
    expect(counts.cells).toBe(6);
  });

  it('compares with the 8-week mean and last year, names a jump and not a steady series', async () => {
    const { tenant, coordinator } = await setUp();
    const specs: EventSpec[] = [];
    for (let back = 1; back <= 8; back += 1) {
      specs.push({ week: shiftWeek(WEEK, -back), category: 'skadegorelse', count: 1 + (back % 2) }); // 12 over 8 weeks: mean 1.5
      specs.push({ week: shiftWeek(WEEK, -back), category: 'nedskrapning', count: 6 }); // steady 6
    }
    specs.push({ week: WEEK, category: 'skadegorelse', count: 12 }); // a jump
    specs.push({ week: WEEK, category: 'nedskrapning', count: 7 }); // steady
    specs.push({ week: '2025-W12', category: 'skadegorelse', count: 4 });
    specs.push({ week: shiftWeek(WEEK, -9), category: 'skadegorelse', count: 50 }); // outside the 8 weeks
    await addEvents(tenant, specs);
    const response = await get(coordinator, `/api/lagesbild/${WEEK}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.suppressed).toBe(false);
    expect(category(body, 'skadegorelse')).toMatchObject({ count: figure(12), mean: figure(1.5), lastYear: figure(4), notable: true });
    expect(category(body, 'nedskrapning')).toMatchObject({ count: figure(7), mean: figure(6), lastYear: figure(0), notable: false });
    expect(body.changes.filter((c: { level: string }) => c.level === 'category').map((c: { category: string }) => c.category)).toEqual(['skadegorelse']);
    expect(body.changes[0].text).toMatch(/^Skadegörelse: 12 händelser mot i snitt 1,5 de 8 veckorna före \(p < 0,001\)\.$/);
    expect(body.method).toContain('Poisson');
    // The trend holds 26 weeks, the heat grid puts the week's 19 events on Friday 21.
    expect(body.trend.weeks).toHaveLength(26);
    expect(body.heat.cells[4][21]).toEqual(figure(19));
    expect(await t.auditEvents(tenant, 'lagesbild.read')).toHaveLength(1);
  });

  it('gives hot-spots as cells with counts, never points, and suppressed figures to the analyst', async () => {
    const { tenant, coordinator, analyst } = await setUp();
    await addEvents(tenant, [
      { week: WEEK, category: 'skadegorelse', count: 6 },
      { week: WEEK, category: 'nedskrapning', count: 2, at: { latitude: 60.69, longitude: 17.2 } },
      { week: WEEK, category: 'nedskrapning', count: 1, at: { latitude: 60.7, longitude: 17.25 } },
    ]);
    const exact = (await get(coordinator, `/api/lagesbild/${WEEK}`)).json();
    expect(exact.hotspots.map((h: { cell: string; count: unknown }) => [h.cell, h.count])).toEqual([
      [cellOf(TORG.latitude, TORG.longitude), figure(6)],
      [cellOf(60.69, 17.2), figure(2)],
    ]);
    expect(exact.hotspots[0].boundary).toHaveLength(6);
    const raw = JSON.stringify(exact);
    expect(raw).not.toMatch(/60\.6745[,\]}]/);
    expect(raw).not.toContain('17.1412');

    const hidden = (await get(analyst, `/api/lagesbild/${WEEK}`)).json();
    expect(hidden.suppressed).toBe(true);
    expect(category(hidden, 'nedskrapning').count).toEqual({ kind: 'suppressed', below: 5 });
    expect(category(hidden, 'skadegorelse').count).not.toEqual(figure(6)); // its complement is hidden too: 9 − 6 would give 3
    expect(hidden.hotspots.map((h: { cell: string }) => h.cell)).toEqual([cellOf(TORG.latitude, TORG.longitude)]);
    for (const line of hidden.heat.cells) for (const cell of line) if (cell.kind === 'value') expect(cell.value === 0 || cell.value >= 5).toBe(true);
    expect((await t.auditEvents(tenant, 'lagesbild.read')).map((e) => (e.details as { suppressed: boolean }).suppressed)).toEqual([false, true]);
  });

  it('lets the EST group write, close and send; the sent version stays as sent after later events', async () => {
    const { tenant, coordinator, reporter, leader, analyst } = await setUp();
    await addEvents(tenant, [{ week: WEEK, category: 'skadegorelse', count: 7, reportedBy: reporter.userId }]);
    // Others read but may not write; an open week cannot be sent.
    for (const member of [leader, analyst]) expect((await send(member, 'PUT', `/api/lagesbild/${WEEK}/analysis`, { analysis: 'x' })).statusCode).toBe(403);
    expect((await send(coordinator, 'POST', `/api/lagesbild/${WEEK}/send`)).statusCode).toBe(409);
    const refused = await send(coordinator, 'PUT', `/api/lagesbild/${WEEK}/analysis`, { analysis: 'Gäller 19850101-1234' });
    expect(refused.statusCode).toBe(400);
    expect((await send(coordinator, 'PUT', `/api/lagesbild/${WEEK}/analysis`, { analysis: 'Skadegörelsen vid torget ökar.' })).json()).toMatchObject({ status: 'open', analysis: 'Skadegörelsen vid torget ökar.' });
    expect((await send(reporter, 'POST', `/api/lagesbild/${WEEK}/close`)).json().status).toBe('closed');
    expect((await send(coordinator, 'PUT', `/api/lagesbild/${WEEK}/analysis`, { analysis: 'sent' })).statusCode).toBe(409);
    const sent = await send(coordinator, 'POST', `/api/lagesbild/${WEEK}/send`);
    expect(sent.json()).toMatchObject({ status: 'sent', recipients: 1 });
    const before = (await get(leader, `/api/lagesbild/${WEEK}/sent`)).json();
    expect(before.picture.state.analysis).toBe('Skadegörelsen vid torget ökar.');
    expect(category(before.picture, 'skadegorelse').count).toEqual(figure(7));
    await addEvents(tenant, [{ week: WEEK, category: 'skadegorelse', count: 3 }]);
    expect(category((await get(leader, `/api/lagesbild/${WEEK}`)).json(), 'skadegorelse').count).toEqual(figure(10));
    expect((await get(leader, `/api/lagesbild/${WEEK}/sent`)).json()).toEqual(before);
    expect((await send(coordinator, 'POST', `/api/lagesbild/${WEEK}/reopen`)).statusCode).toBe(409);
    // The reporter got the summary back as a notification with a link, nothing more.
    const notes = (await get(reporter, '/api/notifications')).json().notifications;
    expect(notes.map((n: { kind: string; link: string }) => [n.kind, n.link])).toEqual([['lagesbild.sent', `/lagesbild/${WEEK}?version=sent`]]);
    const pdf = await get(leader, `/api/lagesbild/${WEEK}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect((await t.auditEvents(tenant, 'lagesbild.send')).map((e) => e.outcome)).toEqual(['allowed']);
  });

  it('denies the log reviewer, refuses a bad week or area, and keeps tenants apart', async () => {
    const { tenant, coordinator, logReviewer } = await setUp();
    await addEvents(tenant, [{ week: WEEK, category: 'skadegorelse', count: 9 }]);
    expect((await get(logReviewer, `/api/lagesbild/${WEEK}`)).statusCode).toBe(403);
    expect((await t.auditEvents(tenant, 'lagesbild.read')).map((e) => e.outcome)).toEqual(['denied']);
    expect((await get(coordinator, '/api/lagesbild/2026-W60')).statusCode).toBe(400);
    const other = await setUp();
    const bad = await get(coordinator, `/api/lagesbild/${WEEK}?area=00000000-0000-4000-8000-000000000000`);
    expect(bad.statusCode).toBe(400);
    const theirs = (await get(other.coordinator, `/api/lagesbild/${WEEK}`)).json();
    expect(category(theirs, 'skadegorelse').count).toEqual(figure(0));
    expect(theirs.hotspots).toEqual([]);
  });
});
