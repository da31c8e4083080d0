import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { concern } from '../../src/server/db/schema';
import { inContext } from '../../src/server/db/context';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { deadlinesFor } from '../../src/server/modules/concerns/deadlines';
import type { Attention, AttentionCard, AttentionCardId } from '../../src/shared/attention';
import type { CaseDetail } from '../../src/shared/cases';
import { addMember, caseStep, caseWorld, giveConsent, swedishToday, withdrawConsent, type CaseWorld } from './cases-support';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t.close();
});

async function attention(member: TestMember): Promise<Attention> {
  const response = await t.app.inject({ method: 'GET', url: '/api/attention', headers: member.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Attention;
}

function cardOf<K extends AttentionCardId>(page: Attention, id: K): Extract<AttentionCard, { id: K }> {
  const card = page.cards.find((c) => c.id === id);
  expect(card, `card ${id}`).toBeDefined();
  return card as Extract<AttentionCard, { id: K }>;
}

const cardIds = (page: Attention) => page.cards.map((card) => card.id);

async function insertConcern(tenant: TestTenant, organisationId: string, values: { assignedUserId?: string; personId?: string; status?: string; kind?: 'person' | 'place'; receivedAt?: Date } = {}): Promise<string> {
  const receivedAt = values.receivedAt ?? new Date();
  const due = deadlinesFor(receivedAt);
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(concern)
      .values({
        tenantId: tenant.id,
        kind: values.kind ?? 'person',
        receiptHash: `h-${randomUUID()}`,
        receivingOrganisationId: organisationId,
        descriptionEncrypted: 'x',
        personId: values.personId ?? null,
        assignedUserId: values.assignedUserId ?? null,
        status: values.status ?? 'mottagen',
        receivedAt,
        assessmentDueAt: values.kind === 'place' ? null : due.assessmentDueAt,
        decisionDueAt: values.kind === 'place' ? null : due.decisionDueAt,
      })
      .returning({ id: concern.id });
    return row!.id;
  });
}

describe('concerns waiting', () => {
  it('the intake unit sees the new unassigned concern due today and its own, not others’; the case officer only theirs', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const otherSocial = await t.organisation(tenant, 'socialtjanst');
    const intake = await t.member(tenant, social, 'mottagning');
    const officer = await t.member(tenant, social, 'handlaggare');
    const person = await t.person(tenant);

    const empty = await attention(intake);
    expect(cardIds(empty)).toEqual(['concerns']);
    expect(cardOf(empty, 'concerns')).toMatchObject({ total: 0, items: [] });

    const receivedAt = new Date();
    const fresh = await insertConcern(tenant, social.id, { personId: person.id, receivedAt });
    const mine = await insertConcern(tenant, social.id, { assignedUserId: intake.userId, receivedAt: new Date(Date.now() - 3 * 86_400_000) });
    const officers = await insertConcern(tenant, social.id, { assignedUserId: officer.userId });
    await insertConcern(tenant, social.id, { status: 'avslutad' });
    await insertConcern(tenant, social.id, { kind: 'place' });
    await insertConcern(tenant, otherSocial.id);
    const otherTenant = await t.tenant();
    await insertConcern(otherTenant, (await t.organisation(otherTenant, 'socialtjanst')).id);

    const page = await attention(intake);
    const card = cardOf(page, 'concerns');
    expect(card.total).toBe(2);
    expect(card.items.map((item) => item.id).sort()).toEqual([fresh, mine].sort());
    const item = card.items.find((i) => i.id === fresh)!;
    expect(item).toMatchObject({ assignedToMe: false, status: 'mottagen', href: `/mottagning/${fresh}` });
    // A new concern's protection assessment is due by the end of the day it came in.
    expect(item.nextDeadline).toMatchObject({ kind: 'protectionAssessment', dueAt: deadlinesFor(receivedAt).assessmentDueAt.toISOString() });
    // The older one's assessment is overdue: the most urgent comes first.
    expect(card.items[0]).toMatchObject({ id: mine, assignedToMe: true, nextDeadline: { kind: 'protectionAssessment', state: 'overdue' } });
    expect(card.href).toContain('/mottagning');

    const forOfficer = cardOf(await attention(officer), 'concerns');
    expect(forOfficer.total).toBe(1);
    expect(forOfficer.items.map((i) => i.id)).toEqual([officers]);

    // The read is audited: the page, and the registered person behind an item.
    const events = await t.auditEvents(tenant, 'attention.read');
    expect(events.some((e) => e.actorUserId === intake.userId && e.personId === person.id && e.resourceId === fresh)).toBe(true);
    expect(events.some((e) => e.actorUserId === intake.userId && e.resourceType === 'attention')).toBe(true);
  });

  it('lists at most five, with the count of all', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const intake = await t.member(tenant, social, 'mottagning');
    for (let i = 0; i < 7; i += 1) await insertConcern(tenant, social.id);
    const card = cardOf(await attention(intake), 'concerns');
    expect(card.total).toBe(7);
    expect(card.items).toHaveLength(5);
  });
});

