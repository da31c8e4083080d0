import { SHARING_RULES, ruleVersion } from '../../src/shared/sharing-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp } from '../factories';
import { caseFactor, concern, concernEvent } from '../../src/server/db/schema';
import { CASE_EVENT_TYPES, type CaseDetail, type CaseSummary } from '../../src/shared/cases';
import { addMember, caseStep, caseWorld, giveConsent, openCase, readCase, sectionVisible, swedishToday, withdrawConsent, youngPerson } from './cases-support';
import { readPdf } from './associations-pdf-text';
import { blockedBy, offeredTransitions } from '../../src/server/modules/cases/status-machine';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t.close();
});

const detailOf = (response: { json(): unknown }) => response.json() as CaseDetail;

describe('opening a case', () => {
  it('a coordinator opens one directly and directs it; the opening is audited with the person', async () => {
    const world = await caseWorld(t);
    const read = await readCase(t, world.coordinator, world.caseId);
    expect(read.statusCode).toBe(200);
    const detail = detailOf(read);
    expect(detail).toMatchObject({ status: 'aktualiserad', directorUserId: world.coordinator.userId, personId: world.person.id });
    expect(sectionVisible(detail, 'summary')).toBe(true);
    expect(sectionVisible(detail, 'consent')).toBe(true);
    expect(detail.access.find((a) => a.section === 'summary')!.basis).toBe('Ärendeansvarig koordinator');
    const opened = await t.auditEvents(world.tenant, 'case.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.personId).toBe(world.person.id);
    const second = await openCase(t, world.coordinator, { personId: world.person.id });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.fields.personId).toBeTruthy();
    const reads = await t.auditEvents(world.tenant, 'case.read');
    expect(reads.at(-1)!.legalBasis).toContain('Ärendeansvarig koordinator');
    expect((reads.at(-1)!.details as { sections: unknown[] }).sections).toHaveLength(10);
  });

  it('the intake unit opens one from a concern linked to the person, naming a coordinator who is notified', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const intake = await t.member(tenant, social, 'mottagning');
    const coordinator = await t.member(tenant, social, 'koordinator');
    const person = await youngPerson(t, tenant);
    const other = await youngPerson(t, tenant);
    const concernId = await insertConcern(tenant.id, social.id, person.id);

    const withoutDirector = await openCase(t, intake, { personId: person.id, concernId });
    expect(withoutDirector.statusCode).toBe(400);
    expect(withoutDirector.json().error.fields.directorUserId).toBeTruthy();
    const wrongPerson = await openCase(t, intake, { personId: other.id, concernId, directorUserId: coordinator.userId });
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().error.fields.concernId).toBeTruthy();
    const notCoordinator = await openCase(t, intake, { personId: person.id, concernId, directorUserId: intake.userId });
    expect(notCoordinator.statusCode).toBe(400);
    const directly = await openCase(t, intake, { personId: person.id, directorUserId: coordinator.userId });
    expect(directly.statusCode).toBe(403);

    const opened = await openCase(t, intake, { personId: person.id, concernId, directorUserId: coordinator.userId });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = detailOf(opened).id;
    const read = await readCase(t, coordinator, caseId);
    expect(read.statusCode).toBe(200);
    expect(detailOf(read)).toMatchObject({ concernId, directorUserId: coordinator.userId });
    // The opener is not on the team: the case is not theirs to read.
    expect((await readCase(t, intake, caseId)).statusCode).toBe(404);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: coordinator.headers });
    expect(inbox.statusCode).toBe(200);
    expect(JSON.stringify(inbox.json())).toContain(`/samverkan/${caseId}`);
  });

  it('someone who may not read the concern cannot open a case from it (404, audited)', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const otherSocial = await t.organisation(tenant, 'socialtjanst');
    const intake = await t.member(tenant, otherSocial, 'mottagning');
    const coordinator = await t.member(tenant, social, 'koordinator');
    const person = await youngPerson(t, tenant);
    const concernId = await insertConcern(tenant.id, social.id, person.id);
    const opened = await openCase(t, intake, { personId: person.id, concernId, directorUserId: coordinator.userId });
    expect(opened.statusCode).toBe(404);
    const denied = (await t.auditEvents(tenant, 'case.open')).filter((e) => e.outcome === 'denied');
    expect(denied).toHaveLength(1);
  });
});

