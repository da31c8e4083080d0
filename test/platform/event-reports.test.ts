import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { eventReport, place } from '../../src/server/db/schema';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { newPlaceReport } from './concerns-support';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const url = '/api/event-reports';
const SECRET = 'Glaskross vid porten mot gården, tredje gången i veckan.';

async function addPlace(tenant: TestTenant, name = 'Sätra centrum'): Promise<string> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx.insert(place).values({ tenantId: tenant.id, name, type: 'centrum_torg', latitude: 60.6549, longitude: 17.1013 }).returning();
    return row!.id;
  });
}

function event(placeId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    category: 'skadegorelse',
    placeId,
    occurredFrom: '2026-11-27T21:00:00+01:00',
    occurredTo: '2026-11-27T22:00:00+01:00',
    peopleCount: '2-4',
    severity: 2,
    description: SECRET,
    ...overrides,
  };
}

const post = (member: TestMember, payload: unknown, language = 'sv') =>
  t.app.inject({ method: 'POST', url, headers: { ...member.headers, 'accept-language': language }, payload: payload as Record<string, unknown> });
const get = (member: TestMember, path: string) => t.app.inject({ method: 'GET', url: path, headers: member.headers });

async function rawRow(tenant: TestTenant, id: string) {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx.select().from(eventReport).where(and(eq(eventReport.tenantId, tenant.id), eq(eventReport.id, id)));
    return row ?? null;
  });
}

async function setUp() {
  const tenant = await t.tenant();
  const housing = await t.organisation(tenant, 'bostadsbolag', { name: 'Gavlegårdarna (test)' });
  const fritid = await t.organisation(tenant, 'fritid', { name: 'Fältgruppen' });
  const kommun = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const reporter = await t.member(tenant, housing, 'est_rapportor');
  const fieldWorker = await t.member(tenant, fritid, 'faltassistent');
  const coordinator = await t.member(tenant, kommun, 'koordinator');
  const analyst = await t.member(tenant, kommun, 'analytiker');
  const placeId = await addPlace(tenant);
  return { tenant, housing, fritid, kommun, reporter, fieldWorker, coordinator, analyst, placeId };
}

