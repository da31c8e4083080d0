import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import type { Tx } from '../../src/server/db/client';

// Each test makes tens of requests (the matrix about a hundred): more than the default half minute on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });
const put = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: member.headers, payload: payload as object });
const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const del = (member: TestMember, url: string) => t.app.inject({ method: 'DELETE', url, headers: member.headers });

/** 2026-W12: Monday 16 March to Sunday 22 March; Friday is 20 March. */
const WEEK = '2026-W12';
const FRIDAY = '2026-03-20';

async function setUp() {
  const tenant = await t.tenant();
  const fritid = await t.organisation(tenant, 'fritid', { name: 'Fritidsgårdarna' });
  const police = await t.organisation(tenant, 'polis', { name: 'Polisen Gävle' });
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const club = await t.organisation(tenant, 'forening', { name: 'Nattvandrarna' });
  const leader = await t.member(tenant, fritid, 'fritidsledare');
  const officer = await t.member(tenant, police, 'polis');
  const coordinator = await t.member(tenant, social, 'koordinator');
  const keyPerson = await t.member(tenant, club, 'foreningsnyckelperson');
  const administrator = await t.member(tenant, social, 'administrator');
  const analyst = await t.member(tenant, social, 'analytiker');
  const areaId = (
    await post(coordinator, '/api/areas', {
      name: 'Centrum',
      kind: 'stadsdel',
      geometry: { type: 'Polygon', coordinates: [[[17.13, 60.67], [17.16, 60.67], [17.16, 60.68], [17.13, 60.68], [17.13, 60.67]]] },
    })
  ).json().id as string;
  const torg = await post(leader, '/api/places', { name: 'Stortorget', type: 'centrum_torg', position: { latitude: 60.6745, longitude: 17.1412 } });
  expect(torg.statusCode).toBe(201);
  const placeId = torg.json().id as string;
  expect(torg.json().areaId).toBe(areaId);
  const hours = [20, 21, 22, 23].map((hour) => ({ weekday: 5, hour, level: 'many' })).concat([{ weekday: 5, hour: 18, level: 'some' }, { weekday: 5, hour: 19, level: 'some' }]);
  expect((await put(leader, `/api/places/${placeId}/youth-hours`, { hours })).statusCode).toBe(200);
  return { tenant, fritid, police, social, club, leader, officer, coordinator, keyPerson, administrator, analyst, areaId, placeId };
}

const fridayEvening = (placeId: string, overrides: Record<string, unknown> = {}) => ({
  staffRole: 'fritidsledare',
  staffNames: ['Alex Fritid'],
  placeId,
  date: '2026-01-02',
  startTime: '20:00',
  endTime: '00:00',
  recurrence: 'FREQ=WEEKLY;BYDAY=FR',
  plannedStaff: 2,
  visibility: 'all',
  ...overrides,
});

