import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestOrganisation, type TestTenant } from '../factories';
import { caseMeeting, caseMember, fieldReport, presenceEntry, sspfCase } from '../../src/server/db/schema';
import { instantOfWallTime } from '../../src/shared/stockholm-time';
import type { CollaborationReport } from '../../src/shared/collaboration';

/**
 * Time for collaboration (issue 13 §7): planned hours from the presence plan's occurrences, reported
 * hours from field reports, SSPF meetings per organisation on the case; who sees which rows; meeting
 * counts suppressed below 5 outside the coordinator's screen; the Swedish CSV.
 */

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const at = (year: number, month: number, day: number, hour: number, minute = 0) => instantOfWallTime({ year, month, day, hour, minute });

type Tx = Parameters<Parameters<typeof t.database.db.transaction>[0]>[0];
async function asOrganisation<T>(tenant: TestTenant, organisation: TestOrganisation, work: (tx: Tx) => Promise<T>) {
  return t.database.db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.tenant_id', ${tenant.id}, true), set_config('app.user_id', '', true), set_config('app.organisation_id', ${organisation.id}, true), set_config('app.organisation_is_authority', 'true', true)`,
    );
    return work(tx);
  });
}

interface Fixture {
  tenant: TestTenant;
  social: TestOrganisation;
  leisure: TestOrganisation;
  police: TestOrganisation;
  club: TestOrganisation;
  coordinator: TestMember;
  analyst: TestMember;
  leader: TestMember;
  walker: TestMember;
}

async function setUp(): Promise<Fixture> {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'A Socialtjänsten' });
  const leisure = await t.organisation(tenant, 'fritid', { name: 'B Fritid' });
  const police = await t.organisation(tenant, 'polis', { name: 'C Polisen' });
  const club = await t.organisation(tenant, 'forening', { name: 'D Nattvandrarna' });
  const coordinator = await t.member(tenant, social, 'koordinator');
  const analyst = await t.member(tenant, social, 'analytiker');
  const leader = await t.member(tenant, leisure, 'fritidsledare');
  const walker = await t.member(tenant, club, 'foreningsnyckelperson');

  return { tenant, social, leisure, police, club, coordinator, analyst, leader, walker };
}

/** The presence entry needs a place or an area; a plain area is enough here. */
async function withPlan(f: Fixture) {
  const areaId = randomUUID();
  await asOrganisation(f.tenant, f.leisure, async (tx) => {
    await tx.execute(
      sql`insert into area (tenant_id, id, name, kind, geometry, min_latitude, min_longitude, max_latitude, max_longitude) values (${f.tenant.id}, ${areaId}, 'Centrum', 'stadsdel', '{"type":"Polygon","coordinates":[]}'::jsonb, 60, 17, 61, 18)`,
    );
    // Every Friday in March 2027, 20:00–23:00 with two staff: 4 × 3 h × 2 = 24 h. The series starts in
    // February (not counted in March) and crosses the DST change on 28 March.
    await tx.insert(presenceEntry).values({
      tenantId: f.tenant.id,
      organisationId: f.leisure.id,
      staffRole: 'fritidsledare',
      areaId,
      startsAt: at(2027, 2, 5, 20),
      durationMinutes: 180,
      recurrence: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20270402T000000',
      plannedStaff: 2,
      visibility: 'all',
    });
    // A cancelled entry adds nothing.
    await tx.insert(presenceEntry).values({ tenantId: f.tenant.id, organisationId: f.leisure.id, staffRole: 'fritidsledare', areaId, startsAt: at(2027, 3, 10, 18), durationMinutes: 600, visibility: 'all', cancelledAt: new Date() });
    // A field report: 20:00–22:30 with three staff = 7.5 h.
    await tx.insert(fieldReport).values({ tenantId: f.tenant.id, id: randomUUID(), organisationId: f.leisure.id, areaId, startedAt: at(2027, 3, 12, 20), endedAt: at(2027, 3, 12, 22, 30), staffCount: 3, mood: 'lugnt', visibility: 'all' });
  });
  // The police plan an authorities-only patrol (2 h, one officer): the association never counts it.
  await asOrganisation(f.tenant, f.police, (tx) =>
    tx.insert(presenceEntry).values({ tenantId: f.tenant.id, organisationId: f.police.id, staffRole: 'omradespolis', areaId, startsAt: at(2027, 3, 6, 22), durationMinutes: 120, visibility: 'authorities' }),
  );
  // An SSPF case run by social services with leisure on its team: six meetings in March, two in April,
  // and one planned (not held) that does not count.
  const person = await t.person(f.tenant);
  await asOrganisation(f.tenant, f.social, async (tx) => {
    const caseId = randomUUID();
    await tx.insert(sspfCase).values({ tenantId: f.tenant.id, id: caseId, personId: person.id, directorUserId: f.coordinator.userId, ownerOrganisationId: f.social.id });
    await tx.insert(caseMember).values({ tenantId: f.tenant.id, caseId, userId: f.leader.userId, organisationId: f.leisure.id, caseRole: 'fritid', addedBy: f.coordinator.userId, addedAt: new Date('2027-01-01T00:00:00Z') });
    const meeting = (heldOn: string, held = true) => ({ tenantId: f.tenant.id, caseId, kind: 'uppfoljning', heldOn, held, participantsEncrypted: 'x', decisionsEncrypted: 'x', createdBy: f.coordinator.userId });
    await tx.insert(caseMeeting).values([...[2, 5, 9, 16, 23, 30].map((day) => meeting(`2027-03-${String(day).padStart(2, '0')}`)), meeting('2027-04-06'), meeting('2027-04-20'), meeting('2027-04-27', false)]);
  });
}

