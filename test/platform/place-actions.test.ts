import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { cellOf } from '../../src/shared/event-cells';
import { isoWeekWindow } from '../../src/shared/stockholm-time';
import { EFFECT_CAVEAT, shiftIsoWeek, weekNumber } from '../../src/shared/place-actions';
import { readPdf } from './associations-pdf-text';

vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const send = (member: TestMember, method: 'POST' | 'PUT', url: string, payload: unknown = {}) => t.app.inject({ method, url, headers: member.headers, payload: payload as object });

const TORG = { latitude: 60.6745, longitude: 17.1412 };
const DECIDED = '2026-W20';

async function addPlace(tenant: TestTenant, name: string): Promise<string> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const result = await tx.execute<{ id: string }>(
      sql`insert into place (tenant_id, name, type, latitude, longitude) values (${tenant.id}, ${name}, 'torg', ${TORG.latitude}, ${TORG.longitude}) returning id`,
    );
    return result.rows[0]!.id;
  });
}

/** Verified (or other) events straight into event_report at the place, `count` of them in `week`. */
async function addEvents(tenant: TestTenant, placeId: string | null, week: string, category: string, count: number, status = 'verified') {
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const from = new Date(`${isoWeekWindow(week).dates[4]}T19:30:00Z`);
    await tx.execute(sql`insert into event_report (tenant_id, id, source, status, category, place_id, latitude, longitude, cell,
        occurred_from, occurred_to, iso_week, weekday, hour)
      select ${tenant.id}::uuid, gen_random_uuid(), 'staff', ${status}, ${category}, ${placeId}::uuid, ${TORG.latitude}, ${TORG.longitude},
        ${cellOf(TORG.latitude, TORG.longitude)}, ${from.toISOString()}::timestamptz, ${from.toISOString()}::timestamptz, ${weekNumber(week)}, 5, 21
      from generate_series(1, ${count})`);
  });
}

async function setUp() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const municipality = await t.organisation(tenant, 'fritid', { name: 'Gatukontoret' });
  const coordinator = await t.member(tenant, social, 'koordinator');
  const reporter = await t.member(tenant, social, 'est_rapportor');
  const owner = await t.member(tenant, municipality, 'fritidsledare');
  const otherStaff = await t.member(tenant, social, 'fritidsledare');
  const logReviewer = await t.member(tenant, social, 'loggranskare');
  const placeId = await addPlace(tenant, 'Stortorget');
  return { tenant, social, municipality, coordinator, reporter, owner, otherStaff, logReviewer, placeId };
}

const actionInput = (world: Awaited<ReturnType<typeof setUp>>, overrides: Record<string, unknown> = {}) => ({
  placeId: world.placeId,
  week: DECIDED,
  title: 'Bättre belysning och röjning vid Stortorget',
  kind: 'belysning',
  description: 'Byt armaturer och röj buskaget mot gångvägen.',
  ownerOrganisationId: world.municipality.id,
  ownerMembershipId: world.owner.membershipId,
  dueDate: '2026-06-01',
  ...overrides,
});