describe('the list', () => {
  it('lists the cases one directs and sits on the team of; mine, status and person narrow it', async () => {
    const world = await caseWorld(t);
    const colleague = await t.member(world.tenant, world.coordinatorOrg, 'koordinator');
    const other = await youngPerson(t, world.tenant);
    const theirs = detailOf(await openCase(t, colleague, { personId: other.id }));
    await giveConsent(t, colleague, other, { organisationIds: [world.coordinatorOrg.id] });
    expect((await caseStep(t, colleague, theirs.id, 'POST', '/members', { userId: world.coordinator.userId, organisationId: world.coordinatorOrg.id, caseRole: 'stöd' })).statusCode).toBe(200);

    const list = async (query: string) => ((await t.app.inject({ method: 'GET', url: `/api/cases${query}`, headers: world.coordinator.headers })).json() as { cases: CaseSummary[] }).cases.map((c) => c.id).sort();
    expect(await list('')).toEqual([world.caseId, theirs.id].sort());
    expect(await list('?mine=true')).toEqual([world.caseId]);
    expect(await list('?mine=false')).toEqual([world.caseId, theirs.id].sort());
    expect(await list(`?personId=${other.id}`)).toEqual([theirs.id]);
    expect(await list('?status=samtycke_inhamtat')).toEqual([]);
    const listed = (await t.auditEvents(world.tenant, 'case.list')).filter((e) => e.personId === other.id);
    expect(listed.length).toBeGreaterThan(0);
  });
});

describe('the status machine', () => {
  it('walks every status, blocked without consent and without a plan (409), and closes', async () => {
    const world = await caseWorld(t);
    const move = (to: string) => caseStep(t, world.coordinator, world.caseId, 'POST', '/transitions', { to });

    const before = detailOf(await readCase(t, world.coordinator, world.caseId));
    expect(before.transitions).toContainEqual({ to: 'samtycke_inhamtat', allowed: false, blockedBy: 'consent_required' });
    const blocked = await move('samtycke_inhamtat');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.fields.to).toBeTruthy();
    expect((await move('kartlaggning')).statusCode).toBe(409);

    // Awaiting a party is not consent.
    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id], withoutParties: true });
    expect((await move('samtycke_inhamtat')).statusCode).toBe(409);
    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id], categories: ['socialtjanst'] });
    expect((await move('samtycke_inhamtat')).statusCode).toBe(200);
    expect((await move('natverksmote')).statusCode).toBe(409);
    expect((await move('kartlaggning')).statusCode).toBe(200);
    expect((await move('natverksmote')).statusCode).toBe(200);

    const noPlan = await move('plan_aktiv');
    expect(noPlan.statusCode).toBe(409);
    const atMeeting = detailOf(await readCase(t, world.coordinator, world.caseId));
    expect(atMeeting.transitions).toContainEqual({ to: 'plan_aktiv', allowed: false, blockedBy: 'plan_required' });

    const goal = detailOf(await caseStep(t, world.coordinator, world.caseId, 'POST', '/goals', { text: 'Går i skolan varje dag' }));
    const goalId = goal.goals[0]!.id;
    expect((await move('plan_aktiv')).statusCode).toBe(409);
    const withAction = await caseStep(t, world.coordinator, world.caseId, 'POST', '/actions', {
      goalId,
      type: 'stod_socialtjansten',
      responsibleOrganisationId: world.coordinatorOrg.id,
      responsibleUserId: world.coordinator.userId,
      what: 'Samtal varannan vecka',
      startOn: swedishToday(),
      dueOn: swedishToday(30),
    });
    expect(withAction.statusCode, withAction.body).toBe(200);
    expect((await move('plan_aktiv')).statusCode).toBe(200);
    expect((await move('uppfoljning')).statusCode).toBe(200);
    expect((await move('plan_aktiv')).statusCode).toBe(200);
    expect((await move('uppfoljning')).statusCode).toBe(200);

    const closed = await caseStep(t, world.coordinator, world.caseId, 'POST', '/close', { reason: 'mal_uppnatt', outcome: 'forbattrad' });
    expect(closed.statusCode).toBe(200);
    expect(detailOf(closed)).toMatchObject({ status: 'avslutad', closeReason: 'mal_uppnatt', outcome: 'forbattrad' });
    const afterClose = await move('plan_aktiv');
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().error.fields.status).toBeTruthy();

    const all = await t.auditEvents(world.tenant, 'case.transition');
    const changes = all.filter((e) => e.outcome === 'allowed');
    expect(changes).toHaveLength(7);
    expect(changes.every((e) => e.personId === world.person.id)).toBe(true);
  });

  it('after the consent is withdrawn nothing moves but closing', async () => {
    const world = await caseWorld(t);
    const consent = await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id] });
    expect((await caseStep(t, world.coordinator, world.caseId, 'POST', '/transitions', { to: 'samtycke_inhamtat' })).statusCode).toBe(200);
    await withdrawConsent(t, world.coordinator, consent.id);
    const blocked = await caseStep(t, world.coordinator, world.caseId, 'POST', '/transitions', { to: 'kartlaggning' });
    expect(blocked.statusCode).toBe(409);
    const detail = detailOf(await readCase(t, world.coordinator, world.caseId));
    expect(detail.transitions).toContainEqual({ to: 'kartlaggning', allowed: false, blockedBy: 'case_consent_withdrawn' });
    expect(detail.transitions).toContainEqual({ to: 'avslutad', allowed: true, blockedBy: null });
    const closed = await caseStep(t, world.coordinator, world.caseId, 'POST', '/close', { reason: 'samtycke_aterkallat', outcome: 'okand' });
    expect(closed.statusCode).toBe(200);
  });
});