describe('presence entries', () => {
  it('lets a youth leader plan, read, change and cancel recurring presence, audited', async () => {
    const { tenant, leader, placeId, fritid } = await setUp();
    const created = await post(leader, '/api/presence', fridayEvening(placeId, { notes: 'Vi går runt torget.' }));
    expect(created.statusCode).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({
      organisationId: fritid.id,
      organisationName: 'Fritidsgårdarna',
      placeName: 'Stortorget',
      date: '2026-01-02',
      startTime: '20:00',
      endTime: '00:00',
      durationMinutes: 240,
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      visibility: 'all',
      cancelled: false,
      abilities: { read: true, update: true, cancel: true },
    });
    expect((await get(leader, `/api/presence/${entry.id}`)).json().id).toBe(entry.id);
    const changed = await put(leader, `/api/presence/${entry.id}`, fridayEvening(placeId, { endTime: '23:00', exceptions: ['2026-03-27'] }));
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ endTime: '23:00', durationMinutes: 180, exceptions: ['2026-03-27'] });
    expect((await t.auditEvents(tenant, 'presence.update')).map((e) => e.details)).toEqual([{ changed: ['durationMinutes', 'exceptions', 'notes'] }]);
    const cancelled = await post(leader, `/api/presence/${entry.id}/cancel`, {});
    expect(cancelled.json().cancelled).toBe(true);
    expect((await get(leader, '/api/presence')).json().entries).toEqual([]);
    expect(await t.auditEvents(tenant, 'presence.create')).toHaveLength(1);
    expect(await t.auditEvents(tenant, 'presence.cancel')).toHaveLength(1);
    expect(JSON.stringify(await t.auditEvents(tenant))).not.toContain('Alex Fritid');
  });

  it('refuses bad input with field messages', async () => {
    const { leader, placeId, areaId } = await setUp();
    const both = await post(leader, '/api/presence', fridayEvening(placeId, { areaId }));
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields).toHaveProperty('placeId');
    const badRule = await post(leader, '/api/presence', fridayEvening(placeId, { recurrence: 'FREQ=SECONDLY' }));
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().error.fields).toHaveProperty('recurrence');
    const badTime = await post(leader, '/api/presence', fridayEvening(placeId, { startTime: '25:00', date: '2026-02-30' }));
    expect(Object.keys(badTime.json().error.fields).sort()).toEqual(['date', 'startTime']);
    const otherPlace = await post(leader, '/api/presence', fridayEvening('00000000-0000-4000-8000-000000000000'));
    expect(otherPlace.statusCode).toBe(400);
    expect(otherPlace.json().error.fields).toHaveProperty('placeId');
    const unknownField = await post(leader, '/api/presence', { ...fridayEvening(placeId), organisationId: placeId });
    expect(unknownField.statusCode).toBe(400);
    expect((await get(leader, '/api/presence/week?week=2026-W60')).statusCode).toBe(400);
  });

  it('lets only planners create, and only for their own organisation; the coordinator edits what they see', async () => {
    const { tenant, leader, officer, coordinator, administrator, analyst, keyPerson, placeId } = await setUp();
    expect((await post(administrator, '/api/presence', fridayEvening(placeId))).statusCode).toBe(403);
    expect((await post(analyst, '/api/presence', fridayEvening(placeId))).statusCode).toBe(403);
    expect((await t.auditEvents(tenant, 'presence.create')).map((e) => e.outcome)).toEqual(['denied', 'denied']);
    expect((await get(administrator, '/api/presence')).json().abilities).toMatchObject({ create: false });

    const nightWalk = await post(keyPerson, '/api/presence', fridayEvening(placeId, { staffRole: 'nattvandrare', plannedStaff: 4 }));
    expect(nightWalk.statusCode).toBe(201);
    const id = nightWalk.json().id as string;
    // Another organisation's planner may read it but not change or cancel it: a 404, like a missing entry.
    expect((await get(leader, `/api/presence/${id}`)).json().abilities).toMatchObject({ read: true, update: false, cancel: false });
    expect((await put(leader, `/api/presence/${id}`, fridayEvening(placeId))).statusCode).toBe(404);
    expect((await post(officer, `/api/presence/${id}/cancel`, {})).statusCode).toBe(404);
    // The coordinator may.
    const edited = await put(coordinator, `/api/presence/${id}`, fridayEvening(placeId, { staffRole: 'nattvandrare', plannedStaff: 3 }));
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ plannedStaff: 3, organisationName: 'Nattvandrarna' });
  });
});

type Reader = 'same' | 'authority' | 'association';
const MATRIX: { visibility: string; sees: Record<Reader, boolean> }[] = [
  { visibility: 'all', sees: { same: true, authority: true, association: true } },
  { visibility: 'authorities', sees: { same: true, authority: true, association: false } },
  { visibility: 'organisation', sees: { same: true, authority: false, association: false } },
];

