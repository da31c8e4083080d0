import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseMember, forumAgendaItem } from '../../src/server/db/schema';
import { sendDueReminders } from '../../src/server/modules/reminders/send-reminders';
import { addDays, stockholmToday } from '../../src/server/modules/reminders/reminder-rules';
import { caseReference } from '../../src/shared/forums';
import { insertCase } from './retention-support';
import { allNotifications } from './notifications-support';

vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const send = (member: TestMember, method: 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: member.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function setUp() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const police = await t.organisation(tenant, 'polis', { name: 'Polisen' });
  const school = await t.organisation(tenant, 'skola', { name: 'Skolan' });
  const business = await t.organisation(tenant, 'naringsliv', { name: 'Bageriet AB', isAuthority: false });
  const coordinator = await t.member(tenant, social, 'koordinator');
  const officer = await t.member(tenant, police, 'polis');
  const teacher = await t.member(tenant, school, 'skolpersonal');
  const caseworker = await t.member(tenant, social, 'handlaggare');
  const keyPersonId = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const rows = await tx.execute<{ id: string }>(
      sql`insert into key_person (tenant_id, organisation_id, name, role, phone, legal_basis) values (${tenant.id}, ${business.id}, 'Berit Bagare', 'foretagare', '070-1234567', 'Berättigat intresse') returning id`,
    );
    return rows.rows[0]!.id;
  });
  return { tenant, social, police, school, business, coordinator, officer, teacher, caseworker, keyPersonId };
}
type World = Awaited<ReturnType<typeof setUp>>;

/** An operativ grupp chaired by the coordinator: the police organisation and the teacher by name, and a key person. */
async function createForum(w: World) {
  const response = await send(w.coordinator, 'POST', '/api/forums', {
    name: 'Operativ grupp Norr',
    type: 'operativ_grupp',
    chairUserId: w.coordinator.userId,
    members: [
      { kind: 'organisation', organisationId: w.police.id },
      { kind: 'user', userId: w.teacher.userId },
      { kind: 'key_person', keyPersonId: w.keyPersonId },
    ],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; members: { id: string; kind: string; userId: string | null }[] };
}

async function createMeeting(w: World, forumId: string, startsAt: string, agenda: unknown[] = [{ title: 'Lägesbild', link: { kind: 'lagesbild_week', week: '2026-W49' } }]) {
  const response = await send(w.coordinator, 'POST', `/api/forums/${forumId}/meetings`, { startsAt, durationMinutes: 90, place: 'Stadshuset, rum 3', agenda });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; agenda: { id: string; link: { visible: boolean; label: string; ref: string; href: string | null } | null }[] };
}