describe('the team, the engine and the walls', () => {
  it('adds a member only when the consent covers their organisation (basis audited); others get 404, audited', async () => {
    const world = await caseWorld(t);
    const school = await t.organisation(world.tenant, 'skola');
    const teacher = await t.member(world.tenant, school, 'skolpersonal');
    const colleague = await t.member(world.tenant, school, 'skolpersonal');

    const candidatesOf = async (who: typeof teacher) => t.app.inject({ method: 'GET', url: `/api/cases/${world.caseId}/candidates?organisationId=${school.id}`, headers: who.headers });
    const offered = await candidatesOf(world.coordinator);
    expect(offered.statusCode).toBe(200);
    expect((offered.json() as { candidates: { userId: string }[] }).candidates.map((c) => c.userId).sort()).toEqual([teacher.userId, colleague.userId].sort());

    const refused = await addMember(t, world, teacher, 'klassföreståndare');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.organisationId).toMatch(/\S{10,}/);
    const refusals = await t.auditEvents(world.tenant, 'case.member_add');
    expect(refusals.filter((e) => e.outcome === 'allowed')).toHaveLength(0);
    expect(refusals.filter((e) => e.outcome === 'denied')).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ personId: world.person.id, details: { organisationId: school.id, ruleId: 'ingen_grund', ruleVersion: null } });
    const notAMembership = await caseStep(t, world.coordinator, world.caseId, 'POST', '/members', { userId: teacher.userId, organisationId: world.coordinatorOrg.id, caseRole: 'x' });
    expect(notAMembership.statusCode).toBe(400);
    expect(notAMembership.json().error.fields.userId).toBeTruthy();

    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id, school.id], categories: ['skola'] });
    const added = await addMember(t, world, teacher, 'klassföreståndare');
    expect(added.statusCode, added.body).toBe(200);
    const member = detailOf(added).members.find((m) => m.userId === teacher.userId)!;
    expect(member.legalBasis).toBeTruthy();
    const audited = (await t.auditEvents(world.tenant, 'case.member_add')).filter((e) => e.outcome === 'allowed');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ personId: world.person.id, legalBasis: member.legalBasis });
    // The disclosure records the rule and the rule version it rests on (issue 17 §3).
    expect(audited[0]!.details).toMatchObject({ ruleId: 'samtycke_inom_ramen', ruleVersion: ruleVersion(SHARING_RULES.find((rule) => rule.id === 'samtycke_inom_ramen')!) });

    expect((await candidatesOf(world.coordinator)).json().candidates.map((c: { userId: string }) => c.userId)).toEqual([colleague.userId]);
    expect((await candidatesOf(teacher)).statusCode).toBe(404);

    const seen = detailOf(await readCase(t, teacher, world.caseId));
    expect(sectionVisible(seen, 'summary')).toBe(true);
    expect(sectionVisible(seen, 'mapping_skola')).toBe(true);
    expect(sectionVisible(seen, 'mapping_polis')).toBe(false);
    expect(sectionVisible(seen, 'mapping_socialtjanst')).toBe(false);
    expect(seen.transitions.every((transition) => !transition.allowed)).toBe(true);
    const list = (await t.app.inject({ method: 'GET', url: '/api/cases', headers: teacher.headers })).json() as { cases: CaseSummary[] };
    expect(list.cases.map((c) => c.id)).toEqual([world.caseId]);

    // Not on the team: 404 exactly as for a case that does not exist, and the denial is audited.
    const outsider = await readCase(t, colleague, world.caseId);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json()).toEqual((await readCase(t, colleague, '00000000-0000-4000-8000-000000000000')).json());
    const denied = (await t.auditEvents(world.tenant, 'case.read')).filter((e) => e.outcome === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.personId).toBe(world.person.id);
    expect(((await t.app.inject({ method: 'GET', url: '/api/cases', headers: colleague.headers })).json() as { cases: unknown[] }).cases).toHaveLength(0);

    // A team member may not steer the case.
    expect((await caseStep(t, teacher, world.caseId, 'POST', '/goals', { text: 'Mål' })).statusCode).toBe(404);

    // Removing the member takes the case away from them.
    const removed = await caseStep(t, world.coordinator, world.caseId, 'DELETE', `/members/${member.id}`);
    expect(removed.statusCode).toBe(200);
    expect((await readCase(t, teacher, world.caseId)).statusCode).toBe(404);
  });

  it('another tenant’s coordinator gets 404', async () => {
    const world = await caseWorld(t);
    const elsewhere = await t.tenant();
    const foreignCoordinator = await t.member(elsewhere, await t.organisation(elsewhere, 'socialtjanst'), 'koordinator');
    expect((await readCase(t, foreignCoordinator, world.caseId)).statusCode).toBe(404);
    expect((await caseStep(t, foreignCoordinator, world.caseId, 'POST', '/goals', { text: 'Mål' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${world.caseId}/plan.pdf`, headers: foreignCoordinator.headers })).statusCode).toBe(404);
  });

  it('a factor note is stored encrypted and shown to those the engine allows', async () => {
    const world = await caseWorld(t);
    const school = await t.organisation(world.tenant, 'skola');
    const teacher = await t.member(world.tenant, school, 'skolpersonal');
    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id, school.id], categories: ['skola'] });
    expect((await addMember(t, world, teacher)).statusCode).toBe(200);

    const note = 'Hög frånvaro sedan oktober, särskilt måndagar';
    const added = await caseStep(t, teacher, world.caseId, 'POST', '/factors', { domain: 'skola', kind: 'risk', level: 'hog', category: 'skola', note });
    expect(added.statusCode, added.body).toBe(200);
    const factor = detailOf(added).factors[0]!;
    expect(factor).toMatchObject({ note, category: 'skola', level: 'hog' });
    const outsideOwnCategory = await caseStep(t, teacher, world.caseId, 'POST', '/factors', { domain: 'individ', kind: 'risk', level: 'hog', category: 'polis', note: 'x' });
    expect(outsideOwnCategory.statusCode).toBe(400);

    const [raw] = await t.database.asOwner((db) => db.select().from(caseFactor).where(and(eq(caseFactor.tenantId, world.tenant.id), eq(caseFactor.id, factor.id))));
    expect(raw!.noteEncrypted).not.toContain('frånvaro');
    expect(raw!.noteEncrypted.length).toBeGreaterThan(note.length);

    // The coordinator's consent view covers school information too (their organisation is named).
    expect(detailOf(await readCase(t, world.coordinator, world.caseId)).factors.map((f) => f.note)).toEqual([note]);
    const changed = await caseStep(t, teacher, world.caseId, 'PATCH', `/factors/${factor.id}`, { level: 'medel' });
    expect(changed.statusCode).toBe(200);
    expect(detailOf(changed).factors[0]!.level).toBe('medel');
  });

  it('police information the consent does not name stays with the police, and nobody else may change it', async () => {
    const world = await caseWorld(t);
    const police = await t.organisation(world.tenant, 'polis');
    const officer = await t.member(world.tenant, police, 'polis');
    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id, police.id], categories: ['skola'] });
    expect((await addMember(t, world, officer, 'kommunpolis')).statusCode).toBe(200);
    const recorded = await caseStep(t, officer, world.caseId, 'POST', '/factors', { domain: 'kamrater', kind: 'risk', level: 'hog', category: 'polis', note: 'Förekommer i utredning om rån' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const factorId = detailOf(recorded).factors[0]!.id;
    expect(detailOf(recorded).access.find((a) => a.section === 'mapping_polis')).toMatchObject({ visible: true, basis: 'Egen verksamhets uppgifter' });

    const director = await readCase(t, world.coordinator, world.caseId);
    expect(director.body).not.toContain('utredning om rån');
    expect(detailOf(director).access.find((a) => a.section === 'mapping_polis')).toMatchObject({ visible: false, consentState: 'out_of_scope' });
    expect((await caseStep(t, world.coordinator, world.caseId, 'PATCH', `/factors/${factorId}`, { level: 'lag' })).statusCode).toBe(404);
  });
});

describe('protected identity and guardians', () => {
  it('shares nothing with the team until the director decides to allow it', async () => {
    const world = await caseWorld(t, { protectedIdentity: 'sekretessmarkering' });
    const school = await t.organisation(world.tenant, 'skola');
    const teacher = await t.member(world.tenant, school, 'skolpersonal');
    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id, school.id], categories: ['skola'] });
    const director = detailOf(await readCase(t, world.coordinator, world.caseId));
    expect(director.protectedIdentity).toBe(true);
    expect(sectionVisible(director, 'summary')).toBe(true);

    expect((await addMember(t, world, teacher)).statusCode).toBe(400);
    const notByMember = await caseStep(t, teacher, world.caseId, 'POST', '/protected-identity-decision', { allowSharing: true, note: 'x' });
    expect(notByMember.statusCode).toBe(404);
    const decided = await caseStep(t, world.coordinator, world.caseId, 'POST', '/protected-identity-decision', { allowSharing: true, note: 'Skolan behöver veta för att kunna stötta' });
    expect(decided.statusCode).toBe(200);
    expect(detailOf(decided).protectedIdentityDecision).toMatchObject({ allowSharing: true });
    expect((await addMember(t, world, teacher)).statusCode).toBe(200);
    expect(sectionVisible(detailOf(await readCase(t, teacher, world.caseId)), 'mapping_skola')).toBe(true);

    // Taking the decision back hides the case from the team again.
    await caseStep(t, world.coordinator, world.caseId, 'POST', '/protected-identity-decision', { allowSharing: false, note: 'Hotbild har ökat' });
    expect((await readCase(t, teacher, world.caseId)).statusCode).toBe(404);
  });

  it('records a guardian’s participation, and only for the person’s own guardians', async () => {
    const world = await caseWorld(t);
    const guardianId = world.person.guardianIds[0]!;
    const set = await caseStep(t, world.coordinator, world.caseId, 'PUT', '/guardians', { guardianId, participates: true, note: 'Vill vara med på mötena' });
    expect(set.statusCode, set.body).toBe(200);
    expect(detailOf(set).guardians).toEqual([expect.objectContaining({ guardianId, participates: true, note: 'Vill vara med på mötena' })]);
    const stranger = await t.person(world.tenant);
    const wrong = await caseStep(t, world.coordinator, world.caseId, 'PUT', '/guardians', { guardianId: stranger.id, participates: true });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.guardianId).toBeTruthy();
  });
});

describe('actions, the mentor and the plan', () => {
  async function planWorld() {
    const world = await caseWorld(t);
    const club = await t.organisation(world.tenant, 'forening', { name: 'IK Samverka' });
    const mentor = await t.member(world.tenant, club, 'mentor');
    const consent = await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id, club.id], categories: ['fritid', 'polis'] });
    expect((await addMember(t, world, mentor, 'mentor')).statusCode).toBe(200);
    const goal = detailOf(await caseStep(t, world.coordinator, world.caseId, 'POST', '/goals', { text: 'En meningsfull fritid' })).goals[0]!;
    const mentorAction = await caseStep(t, world.coordinator, world.caseId, 'POST', '/actions', {
      goalId: goal.id,
      type: 'mentorskap',
      responsibleOrganisationId: club.id,
      responsibleUserId: mentor.userId,
      what: 'Träffas varje tisdag på klubben',
      startOn: swedishToday(-20),
      dueOn: swedishToday(-1),
    });
    expect(mentorAction.statusCode, mentorAction.body).toBe(200);
    const socialAction = await caseStep(t, world.coordinator, world.caseId, 'POST', '/actions', {
      type: 'stod_socialtjansten',
      responsibleOrganisationId: world.coordinatorOrg.id,
      what: 'Familjebehandling hos socialtjänsten',
      startOn: swedishToday(),
      dueOn: swedishToday(60),
    });
    expect(socialAction.statusCode).toBe(200);
    await caseStep(t, world.coordinator, world.caseId, 'POST', '/factors', { domain: 'individ', kind: 'risk', level: 'hog', category: 'polis', note: 'Misstänkt för butiksstöld i september' });
    const meeting = await caseStep(t, world.coordinator, world.caseId, 'POST', '/meetings', {
      kind: 'natverksmote',
      heldOn: swedishToday(),
      participants: [{ name: 'Greta Vårdnadshavare', organisation: '', role: 'vårdnadshavare' }],
      decisions: 'Beslut: familjebehandling startar nästa vecka',
    });
    expect(meeting.statusCode, meeting.body).toBe(200);
    return { world, club, mentor, consent };
  }

  it('carries the consent’s status and scope to those who see the consent section, and nothing of it to the mentor', async () => {
    const { world, mentor, club } = await planWorld();
    const director = detailOf(await readCase(t, world.coordinator, world.caseId));
    expect(director.consent).toMatchObject({ status: 'in_force', categories: ['fritid', 'polis'], withdrawnAt: null });
    expect(director.consent!.organisations.map((organisation) => organisation.id)).toEqual([world.coordinatorOrg.id, club.id]);
    const forMentor = detailOf(await readCase(t, mentor, world.caseId));
    expect(forMentor.consent).toBeNull();
    expect(forMentor.consentId).toBeNull();
  });

  it('records a planned follow-up as held once, with who came and what was decided; the mentor may not', async () => {
    const { world, mentor } = await planWorld();
    const planned = detailOf(
      await caseStep(t, world.coordinator, world.caseId, 'POST', '/meetings', { kind: 'uppfoljning', heldOn: swedishToday(14), held: false }),
    ).meetings.find((meeting) => !meeting.held)!;
    expect(planned).toMatchObject({ kind: 'uppfoljning', heldOn: swedishToday(14), decisions: '' });

    const byMentor = await caseStep(t, mentor, world.caseId, 'POST', `/meetings/${planned.id}/held`, { heldOn: swedishToday(), decisions: 'x' });
    expect(byMentor.statusCode).toBe(404);

    const held = await caseStep(t, world.coordinator, world.caseId, 'POST', `/meetings/${planned.id}/held`, {
      heldOn: swedishToday(),
      participants: [{ name: 'Greta Vårdnadshavare', organisation: '', role: 'vårdnadshavare' }],
      decisions: 'Mentorskapet fortsätter till sommaren',
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(detailOf(held).meetings.find((meeting) => meeting.id === planned.id)).toMatchObject({ held: true, heldOn: swedishToday(), decisions: 'Mentorskapet fortsätter till sommaren' });
    expect(detailOf(held).nextMeetingOn).toBeNull();

    const again = await caseStep(t, world.coordinator, world.caseId, 'POST', `/meetings/${planned.id}/held`, { heldOn: swedishToday() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.meetingId).toBe('Mötet är redan registrerat som hållet. Registrera ett nytt möte i stället.');
    const events = await t.auditEvents(world.tenant, 'case.meeting_held');
    expect(events.filter((event) => event.outcome === 'allowed')).toHaveLength(1);
  });

  it('flags overdue actions; the responsible mentor may set its status and nothing else', async () => {
    const { world, mentor } = await planWorld();
    const director = detailOf(await readCase(t, world.coordinator, world.caseId));
    const late = director.actions.find((a) => a.type === 'mentorskap')!;
    const onTime = director.actions.find((a) => a.type === 'stod_socialtjansten')!;
    expect(late.overdue).toBe(true);
    expect(onTime.overdue).toBe(false);
    expect(director.overdueActions).toBe(1);

    const seen = detailOf(await readCase(t, mentor, world.caseId));
    expect(sectionVisible(seen, 'actions_own')).toBe(true);
    for (const hidden of ['plan', 'meetings', 'consent', 'mapping_polis'] as const) expect(sectionVisible(seen, hidden)).toBe(false);
    expect(seen.actions.map((a) => a.id)).toEqual([late.id]);
    expect(seen.actions[0]!.abilities).toMatchObject({ updateStatus: true, update: false });
    expect(seen.abilities).toMatchObject({ read: true, readChronology: true, addFactor: false, addGoal: false, transition: false, exportPlan: true });
    expect(director.abilities).toMatchObject({ read: true, addFactor: true, addGoal: true, addAction: true, addMember: true, transition: true, close: true });
    expect(seen.meetings).toEqual([]);
    expect(seen.consentId).toBeNull();
    expect(seen.factors).toEqual([]);

    const done = await caseStep(t, mentor, world.caseId, 'PATCH', `/actions/${late.id}`, { status: 'klar' });
    expect(done.statusCode, done.body).toBe(200);
    expect(detailOf(done).actions[0]).toMatchObject({ status: 'klar', overdue: false });
    expect((await caseStep(t, mentor, world.caseId, 'PATCH', `/actions/${late.id}`, { what: 'Något annat' })).statusCode).toBe(403);
    expect((await caseStep(t, mentor, world.caseId, 'PATCH', `/actions/${onTime.id}`, { status: 'klar' })).statusCode).toBe(404);
  });

  it('the plan PDF holds what the printer may see and not the rest; the export is audited with the bases', async () => {
    const { world, mentor } = await planWorld();
    const mentorPdf = await t.app.inject({ method: 'GET', url: `/api/cases/${world.caseId}/plan.pdf`, headers: mentor.headers });
    expect(mentorPdf.statusCode).toBe(200);
    expect(mentorPdf.headers['content-type']).toContain('application/pdf');
    const mentorText = readPdf(mentorPdf.rawPayload).text;
    expect(mentorText).toContain('Träffas varje tisdag på klubben');
    expect(mentorText).not.toContain('Familjebehandling');
    expect(mentorText).not.toContain('butiksstöld');
    expect(mentorText).not.toContain('nästa vecka');

    const directorText = readPdf((await t.app.inject({ method: 'GET', url: `/api/cases/${world.caseId}/plan.pdf`, headers: world.coordinator.headers })).rawPayload).text;
    for (const part of ['Träffas varje tisdag på klubben', 'Familjebehandling hos socialtjänsten', 'Misstänkt för butiksstöld', 'familjebehandling startar nästa vecka', 'En meningsfull fritid']) expect(directorText).toContain(part);

    const exports = (await t.auditEvents(world.tenant, 'case.plan_exported')).filter((e) => e.outcome === 'allowed');
    expect(exports).toHaveLength(2);
    expect(exports.every((e) => e.personId === world.person.id && (e.legalBasis ?? '').length > 0)).toBe(true);
  });

  it('after the consent is withdrawn the mentor no longer reaches the case', async () => {
    const { world, mentor, consent } = await planWorld();
    expect((await readCase(t, mentor, world.caseId)).statusCode).toBe(200);
    await withdrawConsent(t, world.coordinator, consent.id);
    expect((await readCase(t, mentor, world.caseId)).statusCode).toBe(404);
    expect(((await t.app.inject({ method: 'GET', url: '/api/cases', headers: mentor.headers })).json() as { cases: unknown[] }).cases).toHaveLength(0);
    const director = detailOf(await readCase(t, world.coordinator, world.caseId));
    // The director keeps the case's own records, to follow up and close; the mapping others recorded goes.
    expect(director.access.find((a) => a.section === 'plan')).toMatchObject({ visible: true, consentState: 'withdrawn', basis: 'Ärendeansvarig koordinator' });
    expect(director.access.find((a) => a.section === 'mapping_skola')).toMatchObject({ visible: false, consentState: 'withdrawn' });
    expect(sectionVisible(director, 'summary')).toBe(true);
  });
});

describe('the chronology', () => {
  it('spans a concern and a case for someone who may read both, and only the case for the coordinator', async () => {
    const world = await caseWorld(t);
    const intake = await t.member(world.tenant, world.coordinatorOrg, 'mottagning');
    const concernId = await insertConcern(world.tenant.id, world.coordinatorOrg.id, world.person.id);
    await t.database.asOwner((db) => db.insert(concernEvent).values({ tenantId: world.tenant.id, concernId, type: 'received', details: {} }));
    await giveConsent(t, world.coordinator, world.person, { organisationIds: [world.coordinatorOrg.id] });
    expect((await addMember(t, world, intake, 'mottagning')).statusCode).toBe(200);
    await caseStep(t, world.coordinator, world.caseId, 'POST', '/transitions', { to: 'samtycke_inhamtat' });

    const both = await t.app.inject({ method: 'GET', url: `/api/persons/${world.person.id}/chronology`, headers: intake.headers });
    expect(both.statusCode, both.body).toBe(200);
    const entries = (both.json() as { entries: { caseId: string | null; concernId: string | null; type: string }[] }).entries;
    expect(entries.some((e) => e.concernId === concernId)).toBe(true);
    expect(entries.some((e) => e.caseId === world.caseId && e.type === 'case.transition')).toBe(true);
    expect(entries.filter((e) => e.type === 'consent.party').length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set([...entries.map((e) => e.type)].filter((type) => type.startsWith('concern.') || (CASE_EVENT_TYPES as readonly string[]).includes(type))));

    const caseOnly = (await t.app.inject({ method: 'GET', url: `/api/persons/${world.person.id}/chronology`, headers: world.coordinator.headers })).json() as { entries: { concernId: string | null }[] };
    expect(caseOnly.entries.length).toBeGreaterThan(0);
    expect(caseOnly.entries.every((e) => e.concernId === null)).toBe(true);
    const audited = await t.auditEvents(world.tenant, 'person.chronology');
    expect(audited.filter((e) => e.outcome === 'allowed').every((e) => e.personId === world.person.id)).toBe(true);

    const stranger = await t.member(world.tenant, await t.organisation(world.tenant, 'skola'), 'skolpersonal');
    expect((await t.app.inject({ method: 'GET', url: `/api/persons/${world.person.id}/chronology`, headers: stranger.headers })).statusCode).toBe(404);
  });
});

async function insertConcern(tenantId: string, organisationId: string, personId: string): Promise<string> {
  const { inContext } = await import('../../src/server/db/context');
  return inContext(t.database.db, { tenantId, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(concern)
      .values({ tenantId, kind: 'person', receiptHash: `h-${Math.random()}`, receivingOrganisationId: organisationId, descriptionEncrypted: 'x', personId })
      .returning({ id: concern.id });
    return row!.id;
  });
}


describe('the status machine, as a table', () => {
  const inForce = { inForceId: 'c', latestStatus: 'in_force' as const };
  const withPlan = { consent: inForce, goalCount: 1, actionCount: 1 };
  it.each([
    ['aktualiserad', 'samtycke_inhamtat', withPlan, null],
    ['aktualiserad', 'kartlaggning', withPlan, 'case_wrong_transition'],
    ['aktualiserad', 'samtycke_inhamtat', { ...withPlan, consent: { inForceId: null, latestStatus: null } }, 'consent_required'],
    ['kartlaggning', 'natverksmote', { ...withPlan, consent: { inForceId: null, latestStatus: 'withdrawn' as const } }, 'case_consent_withdrawn'],
    ['kartlaggning', 'natverksmote', { ...withPlan, consent: { inForceId: null, latestStatus: 'expired' as const } }, 'case_consent_expired'],
    ['natverksmote', 'plan_aktiv', { ...withPlan, actionCount: 0 }, 'plan_required'],
    ['natverksmote', 'plan_aktiv', { ...withPlan, goalCount: 0 }, 'plan_required'],
    ['uppfoljning', 'plan_aktiv', withPlan, null],
    ['plan_aktiv', 'uppfoljning', withPlan, null],
    ['plan_aktiv', 'avslutad', { ...withPlan, consent: { inForceId: null, latestStatus: 'withdrawn' as const } }, null],
    ['avslutad', 'plan_aktiv', withPlan, 'case_closed'],
  ] as const)('%s → %s', (from, to, facts, expected) => {
    expect(blockedBy(from, to, facts)).toBe(expected);
  });

  it('offers the next statuses and closing, and nothing once closed', () => {
    expect(offeredTransitions('uppfoljning')).toEqual(['plan_aktiv', 'avslutad']);
    expect(offeredTransitions('avslutad')).toEqual([]);
  });
});