describe('the visibility matrix', () => {
  for (const row of MATRIX) {
    it(`a police entry visible to "${row.visibility}" reaches exactly the readers it should, in every endpoint`, async () => {
      const setup = await setUp();
      const { officer, leader, keyPerson, placeId, areaId } = setup;
      const created = await post(officer, '/api/presence', fridayEvening(placeId, { staffRole: 'omradespolis', staffNames: ['Kim Polis'], visibility: row.visibility, plannedStaff: 2 }));
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      // A second police officer (same organisation), a youth leader (another authority), an association key person.
      const colleague = await t.member(setup.tenant, setup.police, 'polis');
      const readers: Record<Reader, TestMember> = { same: colleague, authority: leader, association: keyPerson };
      for (const [reader, member] of Object.entries(readers) as [Reader, TestMember][]) {
        const sees = row.sees[reader];
        const label = `${row.visibility} × ${reader}`;
        const detail = await get(member, `/api/presence/${id}`);
        expect(detail.statusCode, label).toBe(sees ? 200 : 404);
        const list = (await get(member, '/api/presence')).json();
        expect(list.entries.map((e: { id: string }) => e.id), label).toEqual(sees ? [id] : []);
        const byPlace = (await get(member, `/api/presence?placeId=${placeId}`)).json();
        expect(byPlace.entries.length, label).toBe(sees ? 1 : 0);
        const week = (await get(member, `/api/presence/week?week=${WEEK}`)).json();
        const friday = week.rows.flatMap((r: { days: { entryId: string }[][] }) => r.days[4]!.map((o) => o.entryId));
        expect(friday, label).toEqual(sees ? [id] : []);
        const byArea = (await get(member, `/api/presence/week?week=${WEEK}&areaId=${areaId}`)).json();
        expect(byArea.rows[0].days[4].length, label).toBe(sees ? 1 : 0);
        const coverage = (await get(member, `/api/presence/coverage?week=${WEEK}`)).json();
        const cell = coverage.places[0].grid[4][21];
        expect(cell, label).toMatchObject(sees ? { level: 'many', staff: 2, status: 'covered' } : { level: 'many', staff: 0, status: 'gap' });
        expect(coverage.areas[0].grid[4][21].staff, label).toBe(sees ? 2 : 0);
        // Nothing of the entry shows anywhere in what the reader gets.
        const everything = JSON.stringify([list, byPlace, week, byArea, coverage]);
        expect(everything.includes('Kim Polis'), label).toBe(sees);
        // Cancelling a hidden entry is the same 404 as a missing one.
        if (!sees) expect((await post(member, `/api/presence/${id}/cancel`, {})).statusCode, label).toBe(404);
      }
    });
  }

  it('holds in the database too: row-level security hides what the policy layer would', async () => {
    const { tenant, officer, police, fritid, club, placeId } = await setUp();
    const created = await post(officer, '/api/presence', fridayEvening(placeId, { staffRole: 'omradespolis', visibility: 'authorities' }));
    const own = await post(officer, '/api/presence', fridayEvening(placeId, { staffRole: 'omradespolis', visibility: 'organisation' }));
    const ids = [created.json().id as string, own.json().id as string];
    // Queries that forget the visibility filter, in the database context each reader's session sets.
    const asOrganisation = <T>(organisationId: string, isAuthority: boolean, work: (tx: Tx) => Promise<T>) =>
      inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
        await tx.execute(sql`select set_config('app.organisation_id', ${organisationId}, true), set_config('app.organisation_is_authority', ${String(isAuthority)}, true)`);
        return work(tx);
      });
    const visible = (organisationId: string, isAuthority: boolean) =>
      asOrganisation(organisationId, isAuthority, async (tx) => (await tx.execute<{ id: string }>(sql`select id from presence_entry`)).rows.map((row) => row.id).sort());
    expect(await visible(police.id, true)).toEqual([...ids].sort());
    expect(await visible(fritid.id, true)).toEqual([ids[0]]);
    expect(await visible(club.id, false)).toEqual([]);
    // Nor can the association change a row it cannot see, or write one that hides from itself under another's name.
    const updated = await asOrganisation(club.id, false, (tx) => tx.execute(sql`update presence_entry set notes = 'x' where id = ${ids[0]} returning id`));
    expect(updated.rows).toHaveLength(0);
    await expect(
      asOrganisation(club.id, false, (tx) =>
        tx.execute(sql`insert into presence_entry (tenant_id, organisation_id, staff_role, place_id, starts_at, duration_minutes, visibility) values (${tenant.id}, ${police.id}, 'annan', ${placeId}, now(), 60, 'authorities')`),
      ),
    ).rejects.toThrow();
  });
});