describe('place actions', () => {
  it('decides, lists with overdue marked, lets the owner move the status, and audits', async () => {
    const world = await setUp();
    const created = await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world));
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({ placeName: 'Stortorget', status: 'planerad', week: DECIDED, overdue: true, ownerOrganisationName: 'Gatukontoret' });

    const overdue = (await get(world.otherStaff, '/api/place-actions?overdue=true')).json();
    expect(overdue.actions.map((a: { id: string }) => a.id)).toEqual([action.id]);
    expect((await get(world.otherStaff, '/api/place-actions?status=genomford')).json().actions).toHaveLength(0);

    // The owner marks it done; it is no longer overdue and has a completion time.
    const done = await send(world.owner, 'POST', `/api/place-actions/${action.id}/status`, { status: 'genomford' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'genomford', overdue: false });
    expect(done.json().completedAt).not.toBeNull();

    // The EST reporter changes the details.
    const changed = await send(world.reporter, 'PUT', `/api/place-actions/${action.id}`, actionInput(world, { title: 'Belysning vid Stortorget' }));
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().title).toBe('Belysning vid Stortorget');

    const audited = await inContext(t.database.db, { tenantId: world.tenant.id, userId: null }, (tx) =>
      tx.execute<{ action: string }>(sql`select action from audit_event where tenant_id = ${world.tenant.id} and action like 'place_action.%'`),
    );
    expect(audited.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['place_action.decide', 'place_action.status', 'place_action.update']));
  });

  it('refuses a personnummer and a place of another tenant with field messages', async () => {
    const world = await setUp();
    const other = await setUp();
    const pnr = await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world, { description: 'Prata med 19800101-1234 om buskaget' }));
    expect(pnr.statusCode).toBe(400);
    expect(pnr.body).toContain('description');
    const foreign = await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world, { placeId: other.placeId }));
    expect(foreign.statusCode).toBe(400);
    expect(Object.keys(foreign.json().error.fields)).toEqual(['placeId']);
    const nowhere = await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world, { placeId: null }));
    expect(nowhere.statusCode).toBe(400);
  });

  it('denies deciding to staff, status to non-owners, reading to the log reviewer; other tenants see 404', async () => {
    const world = await setUp();
    const other = await setUp();
    expect((await send(world.otherStaff, 'POST', '/api/place-actions', actionInput(world))).statusCode).toBe(403);
    const action = (await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world))).json();
    // A denied record answers as a missing one (404): nobody learns it exists by being refused.
    expect((await send(world.otherStaff, 'POST', `/api/place-actions/${action.id}/status`, { status: 'avbruten' })).statusCode).toBe(404);
    expect((await send(world.otherStaff, 'PUT', `/api/place-actions/${action.id}`, actionInput(world))).statusCode).toBe(404);
    expect((await get(world.otherStaff, `/api/place-actions/${action.id}`)).json().status).toBe('planerad');
    expect((await get(world.otherStaff, `/api/place-actions/${action.id}`)).statusCode).toBe(200);
    expect((await get(world.logReviewer, '/api/place-actions')).statusCode).toBe(403);
    expect((await get(other.coordinator, `/api/place-actions/${action.id}`)).statusCode).toBe(404);
    expect((await get(other.coordinator, '/api/place-actions')).json().actions).toHaveLength(0);
  });

  it('counts verified events at the place N weeks before and after, by category, with the caveat', async () => {
    const world = await setUp();
    const action = (await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world))).json();
    // Before: weeks -1..-6; after: +1..+6; the decision week itself and anything further out are left out.
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, -1), 'skadegorelse', 5);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, -6), 'skadegorelse', 3);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, -3), 'nedskrapning', 4);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, -7), 'skadegorelse', 10);
    await addEvents(world.tenant, world.placeId, DECIDED, 'skadegorelse', 9);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, 2), 'skadegorelse', 2);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, 6), 'nedskrapning', 1);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, 3), 'skadegorelse', 7, 'unverified');
    await addEvents(world.tenant, null, shiftIsoWeek(DECIDED, 2), 'skadegorelse', 8);

    const response = await get(world.otherStaff, `/api/place-actions/${action.id}/effect?weeks=6`);
    expect(response.statusCode, response.body).toBe(200);
    const effect = response.json();
    const value = (count: number) => ({ kind: 'value', value: count });
    expect(effect.categories).toEqual([
      { code: 'nedskrapning', before: value(4), after: value(1) },
      { code: 'skadegorelse', before: value(8), after: value(2) },
    ]);
    expect(effect.totals).toEqual({ before: value(12), after: value(3) });
    expect(effect.suppressed).toBe(false);

    // The analyst reads the same effect with small counts hidden: 4 before and 1 and 2 after are "< 5";
    // the after total (3) is small too; 8 before is hidden ("x") because 12 − 8 would give the 4 away.
    const analyst = await t.member(world.tenant, world.social, 'analytiker');
    const hidden = (await get(analyst, `/api/place-actions/${action.id}/effect?weeks=6`)).json();
    expect(hidden.suppressed).toBe(true);
    expect(hidden.k).toBe(5);
    expect(hidden.categories).toEqual([
      { code: 'nedskrapning', before: { kind: 'suppressed', below: 5 }, after: { kind: 'suppressed', below: 5 } },
      { code: 'skadegorelse', before: { kind: 'suppressed', below: null }, after: { kind: 'suppressed', below: 5 } },
    ]);
    expect(hidden.totals).toEqual({ before: value(12), after: { kind: 'suppressed', below: 5 } });
    const shown = JSON.stringify(hidden.categories) + JSON.stringify(hidden.totals);
    for (const small of [1, 2, 3, 4]) expect(shown).not.toContain(`"value":${small}}`);
    expect(effect.caveat.sv).toBe(EFFECT_CAVEAT.sv);
    expect(effect.caveat.sv).toContain('inte ett bevis');
    // From the completion: not done yet → 409.
    expect((await get(world.otherStaff, `/api/place-actions/${action.id}/effect?from=completed`)).statusCode).toBe(409);
  });

  it('keeps the yearly plan: priorities, actions, reviews, adopt, and prints it with counts suppressed', async () => {
    const world = await setUp();
    const plan = await send(world.coordinator, 'PUT', '/api/action-plans/2026', {
      priorities: [
        { category: 'Skadegörelse', areaId: null, reason: 'Ökar vid Stortorget enligt lägesbilden vecka 12–18.' },
        { category: 'Otrygghet kvällstid', areaId: null, reason: 'Många rapporter om grupper efter kl. 21.' },
      ],
      followUp: 'EST-gruppen följer åtgärderna varje vecka, kvartalsvis analys, årlig utvärdering i kommunstyrelsen.',
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const planId = plan.json().id;
    const action = (await send(world.coordinator, 'POST', '/api/place-actions', actionInput(world, { planId }))).json();
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, -2), 'skadegorelse', 3);
    await addEvents(world.tenant, world.placeId, shiftIsoWeek(DECIDED, 2), 'skadegorelse', 6);

    expect((await send(world.otherStaff, 'PUT', '/api/action-plans/2026', { priorities: [], followUp: '' })).statusCode).toBe(403);
    const review = await send(world.reporter, 'POST', '/api/action-plans/2026/reviews', { kind: 'kvartal', period: '2026-Q2', text: 'Skadegörelsen vid torget minskade efter belysningen.' });
    expect(review.statusCode, review.body).toBe(201);
    expect((await send(world.reporter, 'POST', '/api/action-plans/2026/reviews', { kind: 'ar', period: '2026-Q2', text: 'x' })).statusCode).toBe(400);
    const adopted = await send(world.coordinator, 'POST', '/api/action-plans/2026/adopt');
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'antagen', actions: [{ id: action.id }], reviews: [{ period: '2026-Q2' }] });
    expect((await send(world.coordinator, 'PUT', '/api/action-plans/2026', { priorities: [], followUp: '' })).statusCode).toBe(409);
    expect((await get(world.otherStaff, '/api/action-plans/2027')).json()).toMatchObject({ id: null, status: 'utkast', actions: [] });

    const pdf = await get(world.otherStaff, '/api/action-plans/2026/plan.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = readPdf(pdf.rawPayload).text.replace(/\s+/g, ' ');
    for (const expected of ['Åtgärdsplan 2026', 'Skadegörelse', 'Otrygghet kvällstid', 'Bättre belysning och röjning vid Stortorget', 'Gatukontoret', 'EST-gruppen följer åtgärderna', 'Kvartalsanalys 2026-Q2', 'inte ett bevis'])
      expect(text).toContain(expected);
    // 3 before is a small count (printed as "färre än 5"); 6 after is shown.
    expect(text).toContain('före: färre än 5');
    expect(text).toContain('efter: 6');
    expect((await get(world.logReviewer, '/api/action-plans/2026/plan.pdf')).statusCode).toBe(403);
    // Another tenant's plan for the same year is its own (empty).
    const other = await setUp();
    expect((await get(other.coordinator, '/api/action-plans/2026')).json()).toMatchObject({ id: null, actions: [] });
  });
});
