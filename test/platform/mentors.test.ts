import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestOrganisation } from '../factories';
import { addMember, caseStep, caseWorld, giveConsent, readCase, swedishToday, withdrawConsent, type CaseWorld } from './cases-support';
import { can } from '../../src/server/policy/can';
import type { Actor } from '../../src/server/policy/actor';
import { ROLE_KEYS, type Role } from '../../src/shared/roles';
import { mentorResource, type MentorLogResource } from '../../src/server/modules/mentors/policy';
import { addYears, addDaysTo, vettingStatus } from '../../src/shared/mentors';
import { sendDueReminders } from '../../src/server/modules/reminders/send-reminders';
import { allNotifications } from './notifications-support';
import type { CaseDetail } from '../../src/shared/cases';

vi.setConfig({ testTimeout: 240_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const send = (member: TestMember, method: 'POST' | 'PUT', url: string, payload: unknown) => t.app.inject({ method, url, headers: member.headers, payload: payload as object });

interface World extends CaseWorld {
  club: TestOrganisation;
  otherClub: TestOrganisation;
  school: TestOrganisation;
  keyPerson: TestMember;
  otherKeyPerson: TestMember;
  mentorUser: TestMember;
  otherMentorUser: TestMember;
  teacher: TestMember;
}

async function world(): Promise<World> {
  const base = await caseWorld(t);
  const club = await t.organisation(base.tenant, 'forening', { name: 'IK Mentor', isAuthority: false });
  const otherClub = await t.organisation(base.tenant, 'forening', { name: 'BK Annan', isAuthority: false });
  const school = await t.organisation(base.tenant, 'skola', { name: 'Skolan' });
  const keyPerson = await t.member(base.tenant, club, 'foreningsnyckelperson');
  const otherKeyPerson = await t.member(base.tenant, otherClub, 'foreningsnyckelperson');
  const mentorUser = await t.member(base.tenant, club, 'mentor');
  const otherMentorUser = await t.member(base.tenant, club, 'mentor');
  const teacher = await t.member(base.tenant, school, 'skolpersonal');
  return { ...base, club, otherClub, school, keyPerson, otherKeyPerson, mentorUser, otherMentorUser, teacher };
}

async function registerMentor(by: TestMember, organisationId: string, userId: string | null, checkedOn: string | null, name = 'Maja Mentor'): Promise<string> {
  const created = await send(by, 'POST', '/api/mentors', { organisationId, name, phone: '070-123 45 67', email: null, userId });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  if (checkedOn) {
    const checked = await send(by, 'POST', `/api/mentors/${id}/vetting-checks`, { checkedOn, extractNotKept: true });
    expect(checked.statusCode, checked.body).toBe(201);
  }
  return id;
}

async function mentorskapAction(w: CaseWorld): Promise<string> {
  const before = ((await readCase(t, w.coordinator, w.caseId)).json() as CaseDetail).actions.map((a) => a.id);
  const added = await caseStep(t, w.coordinator, w.caseId, 'POST', '/actions', {
    type: 'mentorskap',
    responsibleOrganisationId: w.coordinatorOrg.id,
    what: 'Mentorsträffar varannan vecka',
    startOn: swedishToday(),
    dueOn: swedishToday(90),
  });
  expect(added.statusCode, added.body).toBe(200);
  return (added.json() as CaseDetail).actions.find((a) => !before.includes(a.id))!.id;
}

describe('mentor vetting rule (pure)', () => {
  it('a check is valid through its first anniversary and expired the day after; the last 30 days are "går ut"', () => {
    const today = '2026-12-07';
    expect(vettingStatus(null, today)).toBe('saknas');
    expect(vettingStatus('2026-06-01', today)).toBe('giltig');
    expect(vettingStatus(addYears(today, -1), today)).toBe('gar_ut');
    expect(vettingStatus(addDaysTo(addYears(today, -1), -1), today)).toBe('utgangen');
    expect(vettingStatus(addDaysTo(addYears(today, -1), 30), today)).toBe('gar_ut');
    expect(vettingStatus(addDaysTo(addYears(today, -1), 31), today)).toBe('giltig');
  });
});

describe('the mentor matrix (policy, every role)', () => {
  const tenantId = '00000000-0000-4000-8000-000000000001';
  const club = '00000000-0000-4000-8000-0000000000c1';
  const other = '00000000-0000-4000-8000-0000000000c2';
  const actor = (role: Role, organisationId: string, userId = 'u-actor'): Actor => ({
    userId,
    sessionId: 's',
    tenantId,
    tenantName: 'T',
    membershipId: 'm',
    organisationId,
    organisationName: 'O',
    organisationType: 'forening',
    organisationIsAuthority: false,
    role,
  });
  const record = mentorResource(tenantId, { id: '00000000-0000-4000-8000-0000000000aa', organisationId: club, userId: 'u-mentor' });
  const excluded: Role[] = ['est_rapportor', 'loggranskare', 'analytiker', 'administrator', 'jurist'];

  it('the register: coordinators everywhere, the organisation’s own staff, the mentor their own record read-only; nobody else', () => {
    for (const role of ROLE_KEYS) {
      const own = actor(role, club);
      const elsewhere = actor(role, other);
      const keeps = role === 'koordinator' || (role !== 'mentor' && !excluded.includes(role));
      expect([role, can(own, 'read', record)]).toEqual([role, keeps]);
      expect([role, can(own, 'recordVetting', record)]).toEqual([role, keeps]);
      expect([role, can(elsewhere, 'read', record)]).toEqual([role, role === 'koordinator']);
      expect([role, can(elsewhere, 'update', record)]).toEqual([role, role === 'koordinator']);
    }
    expect(can(actor('mentor', club, 'u-mentor'), 'read', record)).toBe(true);
    expect(can(actor('mentor', club, 'u-mentor'), 'update', record)).toBe(false);
    expect(can(actor('mentor', club, 'u-mentor'), 'recordVetting', record)).toBe(false);
    expect(can(actor('mentor', club, 'u-other'), 'read', record)).toBe(false);
    // Another tenant never.
    expect(can({ ...actor('koordinator', club), tenantId: '00000000-0000-4000-8000-000000000002' }, 'read', record)).toBe(false);
  });

  it('the meeting log: the linked mentor reads and writes, the director reads, nobody else; nothing once the case is out of reach', () => {
    const log = (over: Partial<MentorLogResource> = {}): MentorLogResource => ({ kind: 'mentor_log', tenantId, id: 'a', mentorUserId: 'u-mentor', isDirector: false, reachesCase: true, ...over });
    for (const role of ROLE_KEYS) expect([role, can(actor(role, club, 'u-x'), 'read', log())]).toEqual([role, false]);
    expect(can(actor('mentor', club, 'u-mentor'), 'read', log())).toBe(true);
    expect(can(actor('mentor', club, 'u-mentor'), 'write', log())).toBe(true);
    expect(can(actor('koordinator', club, 'u-dir'), 'read', log({ isDirector: true }))).toBe(true);
    expect(can(actor('koordinator', club, 'u-dir'), 'write', log({ isDirector: true }))).toBe(false);
    expect(can(actor('mentor', club, 'u-mentor'), 'read', log({ reachesCase: false }))).toBe(false);
    expect(can(actor('mentor', club, 'u-other'), 'read', log({ mentorUserId: null }))).toBe(false);
  });
});

describe('the mentor register', () => {
  it('the organisation’s staff register and vet their mentors; coordinators see all; others are refused', async () => {
    const w = await world();
    const id = await registerMentor(w.keyPerson, w.club.id, w.mentorUser.userId, swedishToday(-10));
    const read = await get(w.keyPerson, `/api/mentors/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ name: 'Maja Mentor', vettingStatus: 'giltig', userId: w.mentorUser.userId, checks: [{ checkedOn: swedishToday(-10) }] });
    // The check names who saw the extract; nothing of the extract is kept (no such field).
    expect(read.json().checks[0].checkedByName).toBe('Test foreningsnyckelperson');
    expect(JSON.stringify(read.json())).not.toMatch(/extract(?!NotKept)/i);

    const trained = await send(w.keyPerson, 'POST', `/api/mentors/${id}/trainings`, { name: 'Grundutbildning för mentorer', completedOn: swedishToday(-5) });
    expect(trained.statusCode, trained.body).toBe(201);
    expect(trained.json().trainings).toEqual([expect.objectContaining({ name: 'Grundutbildning för mentorer' })]);

    // The coordinator sees the whole register, with the vetting dates.
    const list = await get(w.coordinator, '/api/mentors');
    expect(list.statusCode).toBe(200);
    expect(list.json().mentors.map((m: { id: string }) => m.id)).toContain(id);
    expect(list.json().mentors[0].lastCheckedOn).toBe(swedishToday(-10));

    // Another organisation's staff: not in their list, 404 for the record, refused to register for the club.
    expect((await get(w.otherKeyPerson, '/api/mentors')).json().mentors).toEqual([]);
    expect((await get(w.otherKeyPerson, `/api/mentors/${id}`)).statusCode).toBe(404);
    expect((await send(w.otherKeyPerson, 'POST', '/api/mentors', { organisationId: w.club.id, name: 'X Y', userId: null })).statusCode).toBe(403);
    expect((await send(w.otherKeyPerson, 'POST', `/api/mentors/${id}/vetting-checks`, { checkedOn: swedishToday(), extractNotKept: true })).statusCode).toBe(404);

    // The mentor sees their own record, read only; not another mentor's.
    const other = await registerMentor(w.keyPerson, w.club.id, w.otherMentorUser.userId, swedishToday(-3), 'Otto Mentor');
    expect((await get(w.mentorUser, `/api/mentors/${id}`)).statusCode).toBe(200);
    expect((await get(w.mentorUser, '/api/mentors')).json().mentors.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await get(w.mentorUser, `/api/mentors/${other}`)).statusCode).toBe(404);
    expect((await send(w.mentorUser, 'POST', `/api/mentors/${id}/vetting-checks`, { checkedOn: swedishToday(), extractNotKept: true })).statusCode).toBe(404);

    // A role whose work is elsewhere, and another tenant.
    const reporter = await t.member(w.tenant, w.club, 'est_rapportor');
    expect((await get(reporter, '/api/mentors')).statusCode).toBe(403);
    expect((await get(reporter, `/api/mentors/${id}`)).statusCode).toBe(404);
    const elsewhere = await caseWorld(t);
    expect((await get(elsewhere.coordinator, `/api/mentors/${id}`)).statusCode).toBe(404);
    expect((await get(elsewhere.coordinator, '/api/mentors')).json().mentors).toEqual([]);

    // Bad input is a field message: a linked account must hold the mentor role there; no future check; the extract is never kept.
    const wrongUser = await send(w.keyPerson, 'POST', '/api/mentors', { organisationId: w.club.id, name: 'Fel Konto', userId: w.keyPerson.userId });
    expect(wrongUser.statusCode).toBe(400);
    expect(wrongUser.json().error.fields.userId).toBeTruthy();
    const future = await send(w.keyPerson, 'POST', `/api/mentors/${id}/vetting-checks`, { checkedOn: swedishToday(2), extractNotKept: true });
    expect(future.statusCode).toBe(400);
    expect((await send(w.keyPerson, 'POST', `/api/mentors/${id}/vetting-checks`, { checkedOn: swedishToday(), extractNotKept: false })).statusCode).toBe(400);

    // Audited, with the vetting record.
    expect((await t.auditEvents(w.tenant, 'mentor.vetting_record')).length).toBeGreaterThanOrEqual(2);
    expect((await t.auditEvents(w.tenant, 'mentor.read')).some((e) => e.outcome === 'denied')).toBe(true);

    // Status filter.
    const expired = await registerMentor(w.keyPerson, w.club.id, null, addDaysTo(addYears(swedishToday(), -1), -1), 'Utgången Mentor');
    const filtered = await get(w.coordinator, '/api/mentors?status=utgangen');
    expect(filtered.json().mentors.map((m: { id: string }) => m.id)).toEqual([expired]);
  });
});

describe('matching and the meeting log', () => {
  it('refuses an expired mentor and a mentor outside the consent; matches a valid one, whose log only they and the director see', async () => {
    const w = await world();
    const consent = await giveConsent(t, w.coordinator, w.person, { organisationIds: [w.club.id, w.school.id], categories: ['skola'] });
    expect((await addMember(t, w, w.teacher, 'Skola')).statusCode).toBe(200);
    const actionId = await mentorskapAction(w);
    const boundary = await registerMentor(w.keyPerson, w.club.id, w.mentorUser.userId, addYears(swedishToday(), -1), 'Gränsfall Mentor');
    const expired = await registerMentor(w.keyPerson, w.club.id, null, addDaysTo(addYears(swedishToday(), -1), -1), 'Utgången Mentor');
    const unvetted = await registerMentor(w.keyPerson, w.club.id, null, null, 'Ogranskad Mentor');
    const outside = await registerMentor(w.otherKeyPerson, w.otherClub.id, null, swedishToday(-1), 'Utanför Samtycket');

    const url = `/api/cases/${w.caseId}/actions/${actionId}/mentor`;
    const options = await get(w.coordinator, url);
    expect(options.statusCode, options.body).toBe(200);
    const byId = Object.fromEntries(options.json().candidates.map((c: { id: string; blockedBy: string | null }) => [c.id, c.blockedBy]));
    expect(byId).toMatchObject({ [boundary]: null, [expired]: 'mentor_vetting_expired', [unvetted]: 'mentor_vetting_missing', [outside]: 'mentor_consent_missing' });

    const refusedExpired = await send(w.coordinator, 'POST', url, { mentorId: expired });
    expect(refusedExpired.statusCode).toBe(409);
    expect(refusedExpired.json().error.fields.mentorId).toMatch(/äldre än ett år/);
    expect((await send(w.coordinator, 'POST', url, { mentorId: unvetted })).statusCode).toBe(409);
    const refusedConsent = await send(w.coordinator, 'POST', url, { mentorId: outside });
    expect(refusedConsent.statusCode).toBe(400);
    expect(refusedConsent.json().error.fields.mentorId).toMatch(/Samtycket/);
    // Only the director matches (a denied step on a case answers 404, as the cases module does).
    expect((await send(w.teacher, 'POST', url, { mentorId: boundary })).statusCode).toBe(404);

    // Exactly one year old: still valid (the last day).
    const matched = await send(w.coordinator, 'POST', url, { mentorId: boundary });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json().match).toMatchObject({ mentorId: boundary, mentorName: 'Gränsfall Mentor' });
    const plan = (await readCase(t, w.coordinator, w.caseId)).json() as CaseDetail;
    expect(plan.actions.find((a) => a.id === actionId)).toMatchObject({ responsibleUserId: w.mentorUser.userId, responsibleOrganisationId: w.club.id });

    // The mentor sees the case with only their own action (as the matrix says), and logs a meeting.
    const mentorView = (await readCase(t, w.mentorUser, w.caseId)).json() as CaseDetail;
    expect(mentorView.actions.map((a) => a.id)).toEqual([actionId]);
    expect(mentorView.access.find((a) => a.section === 'plan')!.visible).toBe(false);
    const logged = await send(w.mentorUser, 'POST', `${url}/meetings`, { metOn: swedishToday(), minutes: 60, note: 'Fotboll och läxor, bra stämning' });
    expect(logged.statusCode, logged.body).toBe(201);
    expect((await send(w.mentorUser, 'POST', `${url}/meetings`, { metOn: swedishToday(3), minutes: 60, note: '' })).statusCode).toBe(400);
    // The director may read the log but not write it.
    expect((await send(w.coordinator, 'POST', `${url}/meetings`, { metOn: swedishToday(), minutes: 30, note: 'x' })).statusCode).toBe(404);

    const meetingsBy = async (member: TestMember) => get(member, `${url}/meetings`);
    const mine = await meetingsBy(w.mentorUser);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().meetings).toEqual([expect.objectContaining({ minutes: 60, note: 'Fotboll och läxor, bra stämning' })]);
    expect((await meetingsBy(w.coordinator)).json().meetings).toHaveLength(1);
    // Another member of the case team: no.
    expect((await meetingsBy(w.teacher)).statusCode).toBe(404);
    expect((await get(w.teacher, url)).json().abilities).toEqual({ match: false, readLog: false, writeLog: false });
    // Another mentor, on the same case for another action: no.
    const second = await mentorskapAction(w);
    const otherMentor = await registerMentor(w.keyPerson, w.club.id, w.otherMentorUser.userId, swedishToday(-2), 'Otto Mentor');
    expect((await send(w.coordinator, 'POST', `/api/cases/${w.caseId}/actions/${second}/mentor`, { mentorId: otherMentor })).statusCode).toBe(200);
    expect((await meetingsBy(w.otherMentorUser)).statusCode).toBe(404);
    expect((await send(w.otherMentorUser, 'POST', `${url}/meetings`, { metOn: swedishToday(), minutes: 30, note: 'x' })).statusCode).toBe(404);

    // The mentor's own page lists their match and its log.
    const own = await get(w.mentorUser, '/api/mentors/mine');
    expect(own.json().matches).toEqual([expect.objectContaining({ actionId, meetings: [expect.objectContaining({ minutes: 60 })] })]);
    // The note is stored encrypted.
    const stored = await t.database.asOwner((db) => db.execute<{ note_encrypted: string }>(sql`select note_encrypted from mentor_meeting where action_id = ${actionId}`));
    expect(stored.rows[0]!.note_encrypted).not.toContain('Fotboll');
    expect((await t.auditEvents(w.tenant, 'mentor_meeting.list')).filter((e) => e.outcome === 'denied').length).toBeGreaterThanOrEqual(1);

    // The consent is withdrawn: the mentor loses the case and its log; the director keeps reading it.
    await withdrawConsent(t, w.coordinator, consent.id);
    expect((await meetingsBy(w.mentorUser)).statusCode).toBe(404);
    expect((await get(w.mentorUser, '/api/mentors/mine')).json().matches).toEqual([]);
    expect((await meetingsBy(w.coordinator)).json().meetings).toHaveLength(1);
  });

  it('refuses matching when no consent covers the mentor’s organisation', async () => {
    const w = await world();
    await giveConsent(t, w.coordinator, w.person, { organisationIds: [w.school.id], categories: ['skola'] });
    const actionId = await mentorskapAction(w);
    const valid = await registerMentor(w.keyPerson, w.club.id, w.mentorUser.userId, swedishToday(-1));
    const refused = await send(w.coordinator, 'POST', `/api/cases/${w.caseId}/actions/${actionId}/mentor`, { mentorId: valid });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.mentorId).toBeTruthy();
    expect((await readCase(t, w.mentorUser, w.caseId)).statusCode).toBe(404);
  });
});

describe('the vetting reminder', () => {
  it('reminds the mentor’s organisation once, 30 days before the check expires', async () => {
    const w = await world();
    const now = new Date();
    const today = swedishToday();
    await registerMentor(w.keyPerson, w.club.id, null, addDaysTo(addYears(today, -1), 20), 'Snart Utgången'); // expires in 20 days
    await registerMentor(w.keyPerson, w.club.id, null, addDaysTo(addYears(today, -1), 40), 'Giltig Länge'); // 40 days left: not yet
    await registerMentor(w.keyPerson, w.club.id, null, addDaysTo(addYears(today, -1), -2), 'Redan Utgången'); // expired: too late to remind
    expect(await sendDueReminders(t.database, now, [w.tenant.id])).toBe(1);
    const sent = (await allNotifications(t, w.tenant)).filter((n) => n.kind === 'mentor.vetting_expiring');
    expect(sent.map((n) => n.userId)).toEqual([w.keyPerson.userId]);
    expect(sent[0]!.link).toMatch(/^\/mentorer\/[0-9a-f-]{36}$/);
    // The next passes, the next day too, do not remind again.
    expect(await sendDueReminders(t.database, new Date(now.getTime() + 600_000), [w.tenant.id])).toBe(0);
    expect(await sendDueReminders(t.database, new Date(now.getTime() + 86_400_000), [w.tenant.id])).toBe(0);
    expect((await allNotifications(t, w.tenant)).filter((n) => n.kind === 'mentor.vetting_expiring')).toHaveLength(1);
  });
});