interface PlanWorld extends CaseWorld {
  club: { id: string };
  fritid: { id: string };
  mentor: TestMember;
  youthLeader: TestMember;
  consentId: string;
  ids: { mentorAction: string; leaderAction: string; socialAction: string; clubAction: string; followUp: string };
}

/** A case with a mentor (association) and a youth leader (municipal leisure) on the team, actions for each, meetings and a consent ending in 20 days. */
async function planWorld(): Promise<PlanWorld> {
  const world = await caseWorld(t);
  const club = await t.organisation(world.tenant, 'forening', { name: 'IK Samverka' });
  const fritid = await t.organisation(world.tenant, 'fritid', { name: 'Fritidsgården' });
  const mentor = await t.member(world.tenant, club, 'mentor');
  const clubmate = await t.member(world.tenant, club, 'foreningsnyckelperson');
  const youthLeader = await t.member(world.tenant, fritid, 'fritidsledare');
  const consent = await giveConsent(t, world.coordinator, world.person, {
    organisationIds: [world.coordinatorOrg.id, club.id, fritid.id],
    categories: ['fritid'],
    validTo: swedishToday(20),
  });
  for (const member of [mentor, clubmate, youthLeader]) expect((await addMember(t, world, member, 'mentor')).statusCode).toBe(200);
  const add = async (body: Record<string, unknown>) => {
    const response = await caseStep(t, world.coordinator, world.caseId, 'POST', '/actions', { what: 'Något att göra', startOn: swedishToday(-30), ...body });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as CaseDetail).actions.at(-1)!.id;
  };
  const mentorAction = await add({ type: 'mentorskap', responsibleOrganisationId: club.id, responsibleUserId: mentor.userId, dueOn: swedishToday(-2) });
  const clubAction = await add({ type: 'forening_fritid', responsibleOrganisationId: club.id, responsibleUserId: clubmate.userId, dueOn: swedishToday(10) });
  const leaderAction = await add({ type: 'forening_fritid', responsibleOrganisationId: fritid.id, responsibleUserId: youthLeader.userId, dueOn: swedishToday(40) });
  const socialAction = await add({ type: 'stod_socialtjansten', responsibleOrganisationId: world.coordinatorOrg.id, dueOn: swedishToday(60) });
  const meeting = async (heldOn: string, held: boolean) => {
    const response = await caseStep(t, world.coordinator, world.caseId, 'POST', '/meetings', { kind: 'uppfoljning', heldOn, held });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as CaseDetail).meetings.find((m) => m.heldOn === heldOn && m.held === held)!.id;
  };
  const followUp = await meeting(swedishToday(7), false);
  await meeting(swedishToday(20), false);
  await meeting(swedishToday(-7), true);
  return { ...world, club, fritid, mentor, youthLeader, consentId: consent.id, ids: { mentorAction, leaderAction, socialAction, clubAction, followUp } };
}