const query = '?from=2027-03&to=2027-04';
async function read(member: TestMember, search = query) {
  const response = await t.app.inject({ method: 'GET', url: `/api/collaboration-time${search}`, headers: member.headers });
  return response;
}
const row = (report: CollaborationReport, organisationId: string) => report.rows.find((candidate) => candidate.organisationId === organisationId);

describe('time for collaboration', () => {
  it('gives the coordinator every organisation: planned and reported hours and meetings per month', async () => {
    const f = await setUp();
    await withPlan(f);
    const response = await read(f.coordinator);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as CollaborationReport;
    expect(report.coverage).toBe('all');
    expect(report.months).toEqual(['2027-03', '2027-04']);
    expect(report.meetingsSuppressedBelow).toBeNull();
    const leisure = row(report, f.leisure.id)!;
    expect(leisure.months).toEqual([
      { month: '2027-03', plannedHours: 24, reportedHours: 7.5, meetings: 6, forumHours: 0 },
      { month: '2027-04', plannedHours: 0, reportedHours: 0, meetings: 2, forumHours: 0 },
    ]);
    expect(leisure.meetings).toBe(8);
    expect(row(report, f.social.id)!.months.map((month) => month.meetings)).toEqual([6, 2]);
    expect(row(report, f.police.id)!.months[0]).toMatchObject({ plannedHours: 2, meetings: 0 });
    expect(report.rows.map((candidate) => candidate.organisationName)).toEqual(['A Socialtjänsten', 'B Fritid', 'C Polisen']);
    expect(await t.auditEvents(f.tenant, 'collaboration_time.read')).toHaveLength(1);
  });

  it('suppresses meeting counts below 5 for the analyst, and hides a row total that would give one away', async () => {
    const f = await setUp();
    await withPlan(f);
    const report = (await read(f.analyst)).json() as CollaborationReport;
    expect(report.coverage).toBe('all');
    expect(report.meetingsSuppressedBelow).toBe(5);
    const leisure = row(report, f.leisure.id)!;
    expect(leisure.months.map((month) => month.meetings)).toEqual([6, null]);
    expect(leisure.meetings).toBeNull();
    expect(leisure.plannedHours).toBe(24);
    // Zero is shown: it reveals no case.
    expect(row(report, f.police.id)!.months.map((month) => month.meetings)).toEqual([0, 0]);
  });

  it('gives other staff their own organisation’s row only, counted as they may see', async () => {
    const f = await setUp();
    await withPlan(f);
    const leader = (await read(f.leader)).json() as CollaborationReport;
    expect(leader.coverage).toBe('own');
    expect(leader.rows.map((candidate) => candidate.organisationId)).toEqual([f.leisure.id]);
    const walker = (await read(f.walker)).json() as CollaborationReport;
    expect(walker.rows).toHaveLength(1);
    expect(walker.rows[0]).toMatchObject({ organisationId: f.club.id, plannedHours: 0, reportedHours: 0, meetings: 0 });
    expect(JSON.stringify(walker)).not.toContain('Polisen');
  });

  it('exports Swedish CSV: BOM, semicolons, decimal comma, suppressed meetings even for the coordinator', async () => {
    const f = await setUp();
    await withPlan(f);
    const response = await t.app.inject({ method: 'GET', url: `/api/collaboration-time/export.csv${query}`, headers: f.coordinator.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('tid-for-samverkan-2027-03-2027-04.csv');
    const body = response.rawPayload.toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).split('\r\n');
    expect(lines[0]).toBe('Organisation;Månad;Planerade timmar;Rapporterade timmar;SSPF-möten;Timmar i samverkansforum');
    expect(lines).toContain('B Fritid;2027-03;24,0;7,5;6;0,0');
    expect(lines).toContain('B Fritid;2027-04;0,0;0,0;<5;0,0');
    expect(await t.auditEvents(f.tenant, 'collaboration_time.export')).toHaveLength(1);
  });

  it('refuses bad periods with field messages, and a request without a session', async () => {
    const f = await setUp();
    for (const search of ['?from=2027-13&to=2027-14', '?from=2027-05&to=2027-03', '?from=2025-01&to=2027-03', '?from=2027-01', '?from=2027-01&to=2027-02&organisationId=x']) {
      const response = await read(f.coordinator, search);
      expect(response.statusCode, search).toBe(400);
    }
    expect((await read(f.coordinator, '?from=2027-05&to=2027-03')).json().error.fields).toHaveProperty('to');
    expect((await t.app.inject({ method: 'GET', url: `/api/collaboration-time${query}` })).statusCode).toBe(401);
  });
});