describe('forums (samverkansforum)', () => {
  it('a coordinator creates a forum; members read it, others see only the list, another tenant nothing; every read and write is audited', async () => {
    const w = await setUp();
    const forum = await createForum(w);
    expect(forum.members.map((m) => m.kind)).toEqual(['organisation', 'user', 'key_person']);

    // The police officer reads through the member organisation, the teacher as a named member.
    for (const member of [w.officer, w.teacher]) expect((await get(member, `/api/forums/${forum.id}`)).statusCode).toBe(200);
    // The caseworker (not a member) sees the list entry, not the forum.
    const list = (await get(w.caseworker, '/api/forums')).json();
    expect(list.forums).toEqual([expect.objectContaining({ id: forum.id, name: 'Operativ grupp Norr', type: 'operativ_grupp', member: false, memberOrganisations: [{ id: w.police.id, name: 'Polisen' }] })]);
    expect(list.candidates.users).toEqual([]);
    expect(list.abilities.create).toBe(false);
    expect((await get(w.caseworker, `/api/forums/${forum.id}`)).statusCode).toBe(404);
    // Not a manager: may not create forums or meetings.
    expect((await send(w.teacher, 'POST', '/api/forums', { name: 'Eget forum', type: 'natverk', chairUserId: w.teacher.userId })).statusCode).toBe(403);
    // Nor the administrator, who governs memberships, not the forums' work: the list, never the minutes.
    const administrator = await t.member(w.tenant, w.social, 'administrator');
    expect((await get(administrator, '/api/forums')).json().forums.map((f: { id: string }) => f.id)).toEqual([forum.id]);
    expect((await get(administrator, `/api/forums/${forum.id}`)).statusCode).toBe(404);
    expect((await send(administrator, 'POST', '/api/forums', { name: 'Eget forum', type: 'natverk', chairUserId: administrator.userId })).statusCode).toBe(403);
    expect((await send(w.teacher, 'POST', `/api/forums/${forum.id}/meetings`, { startsAt: '2026-12-10T13:00:00+01:00', durationMinutes: 60 })).statusCode).toBe(404);

    // Another tenant: nothing, not even the list entry.
    const other = await t.tenant('Annan kommun');
    const otherOrg = await t.organisation(other, 'socialtjanst');
    const otherCoordinator = await t.member(other, otherOrg, 'koordinator');
    expect((await get(otherCoordinator, `/api/forums/${forum.id}`)).statusCode).toBe(404);
    expect((await get(otherCoordinator, '/api/forums')).json().forums).toEqual([]);
    // Naming another tenant's organisation as member is refused on its field.
    const foreign = await send(w.coordinator, 'POST', '/api/forums', { name: 'Fel', type: 'natverk', chairUserId: w.coordinator.userId, members: [{ kind: 'organisation', organisationId: otherOrg.id }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toHaveProperty(['members.0']);

    expect((await t.auditEvents(w.tenant, 'forum.create')).map((e) => e.outcome).sort()).toEqual(['allowed', 'denied', 'denied']);
    expect((await t.auditEvents(w.tenant, 'forum.read')).filter((e) => e.outcome === 'allowed')).toHaveLength(2);
    expect((await t.auditEvents(w.tenant, 'forum.read')).filter((e) => e.outcome === 'denied')).toHaveLength(2);
  });

  it('minutes are encrypted at rest, their reads audited; an SSPF case shows what is behind it to its team only', async () => {
    const w = await setUp();
    const forum = await createForum(w);
    const child = await t.person(w.tenant, { firstName: 'Alexis', lastName: 'Forumsson' });
    const caseId = await insertCase(t, w.tenant, { personId: child.id, organisationId: w.social.id, directorUserId: w.coordinator.userId });
    await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) =>
      tx.insert(caseMember).values({ tenantId: w.tenant.id, caseId, userId: w.teacher.userId, organisationId: w.school.id, caseRole: 'skolkontakt', addedBy: w.coordinator.userId }),
    );
    // Someone off the team cannot put the case on an agenda: it does not exist for them.
    const offTeam = await send(w.coordinator, 'POST', `/api/forums/${forum.id}/meetings`, {
      startsAt: '2026-12-10T13:00:00+01:00',
      durationMinutes: 60,
      agenda: [{ title: 'Ärende', link: { kind: 'sspf_case', id: '00000000-0000-4000-8000-000000000000' } }],
    });
    expect(offTeam.statusCode).toBe(400);
    expect(offTeam.json().error.fields).toHaveProperty(['agenda.0.link']);

    const meeting = await createMeeting(w, forum.id, '2026-12-10T13:00:00+01:00', [{ title: 'Ärende på gång', link: { kind: 'sspf_case', id: caseId } }]);
    const url = `/api/forums/${forum.id}/meetings/${meeting.id}`;
    const recorded = await send(w.coordinator, 'PUT', `${url}/record`, { minutes: [{ itemId: meeting.agenda[0]!.id, text: 'Alexis har börjat på fritidsgården.' }] });
    expect(recorded.statusCode, recorded.body).toBe(200);

    // The teacher is on the case team: sees the young person's name and the way to the case.
    const onTeam = (await get(w.teacher, url)).json();
    expect(onTeam.agenda[0].link).toMatchObject({ kind: 'sspf_case', visible: true, href: `/samverkan/${caseId}` });
    expect(onTeam.agenda[0].link.label).toContain('Alexis Forumsson');
    // The police officer reads the forum but is not on the team: the reference only, no person data.
    const offTeamRead = await get(w.officer, url);
    expect(offTeamRead.statusCode).toBe(200);
    const link = offTeamRead.json().agenda[0].link;
    expect(link).toEqual({ kind: 'sspf_case', ref: caseReference(caseId), label: caseReference(caseId), href: null, visible: false });
    expect(offTeamRead.body).not.toContain('Forumsson');
    expect(offTeamRead.body).not.toContain(caseId);
    // The PDF prints the same for the officer.
    const pdf = await get(w.officer, `${url}/protokoll.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // At rest the minutes are ciphertext.
    const [stored] = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) =>
      tx.select().from(forumAgendaItem).where(and(eq(forumAgendaItem.tenantId, w.tenant.id), eq(forumAgendaItem.id, meeting.agenda[0]!.id))),
    );
    expect(stored!.minutesEncrypted).toMatch(/^v1\./);
    expect(stored!.minutesEncrypted).not.toContain('fritidsgården');
    expect(stored!.linkRef).toBe(caseId);
    expect(onTeam.agenda[0].minutes).toBe('Alexis har börjat på fritidsgården.');
    expect((await t.auditEvents(w.tenant, 'forum_meeting.read')).filter((e) => e.outcome === 'allowed')).toHaveLength(2);
    expect(await t.auditEvents(w.tenant, 'forum_meeting.print')).toHaveLength(1);
    expect(await t.auditEvents(w.tenant, 'forum_meeting.record')).toHaveLength(1);
    // The caseworker, outside the forum, reads no minutes.
    expect((await get(w.caseworker, url)).statusCode).toBe(404);
  });

  it('follows up earlier decisions, marks overdue ones, and locks the minutes once the designated justerare approves', async () => {
    const w = await setUp();
    const forum = await createForum(w);
    const today = stockholmToday(new Date());
    const first = await createMeeting(w, forum.id, '2026-10-01T13:00:00+02:00');
    const d1 = await send(w.coordinator, 'POST', `/api/forums/${forum.id}/meetings/${first.id}/decisions`, { text: 'Polisen ökar närvaron vid torget', ownerOrganisationId: w.police.id, ownerUserId: w.officer.userId, dueOn: addDays(today, -3) });
    expect(d1.statusCode, d1.body).toBe(201);
    expect(d1.json()).toMatchObject({ overdue: true, status: 'open', ownerName: 'Test polis' });
    const d2 = await send(w.coordinator, 'POST', `/api/forums/${forum.id}/meetings/${first.id}/decisions`, { text: 'Skolan bjuder in till föräldramöte', ownerOrganisationId: w.school.id, ownerName: 'Rektor Rut', dueOn: addDays(today, 20) });
    expect(d2.statusCode, d2.body).toBe(201);
    for (const dueOn of ['igår', '2026-02-31']) {
      const refused = await send(w.coordinator, 'POST', `/api/forums/${forum.id}/meetings/${first.id}/decisions`, { text: 'Ett beslut', ownerOrganisationId: w.police.id, dueOn });
      expect(refused.statusCode, dueOn).toBe(400);
      expect(refused.json().error.fields).toHaveProperty('dueOn');
    }

    const second = await createMeeting(w, forum.id, new Date().toISOString());
    const url = `/api/forums/${forum.id}/meetings/${second.id}`;
    const opened = (await get(w.coordinator, url)).json();
    expect(opened.followUp.map((d: { text: string; overdue: boolean }) => [d.text, d.overdue])).toEqual([
      ['Polisen ökar närvaron vid torget', true],
      ['Skolan bjuder in till föräldramöte', false],
    ]);
    // Follow up: the first is done.
    const done = await send(w.coordinator, 'PUT', `/api/forums/${forum.id}/decisions/${d1.json().id}/status`, { status: 'done', meetingId: second.id });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    // A member who does not run the forum may not change it.
    expect((await send(w.teacher, 'PUT', `/api/forums/${forum.id}/decisions/${d2.json().id}/status`, { status: 'done' })).statusCode).toBe(404);
    // This meeting goes on listing what its follow-up closed; the next meeting will not.
    expect((await get(w.coordinator, url)).json().followUp.map((d: { status: string }) => d.status)).toEqual(['done', 'open']);

    // Designate the teacher as justerare; only they approve; the officer (a member too) cannot.
    const teacherMember = forum.members.find((m) => m.userId === w.teacher.userId)!;
    const policeMember = forum.members.find((m) => m.kind === 'organisation')!;
    const set = await send(w.coordinator, 'PUT', `${url}/record`, { justerareUserId: w.teacher.userId, attendance: [{ memberId: teacherMember.id, present: true }, { memberId: policeMember.id, present: false }] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ justerareUserId: w.teacher.userId, abilities: { approve: false } });
    expect((await send(w.coordinator, 'PUT', `${url}/record`, { justerareUserId: w.caseworker.userId })).statusCode).toBe(400);
    expect((await send(w.coordinator, 'POST', `${url}/approve`)).statusCode).toBe(404);
    expect((await send(w.officer, 'POST', `${url}/approve`)).statusCode).toBe(404);
    expect((await get(w.teacher, url)).json().abilities.approve).toBe(true);
    const approved = await send(w.teacher, 'POST', `${url}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ approvedByName: 'Test skolpersonal', abilities: { record: false, approve: false } });

    // Locked: every further edit of the meeting is a 409 that says why.
    const edits = [
      await send(w.coordinator, 'PUT', `${url}/record`, { minutes: [{ itemId: second.agenda[0]!.id, text: 'Ändrat i efterhand' }] }),
      await send(w.coordinator, 'POST', `${url}/decisions`, { text: 'Sent beslut', ownerOrganisationId: w.police.id, dueOn: today }),
      await send(w.coordinator, 'PUT', `/api/forums/${forum.id}/decisions/${d2.json().id}/status`, { status: 'cancelled', meetingId: second.id }),
      await send(w.teacher, 'POST', `${url}/approve`),
    ];
    for (const edit of edits) {
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.fields.meeting).toMatch(/^Protokollet är justerat/);
    }
    expect(await t.auditEvents(w.tenant, 'forum_meeting.approve')).toHaveLength(3); // two denials, one approval
  });

  it('reminds an overdue decision’s owner once (not again on the next pass), the chair when the owner has no account, nobody for a done or not yet due one', async () => {
    const w = await setUp();
    const forum = await createForum(w);
    const today = stockholmToday(new Date());
    const meeting = await createMeeting(w, forum.id, '2026-10-01T13:00:00+02:00');
    const decide = (body: Record<string, unknown>) => send(w.coordinator, 'POST', `/api/forums/${forum.id}/meetings/${meeting.id}/decisions`, { ownerOrganisationId: w.police.id, ...body });
    await decide({ text: 'Försenat med ägare', ownerUserId: w.officer.userId, dueOn: addDays(today, -2) });
    await decide({ text: 'Försenat utan konto', ownerName: 'Berit Bagare', dueOn: addDays(today, -2) });
    await decide({ text: 'Inte försenat', ownerUserId: w.officer.userId, dueOn: addDays(today, 5) });
    const doneLate = (await decide({ text: 'Klart men sent', ownerUserId: w.teacher.userId, dueOn: addDays(today, -2) })).json();
    await send(w.coordinator, 'PUT', `/api/forums/${forum.id}/decisions/${doneLate.id}/status`, { status: 'done' });

    await sendDueReminders(t.database, new Date(), [w.tenant.id]);
    await sendDueReminders(t.database, new Date(), [w.tenant.id]);
    const reminders = (await allNotifications(t, w.tenant)).filter((n) => n.kind === 'forum.decision_overdue');
    expect(reminders.map((n) => n.userId).sort()).toEqual([w.officer.userId, w.coordinator.userId].sort());
    expect(reminders.every((n) => n.link === `/forum/${forum.id}`)).toBe(true);
  });

  it('forum meeting hours per member present count for their organisations in the time-for-collaboration report', async () => {
    const w = await setUp();
    const forum = await createForum(w);
    const meeting = await createMeeting(w, forum.id, '2027-03-10T13:00:00+01:00');
    const byKind = (kind: string) => forum.members.find((m) => m.kind === kind)!.id;
    const recorded = await send(w.coordinator, 'PUT', `/api/forums/${forum.id}/meetings/${meeting.id}/record`, {
      attendance: [
        { memberId: byKind('organisation'), present: true },
        { memberId: byKind('user'), present: true },
        { memberId: byKind('key_person'), present: false },
      ],
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const report = (await get(w.coordinator, '/api/collaboration-time?from=2027-03&to=2027-03')).json();
    const hours = (organisationId: string) => report.rows.find((r: { organisationId: string }) => r.organisationId === organisationId)?.forumHours ?? 0;
    expect(hours(w.police.id)).toBe(1.5);
    expect(hours(w.school.id)).toBe(1.5); // the teacher, named, sits for the school
    expect(hours(w.business.id)).toBe(0); // the key person was absent
  });
});