describe('the SSPF cards', () => {
  it('a coordinator without cases is told, from the server, that nothing waits', async () => {
    const tenant = await t.tenant();
    const coordinator = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'koordinator');
    const page = await attention(coordinator);
    expect(cardIds(page)).toEqual(['commitments', 'meetings', 'consents']);
    for (const card of page.cards) expect(card).toMatchObject({ total: 0, items: [] });
  });

  it('the director sees the booked follow-up, the overdue action, their organisation’s action and the consent about to expire', async () => {
    const world = await planWorld();
    const page = await attention(world.coordinator);
    expect(cardIds(page)).toEqual(['commitments', 'meetings', 'consents']);

    const commitments = cardOf(page, 'commitments');
    // Overdue (someone else's, in a case they direct) first, then their own organisation's; not the others' upcoming ones.
    expect(commitments.items.map((i) => i.id)).toEqual([world.ids.mentorAction, world.ids.socialAction]);
    expect(commitments.total).toBe(2);
    expect(commitments.items[0]).toMatchObject({ overdue: true, mine: false, caseId: world.caseId, href: `/samverkan/${world.caseId}`, personName: `${world.person.firstName} ${world.person.lastName}` });

    const meetings = cardOf(page, 'meetings');
    expect(meetings.total).toBe(1);
    expect(meetings.items[0]).toMatchObject({ id: world.ids.followUp, kind: 'uppfoljning', heldOn: swedishToday(7) });

    const consents = cardOf(page, 'consents');
    expect(consents.total).toBe(1);
    expect(consents.items[0]).toMatchObject({ id: world.consentId, caseId: world.caseId, validTo: swedishToday(20) });

    const events = await t.auditEvents(world.tenant, 'attention.read');
    expect(events.some((e) => e.actorUserId === world.coordinator.userId && e.personId === world.person.id && e.resourceId === world.caseId)).toBe(true);
  });

  it('the youth leader sees their own commitment and the meeting; the mentor only their own action, no meetings', async () => {
    const world = await planWorld();
    const leader = await attention(world.youthLeader);
    expect(cardIds(leader)).toEqual(['commitments', 'meetings']);
    expect(cardOf(leader, 'commitments').items.map((i) => i.id)).toEqual([world.ids.leaderAction]);
    expect(cardOf(leader, 'commitments').items[0]).toMatchObject({ mine: true, overdue: false });
    expect(cardOf(leader, 'meetings').items.map((i) => i.id)).toEqual([world.ids.followUp]);

    const mentor = await attention(world.mentor);
    expect(cardIds(mentor)).toEqual(['assignedActions']);
    const assigned = cardOf(mentor, 'assignedActions');
    // Not the club mate's action, though it is the same organisation's: a mentor sees only what is assigned to them.
    expect(assigned.total).toBe(1);
    expect(assigned.items.map((i) => i.id)).toEqual([world.ids.mentorAction]);
    expect(assigned.items[0]).toMatchObject({ overdue: true, mine: true });
  });

  it('after the consent is withdrawn the team sees nothing of the case; the director still does', async () => {
    const world = await planWorld();
    await withdrawConsent(t, world.coordinator, world.consentId);
    expect(cardOf(await attention(world.mentor), 'assignedActions')).toMatchObject({ total: 0, items: [] });
    const leader = await attention(world.youthLeader);
    expect(cardOf(leader, 'commitments').total).toBe(0);
    expect(cardOf(leader, 'meetings').total).toBe(0);
    const director = await attention(world.coordinator);
    expect(cardOf(director, 'meetings').total).toBe(1);
    // A withdrawn consent needs no renewal.
    expect(cardOf(director, 'consents').total).toBe(0);
  });

  it('nobody outside the team, the organisation or the tenant sees the items', async () => {
    const world = await planWorld();
    const otherCoordinator = await t.member(world.tenant, world.coordinatorOrg, 'koordinator');
    const teacher = await t.member(world.tenant, await t.organisation(world.tenant, 'skola'), 'skolpersonal');
    const otherTenant = await t.tenant();
    const foreign = await t.member(otherTenant, await t.organisation(otherTenant, 'socialtjanst'), 'koordinator');
    for (const outsider of [otherCoordinator, teacher, foreign]) {
      const page = await attention(outsider);
      for (const card of page.cards) expect(card, `${outsider.role} ${card.id}`).toMatchObject({ total: 0, items: [] });
      expect(JSON.stringify(page)).not.toContain(world.caseId);
    }
  });
});

describe('pending invitations', () => {
  it('the administrator sees users of this tenant who have not set a password, not those of another tenant', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'skola');
    const admin = await t.member(tenant, org, 'administrator');
    expect(cardIds(await attention(admin))).toEqual(['invitations']);
    expect(cardOf(await attention(admin), 'invitations')).toMatchObject({ total: 0, items: [] });

    const invitee = await createUserAccount(t.database.db, t.auth, { email: `ny-${randomUUID().slice(0, 8)}@test.samverka.se`, name: 'Nina Nyanställd' });
    await t.addMembership(tenant, org, invitee.id, 'skolpersonal');
    const otherTenant = await t.tenant();
    const elsewhere = await createUserAccount(t.database.db, t.auth, { email: `annan-${randomUUID().slice(0, 8)}@test.samverka.se`, name: 'Olle Annanstans' });
    await t.addMembership(otherTenant, await t.organisation(otherTenant, 'skola'), elsewhere.id, 'skolpersonal');

    const card = cardOf(await attention(admin), 'invitations');
    expect(card.total).toBe(1);
    expect(card.items[0]).toMatchObject({ userId: invitee.id, name: 'Nina Nyanställd', email: invitee.email, href: `/administration/anvandare/${invitee.id}` });
  });

  it('lists a pending invitation of someone who works in another tenant by the name this tenant gave, until they accept', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'skola');
    const admin = await t.member(tenant, org, 'administrator');
    const otherTenant = await t.tenant();
    const worker = await t.member(otherTenant, await t.organisation(otherTenant, 'skola'), 'skolpersonal');
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: admin.headers,
      payload: { email: worker.email, name: 'Namnet vi gav', organisationId: org.id, role: 'skolpersonal' },
    });
    expect(invited.statusCode).toBe(201);
    const card = cardOf(await attention(admin), 'invitations');
    expect(card.total).toBe(1);
    expect(card.items[0]).toMatchObject({ userId: worker.userId, name: 'Namnet vi gav' });

    await t.app.inject({ method: 'POST', url: `/api/session/invitations/${invited.json().membership.id}/accept`, headers: worker.headers });
    expect(cardOf(await attention(admin), 'invitations')).toMatchObject({ total: 0, items: [] });
  });
});

describe('who gets which cards', () => {
  it('roles with no card of an existing module get none, and the endpoint needs a session', async () => {
    const tenant = await t.tenant();
    const analyst = await t.member(tenant, await t.organisation(tenant, 'annan', { isAuthority: true }), 'analytiker');
    expect((await attention(analyst)).cards).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/attention' })).statusCode).toBe(401);
  });
});
