import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp } from '../factories';
import { caseFactor, concern } from '../../src/server/db/schema';
import type { CaseDetail, CaseSummary } from '../../src/shared/cases';
import { addMember, caseStep, caseWorld, giveConsent, openCase, readCase, sectionVisible, swedishToday, withdrawConsent, youngPerson } from './cases-support';
import { readPdf } from './associations-pdf-text';

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
    expect((await move('plan_aktiv')).statusCode).toBe(404);

    const all = await t.auditEvents(world.tenant, 'case.transition');
    const changes = all.filter((e) => e.outcome === 'allowed');
    expect(changes).toHaveLength(7);
    // Moving a closed case is refused like a case one cannot reach, and the refusal is audited.
    expect(all.filter((e) => e.outcome === 'denied')).toHaveLength(1);
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

void and;
void eq;
void caseFactor;
void addMember;
void readPdf;
export type { CaseSummary };