describe('coverage', () => {
  it('finds the Friday-evening gap in words, and the gap closes when presence is planned', async () => {
    const { leader, coordinator, placeId, areaId } = await setUp();
    const before = (await t.app.inject({ method: 'GET', url: `/api/presence/coverage?week=${WEEK}`, headers: coordinator.headers })).json();
    expect(before.basis).toBe('visible');
    expect(before.dates[4]).toBe(FRIDAY);
    const place = before.places.find((p: { id: string }) => p.id === placeId);
    expect(place.gaps.map((g: { text: string }) => g.text)).toEqual([
      'Fredag 18–20, Stortorget: ingen planerad närvaro, en del unga',
      'Fredag 20–24, Stortorget: ingen planerad närvaro, många unga',
    ]);
    expect(place.grid[4][20]).toEqual({ level: 'many', staff: 0, status: 'gap' });
    const area = before.areas.find((a: { id: string }) => a.id === areaId);
    expect(area.gaps.map((g: { text: string }) => g.text)).toContain('Fredag 20–24, område Centrum: ingen planerad närvaro (1 plats), många unga');
    const english = (await t.app.inject({ method: 'GET', url: `/api/presence/coverage?week=${WEEK}`, headers: { ...coordinator.headers, 'accept-language': 'en' } })).json();
    expect(english.places[0].gaps[1].text).toBe('Friday 20–24, Stortorget: no presence planned, many young people');

    expect((await post(leader, '/api/presence', fridayEvening(placeId, { date: FRIDAY, startTime: '18:00' }))).statusCode).toBe(201);
    const after = (await get(coordinator, `/api/presence/coverage?week=${WEEK}`)).json();
    expect(after.places[0].gaps).toEqual([]);
    expect(after.places[0].grid[4][20]).toEqual({ level: 'many', staff: 2, status: 'covered' });
    expect(after.areas[0].gaps).toEqual([]);
  });

  it('counts area presence for every place in the area, skips holidays the entry skips, and filters by area and type', async () => {
    const { leader, coordinator, placeId, areaId } = await setUp();
    await post(leader, '/api/presence', {
      staffRole: 'faltassistent',
      areaId,
      date: '2026-01-02',
      startTime: '20:00',
      endTime: '22:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      skipSchoolHolidays: true,
      visibility: 'all',
    });
    const covered = (await get(coordinator, `/api/presence/coverage?week=${WEEK}&areaId=${areaId}`)).json();
    expect(covered.places[0].gaps.map((g: { fromHour: number; toHour: number }) => [g.fromHour, g.toHour])).toEqual([[18, 20], [22, 24]]);
    expect((await get(coordinator, `/api/presence/coverage?week=${WEEK}&placeType=skola`)).json().places).toEqual([]);
    // A school holiday that week: the entry skips it, and the gap is back.
    const holiday = await post(coordinator, '/api/school-holidays', { name: 'Sportlov (test)', startsOn: '2026-03-16', endsOn: '2026-03-20' });
    expect(holiday.statusCode).toBe(201);
    const skipped = (await get(coordinator, `/api/presence/coverage?week=${WEEK}`)).json();
    expect(skipped.places[0].gaps.map((g: { fromHour: number; toHour: number }) => [g.fromHour, g.toHour])).toEqual([[18, 20], [20, 24]]);
    const week = (await get(coordinator, `/api/presence/week?week=${WEEK}`)).json();
    expect(week.rows).toEqual([]);
    const nextWeek = (await get(coordinator, `/api/presence/week?week=2026-W13`)).json();
    expect(nextWeek.rows[0]).toMatchObject({ kind: 'area', name: 'Centrum' });
    expect(nextWeek.rows[0].days[4][0]).toMatchObject({ startTime: '20:00', endTime: '22:00', staffRole: 'faltassistent' });
  });

  it('keeps Friday 20:00 local in the week the clocks change, and marks public holidays', async () => {
    const { leader, coordinator, placeId } = await setUp();
    await post(leader, '/api/presence', fridayEvening(placeId, { skipPublicHolidays: true }));
    const dst = (await get(coordinator, '/api/presence/week?week=2026-W13')).json(); // 29 March: summer time begins
    expect(dst.rows[0].days[4][0]).toMatchObject({ startTime: '20:00', endTime: '00:00' });
    const easter = (await get(coordinator, '/api/presence/week?week=2026-W14')).json(); // Långfredagen 3 April
    expect(easter.publicHolidays.map((h: { sv: string }) => h.sv)).toEqual(['Långfredagen', 'Påskdagen']);
    expect(easter.rows).toEqual([]);
    expect(easter.previousWeek).toBe('2026-W13');
    expect(easter.nextWeek).toBe('2026-W15');
  });
});

