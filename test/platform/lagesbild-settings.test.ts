import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { cellOf } from '../../src/shared/event-cells';
import { isoWeekNumber, shiftWeek } from '../../src/shared/lagesbild';
import { isoWeekWindow } from '../../src/shared/stockholm-time';
import { readPdf } from './associations-pdf-text';

vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const send = (member: TestMember, method: 'POST' | 'PUT', url: string, payload: unknown = {}) => t.app.inject({ method, url, headers: member.headers, payload: payload as object });
const pdfText = (payload: Buffer) => readPdf(payload).text.replace(/\s+/g, ' ');

/** 2026-W20: the week the action is decided; the lägesbild is read for it too. */
const WEEK = '2026-W20';
const TORG = { latitude: 60.6745, longitude: 17.1412 };

async function addEvents(tenant: TestTenant, placeId: string | null, week: string, category: string, count: number) {
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const from = new Date(`${isoWeekWindow(week).dates[4]}T19:30:00Z`);
    await tx.execute(sql`insert into event_report (tenant_id, id, source, status, category, place_id, latitude, longitude, cell,
        occurred_from, occurred_to, iso_week, weekday, hour)
      select ${tenant.id}::uuid, gen_random_uuid(), 'staff', 'verified', ${category}, ${placeId}::uuid, ${TORG.latitude}, ${TORG.longitude},
        ${cellOf(TORG.latitude, TORG.longitude)}, ${from.toISOString()}::timestamptz, ${from.toISOString()}::timestamptz, ${isoWeekNumber(week)}, 5, 21
      from generate_series(1, ${count})`);
  });
}

async function setUp() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const municipality = await t.organisation(tenant, 'fritid', { name: 'Gatukontoret' });
  const admin = await t.member(tenant, social, 'administrator');
  const coordinator = await t.member(tenant, social, 'koordinator');
  const analyst = await t.member(tenant, social, 'analytiker');
  const owner = await t.member(tenant, municipality, 'fritidsledare');
  const placeId = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const result = await tx.execute<{ id: string }>(sql`insert into place (tenant_id, name, type, latitude, longitude) values (${tenant.id}, 'Stortorget', 'torg', ${TORG.latitude}, ${TORG.longitude}) returning id`);
    return result.rows[0]!.id;
  });
  return { tenant, municipality, admin, coordinator, analyst, owner, placeId };
}

const countOf = (body: { categories: { code: string; count: unknown }[] }, code: string) => body.categories.find((row) => row.code === code)?.count;