describe('event reports', { timeout: 180_000 }, () => {
  it('files a report with week, hour and cell computed, the description encrypted at rest, and is idempotent on the client id', async () => {
    const { tenant, fieldWorker, placeId } = await setUp();
    const body = event(placeId);
    const created = await post(fieldWorker, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: body.id, source: 'staff', status: 'verified', category: 'skadegorelse', place: { id: placeId, name: 'Sätra centrum' }, isoWeek: 202648, mine: true, description: null, hasDescription: true });
    const raw = await rawRow(tenant, body.id);
    expect(raw!.descriptionCipher).toBeTruthy();
    expect(raw!.descriptionCipher).not.toContain('Glaskross');
    expect(raw).toMatchObject({ isoWeek: 202648, weekday: 5, hour: 21 });
    expect(raw!.cell).toMatch(/^89/);
    // A resend (the queue's first answer lost) is the same report, 200.
    const again = await post(fieldWorker, { ...body, severity: 3 });
    expect(again.statusCode).toBe(200);
    expect(again.json().severity).toBe(2);
    const audits = await t.auditEvents(tenant, 'event_report.create');
    expect(audits.map((a) => (a.details as { repeat: boolean }).repeat)).toEqual([false, true]);
    expect(JSON.stringify(audits)).not.toContain('Glaskross');
  });

  it('refuses a personnummer in the description with a field message, and a place of another tenant', async () => {
    const a = await setUp();
    const b = await setUp();
    const refused = await post(a.fieldWorker, event(a.placeId, { description: 'Det var 080512-1234 igen.' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.description).toMatch(/personnummer/);
    const english = await post(a.fieldWorker, event(a.placeId, { description: 'Hen sa 200805121234.' }), 'en');
    expect(english.json().error.fields.description).toMatch(/identity numbers/);
    const foreign = await post(a.fieldWorker, event(b.placeId));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toHaveProperty('placeId');
    const unknownCategory = await post(a.fieldWorker, event(a.placeId, { category: 'finns_inte' }));
    expect(unknownCategory.json().error.fields).toHaveProperty('category');
  });

  it('shows the description to the reporting organisation and the EST group, audited; not to another organisation; the analyst sees no single reports', async () => {
    const { tenant, fieldWorker, reporter, coordinator, analyst, placeId } = await setUp();
    const otherStaff = await t.member(tenant, await t.organisation(tenant, 'skola'), 'skolpersonal');
    const body = event(placeId);
    expect((await post(fieldWorker, body)).statusCode).toBe(201);
    for (const member of [fieldWorker, reporter, coordinator]) {
      const read = await get(member, `${url}/${body.id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json().description).toBe(SECRET);
    }
    const other = await get(otherStaff, `${url}/${body.id}`);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ description: null, mayReadDescription: false, category: 'skadegorelse' });
    expect(other.body).not.toContain('Glaskross');
    const reads = await t.auditEvents(tenant, 'event_report.read');
    expect(reads.map((r) => (r.details as { descriptionRead: boolean }).descriptionRead)).toEqual([true, true, true, false]);
    expect((await get(analyst, `${url}/${body.id}`)).statusCode).toBe(404);
    expect((await get(analyst, url)).statusCode).toBe(403);
    const denied = await t.auditEvents(tenant, 'event_report.list');
    expect(denied.some((d) => d.outcome === 'denied')).toBe(true);
  });

  it('keeps tenants apart: another tenant reads nothing and the list is filtered and paged', async () => {
    const a = await setUp();
    const b = await setUp();
    const body = event(a.placeId);
    await post(a.fieldWorker, body);
    await post(a.fieldWorker, event(a.placeId, { category: 'nedskrapning', occurredFrom: '2026-12-01T10:00:00+01:00', occurredTo: '2026-12-01T11:00:00+01:00' }));
    expect((await get(b.coordinator, `${url}/${body.id}`)).statusCode).toBe(404);
    expect((await get(b.coordinator, url)).json().total).toBe(0);
    const week = await get(a.coordinator, `${url}?week=2026-W48`);
    expect(week.json().total).toBe(1);
    expect(week.json().reports[0]).toMatchObject({ id: body.id, description: null });
    const byCategory = await get(a.coordinator, `${url}?category=nedskrapning&limit=1`);
    expect(byCategory.json()).toMatchObject({ total: 1 });
    const page = await get(a.coordinator, `${url}?limit=1&offset=1`);
    expect(page.json().reports).toHaveLength(1);
    expect(page.json().total).toBe(2);
  });

  it('makes a citizen’s place report an unverified event at submission; the EST group confirms under another category or rejects, audited', async () => {
    const { tenant, coordinator, fieldWorker, placeId } = await setUp();
    await newPlaceReport(t, tenant);
    await newPlaceReport(t, tenant, { eventType: 'nedskrapning', occurredTime: undefined });
    const list = await get(coordinator, `${url}?source=citizen&status=unverified`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    const [withTime, dayOnly] = [...list.json().reports].sort((x: { category: string }, y: { category: string }) => (x.category < y.category ? -1 : 1)).reverse();
    expect(withTime).toMatchObject({ category: 'otrygghetsskapande_samling', status: 'unverified', mayReview: true, organisation: null });
    expect(dayOnly.category).toBe('nedskrapning');
    expect((await rawRow(tenant, dayOnly.id))!.hour).toBeNull();
    const read = await get(coordinator, `${url}/${withTime.id}`);
    expect(read.json()).toMatchObject({ citizenPlace: 'Busshållplatsen vid Norra torget' });
    expect(read.json().description).toContain('gäng');
    // A field worker may not review, and sees the citizen's words nowhere.
    const denied = await t.app.inject({ method: 'POST', url: `${url}/${withTime.id}/review`, headers: fieldWorker.headers, payload: { decision: 'confirm' } });
    expect(denied.statusCode).toBe(404);
    expect((await get(fieldWorker, `${url}/${withTime.id}`)).json().description).toBeNull();
    const confirmed = await t.app.inject({ method: 'POST', url: `${url}/${withTime.id}/review`, headers: coordinator.headers, payload: { decision: 'confirm', category: 'misstankt_narkotikahantering', placeId } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'verified', category: 'misstankt_narkotikahantering', place: { id: placeId } });
    const twice = await t.app.inject({ method: 'POST', url: `${url}/${withTime.id}/review`, headers: coordinator.headers, payload: { decision: 'reject' } });
    expect(twice.statusCode).toBe(409);
    const rejected = await t.app.inject({ method: 'POST', url: `${url}/${dayOnly.id}/review`, headers: coordinator.headers, payload: { decision: 'reject' } });
    expect(rejected.json().status).toBe('rejected');
    const reviews = await t.auditEvents(tenant, 'event_report.review');
    expect(reviews.filter((r) => r.outcome === 'allowed').map((r) => r.details)).toEqual([
      expect.objectContaining({ decision: 'confirm', categoryBefore: 'otrygghetsskapande_samling', category: 'misstankt_narkotikahantering' }),
      expect.objectContaining({ decision: 'reject' }),
    ]);
  });

  it('turns a field report marked "till lägesbilden" into one event report, and an unmarked one into none', async () => {
    const { tenant, fieldWorker, coordinator, placeId } = await setUp();
    const fieldReport = (forSituationPicture: boolean) => ({
      id: randomUUID(),
      placeId,
      startedAt: '2026-11-27T19:00:00+01:00',
      endedAt: '2026-11-27T23:00:00+01:00',
      staffCount: 2,
      youthUnder13: 0,
      youth13To15: 8,
      youth16To17: 5,
      youth18Plus: 0,
      mood: 'anstrangt',
      observations: 'Stor samling vid pizzerian.',
      forSituationPicture,
      visibility: 'all',
    });
    const marked = fieldReport(true);
    const send = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/field-reports', headers: fieldWorker.headers, payload: payload as Record<string, unknown> });
    expect((await send(marked)).statusCode).toBe(201);
    expect((await send(marked)).statusCode).toBe(200);
    expect((await send(fieldReport(false))).statusCode).toBe(201);
    const events = (await get(coordinator, `${url}?source=field_report`)).json();
    expect(events.total).toBe(1);
    expect(events.reports[0]).toMatchObject({ category: 'otrygghetsskapande_samling', peopleCount: '10+', status: 'verified', place: { id: placeId } });
    expect((await get(coordinator, `${url}/${events.reports[0].id}`)).json().description).toBe('Stor samling vid pizzerian.');
  });

  it('lets the administrator add and switch off categories; a reporter may not, and a switched-off category is refused', async () => {
    const { tenant, fieldWorker, placeId } = await setUp();
    const admin = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'administrator');
    const add = await t.app.inject({ method: 'POST', url: '/api/event-categories', headers: admin.headers, payload: { code: 'klotter', nameSv: 'Klotter', nameEn: 'Graffiti' } });
    expect(add.statusCode, add.body).toBe(201);
    const refused = await t.app.inject({ method: 'POST', url: '/api/event-categories', headers: fieldWorker.headers, payload: { code: 'brand', nameSv: 'Bränder', nameEn: 'Fires' } });
    expect(refused.statusCode).toBe(403);
    expect((await post(fieldWorker, event(placeId, { category: 'klotter' }))).statusCode).toBe(201);
    const off = await t.app.inject({ method: 'PATCH', url: '/api/event-categories/nedskrapning', headers: admin.headers, payload: { active: false } });
    expect(off.json()).toMatchObject({ code: 'nedskrapning', builtIn: true, active: false });
    expect((await post(fieldWorker, event(placeId, { category: 'nedskrapning' }))).statusCode).toBe(400);
    const list = (await get(fieldWorker, '/api/event-categories')).json().categories as { code: string; active: boolean }[];
    expect(list.find((c) => c.code === 'klotter')).toMatchObject({ active: true });
    expect(list.find((c) => c.code === 'nedskrapning')).toMatchObject({ active: false });
  });

  it('takes a batch of reports, skipping those already sent', async () => {
    const { tenant, fieldWorker, placeId } = await setUp();
    const first = event(placeId);
    const batch = [first, ...Array.from({ length: 30 }, (_, i) => event(placeId, { description: '', occurredFrom: `2026-10-${String(i + 1).padStart(2, '0')}T20:00:00+02:00`, occurredTo: `2026-10-${String(i + 1).padStart(2, '0')}T21:00:00+02:00` }))];
    const send = () => t.app.inject({ method: 'POST', url: `${url}/batch`, headers: fieldWorker.headers, payload: { reports: batch } });
    expect((await send()).json()).toEqual({ inserted: 31, duplicates: 0 });
    expect((await send()).json()).toEqual({ inserted: 0, duplicates: 31 });
    expect((await rawRow(tenant, first.id))!.status).toBe('verified');
  });
});