describe('school holidays', () => {
  it('are kept by coordinators and administrators, read by everyone', async () => {
    const { tenant, coordinator, administrator, leader } = await setUp();
    const created = await post(administrator, '/api/school-holidays', { name: 'Höstlov', startsOn: '2026-10-26', endsOn: '2026-10-30' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await post(leader, '/api/school-holidays', { name: 'Jullov', startsOn: '2026-12-21', endsOn: '2027-01-08' })).statusCode).toBe(403);
    expect((await put(leader, `/api/school-holidays/${id}`, { name: 'Höstlov', startsOn: '2026-10-26', endsOn: '2026-10-31' })).statusCode).toBe(404);
    const list = (await get(leader, '/api/school-holidays')).json();
    expect(list).toMatchObject({ holidays: [{ name: 'Höstlov', startsOn: '2026-10-26', endsOn: '2026-10-30' }], abilities: { create: false } });
    const backwards = await put(coordinator, `/api/school-holidays/${id}`, { name: 'Höstlov', startsOn: '2026-10-30', endsOn: '2026-10-26' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toHaveProperty('endsOn');
    expect((await put(coordinator, `/api/school-holidays/${id}`, { name: 'Höstlov v. 44', startsOn: '2026-10-26', endsOn: '2026-10-30' })).json().name).toBe('Höstlov v. 44');
    expect((await del(coordinator, `/api/school-holidays/${id}`)).json().holidays).toEqual([]);
    expect((await t.auditEvents(tenant)).map((e) => e.action).filter((a) => a.startsWith('school_holiday'))).toEqual(
      expect.arrayContaining(['school_holiday.create', 'school_holiday.update', 'school_holiday.delete']),
    );
  });

  it('keeps tenants apart', async () => {
    const { coordinator } = await setUp();
    const other = await setUp();
    const theirs = await post(other.coordinator, '/api/school-holidays', { name: 'Sportlov', startsOn: '2026-02-23', endsOn: '2026-02-27' });
    expect((await del(coordinator, `/api/school-holidays/${theirs.json().id}`)).statusCode).toBe(404);
    const entry = await post(other.leader, '/api/presence', fridayEvening(other.placeId));
    expect((await get(coordinator, `/api/presence/${entry.json().id}`)).statusCode).toBe(404);
    expect((await post(coordinator, '/api/presence', fridayEvening(other.placeId))).statusCode).toBe(400);
  });
});