describe('the small-cell threshold k (a tenant setting)', () => {
  it('changes what the analyst sees: k = 3 shows a 4, k = 7 hides a 6; the exact reader is unaffected', async () => {
    const { tenant, admin, coordinator, analyst } = await setUp();
    await addEvents(tenant, null, WEEK, 'skadegorelse', 6);
    await addEvents(tenant, null, WEEK, 'nedskrapning', 4);
    await addEvents(tenant, null, shiftWeek(WEEK, -52), 'skadegorelse', 9); // last year's column: no complement needed from it
    await addEvents(tenant, null, shiftWeek(WEEK, -52), 'nedskrapning', 9);

    expect((await get(admin, '/api/lagesbild-settings')).json()).toEqual({ suppressionK: 5 });
    let seen = (await get(analyst, `/api/lagesbild/${WEEK}`)).json();
    expect(seen.k).toBe(5);
    expect(countOf(seen, 'nedskrapning')).toEqual({ kind: 'suppressed', below: 5 });

    const lowered = await send(admin, 'PUT', '/api/lagesbild-settings', { suppressionK: 3 });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(lowered.json()).toEqual({ suppressionK: 3 });
    seen = (await get(analyst, `/api/lagesbild/${WEEK}`)).json();
    expect(seen.k).toBe(3);
    expect(countOf(seen, 'nedskrapning')).toEqual({ kind: 'value', value: 4 });
    expect(countOf(seen, 'skadegorelse')).toEqual({ kind: 'value', value: 6 });

    expect((await send(admin, 'PUT', '/api/lagesbild-settings', { suppressionK: 7 })).statusCode).toBe(200);
    seen = (await get(analyst, `/api/lagesbild/${WEEK}`)).json();
    expect(countOf(seen, 'skadegorelse')).toEqual({ kind: 'suppressed', below: 7 });
    expect(countOf(seen, 'nedskrapning')).toEqual({ kind: 'suppressed', below: 7 });
    for (const line of seen.heat.cells) for (const cell of line) if (cell.kind === 'value') expect(cell.value === 0 || cell.value >= 7).toBe(true);
    // The coordinator reads exact figures whatever k is.
    const exact = (await get(coordinator, `/api/lagesbild/${WEEK}`)).json();
    expect(countOf(exact, 'skadegorelse')).toEqual({ kind: 'value', value: 6 });

    // The PDF (suppressed for everyone, it leaves the app) follows the tenant's k.
    const pdf = await get(coordinator, `/api/lagesbild/${WEEK}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('< 7');
    expect(text).toContain('betyder 1–6');
    expect(text).not.toMatch(/Skadegörelse: 6/);

    const audited = await t.auditEvents(tenant, 'lagesbild.settings_update');
    expect(audited.map((event) => event.details)).toEqual([{ suppressionK: { from: 5, to: 3 } }, { suppressionK: { from: 3, to: 7 } }]);
  });

  it('refuses k below 3 (and above 100) with a field message, and lets only the administrator set it', async () => {
    const { tenant, admin, coordinator, analyst } = await setUp();
    for (const suppressionK of [2, 0, -1, 101, 4.5]) {
      const refused = await send(admin, 'PUT', '/api/lagesbild-settings', { suppressionK });
      expect(refused.statusCode, String(suppressionK)).toBe(400);
      expect(refused.json().error.fields).toHaveProperty('suppressionK');
    }
    expect((await send(admin, 'PUT', '/api/lagesbild-settings', { suppressionK: '3' })).statusCode).toBe(400);
    for (const member of [coordinator, analyst]) {
      expect((await send(member, 'PUT', '/api/lagesbild-settings', { suppressionK: 3 })).statusCode).toBe(403);
      expect((await get(member, '/api/lagesbild-settings')).statusCode).toBe(403);
    }
    expect((await get(admin, '/api/lagesbild-settings')).json()).toEqual({ suppressionK: 5 });
    // The two refusals are audited as denied; nothing was changed.
    expect((await t.auditEvents(tenant, 'lagesbild.settings_update')).map((event) => event.outcome)).toEqual(['denied', 'denied']);
    // The database refuses it too, whatever path writes.
    await expect(
      inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.execute(sql`insert into lagesbild_setting (tenant_id, suppression_k) values (${tenant.id}, 2)`)),
    ).rejects.toThrow();
    // Another tenant's setting is its own.
    const other = await setUp();
    expect((await send(other.admin, 'PUT', '/api/lagesbild-settings', { suppressionK: 9 })).statusCode).toBe(200);
    expect((await get(admin, '/api/lagesbild-settings')).json()).toEqual({ suppressionK: 5 });
  });

  it('prints the action plan’s effect counts with the tenant’s k', async () => {
    const world = await setUp();
    const plan = await send(world.coordinator, 'PUT', '/api/action-plans/2026', { priorities: [], followUp: 'Varje vecka.' });
    expect(plan.statusCode, plan.body).toBe(200);
    const action = await send(world.coordinator, 'POST', '/api/place-actions', {
      placeId: world.placeId,
      week: WEEK,
      title: 'Bättre belysning vid Stortorget',
      kind: 'belysning',
      description: 'Byt armaturer.',
      ownerOrganisationId: world.municipality.id,
      ownerMembershipId: world.owner.membershipId,
      dueDate: '2026-06-01',
      planId: plan.json().id,
    });
    expect(action.statusCode, action.body).toBe(201);
    await addEvents(world.tenant, world.placeId, shiftWeek(WEEK, -2), 'skadegorelse', 8);
    await addEvents(world.tenant, world.placeId, shiftWeek(WEEK, 2), 'skadegorelse', 6);

    let text = pdfText((await get(world.coordinator, '/api/action-plans/2026/plan.pdf')).rawPayload);
    expect(text).toContain('före: 8');
    expect(text).toContain('efter: 6');
    expect((await send(world.admin, 'PUT', '/api/lagesbild-settings', { suppressionK: 7 })).statusCode).toBe(200);
    text = pdfText((await get(world.coordinator, '/api/action-plans/2026/plan.pdf')).rawPayload);
    expect(text).toContain('före: 8');
    expect(text).toContain('efter: färre än 7');
    expect(text).not.toContain('efter: 6');
  });
});
