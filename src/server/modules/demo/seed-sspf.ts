import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction, caseEvent, caseFactor, caseGoal, caseGuardian, caseMeeting, caseMember, concern, concernEvent, consentParty, sspfCase, user } from '../../db/schema';
import { appendAuditEvent, type AuditActor } from '../../audit/append';
import type { BlindIndex, FieldCipher } from '../../crypto/field-cipher';
import type { OrganisationType } from '../../../shared/organisations';
import type { Role } from '../../../shared/roles';
import { evaluateSharing } from '../../../shared/sharing-engine';
import { caseCrypto } from '../cases/case-crypto';
import type { CaseSection } from '../../../shared/cases';
import { consentCrypto } from '../consents/consent-crypto';
import { createConsent } from '../consents/create-consent';
import { todayInSweden } from '../consents/consent-rules';
import { concernCrypto, type StoredReporter, type StoredSubject } from '../concerns/concern-crypto';
import { deadlinesFor } from '../concerns/deadlines';
import { newReceiptCode } from '../concerns/receipt-code';
import { appendTimeline, type TimelineType } from '../concerns/timeline';
import { DEMO_USERS, demoEmail } from './demo-data';
import { DEMO_ACTIONS, DEMO_CASE_PERSON, DEMO_CONCERN, DEMO_CONCERN_PERSON, DEMO_CONSENT, DEMO_FACTORS, DEMO_GOALS, DEMO_MEETINGS, DEMO_TEAM } from './demo-sspf-data';

export interface SspfSeedContext {
  tenantId: string;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  organisationIds: Record<OrganisationType, string>;
  /** Demo person key → person id. */
  personIds: ReadonlyMap<string, string>;
  /** Demo person key → the keys of their guardians. */
  guardianKeys: ReadonlyMap<string, readonly string[]>;
}

const seeder = (tenantId: string): AuditActor => ({ tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: 'samverka seed-demo' });

/** YYYY-MM-DD, `offset` days from today in Sweden. */
function day(offset: number): string {
  const [y, m, d] = todayInSweden().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

async function demoUserIds(tx: Tx): Promise<Record<Role, string>> {
  const emails = DEMO_USERS.map(demoEmail);
  const rows = await tx.select({ id: user.id, email: user.email }).from(user).where(inArray(user.email, emails));
  const ids = {} as Record<Role, string>;
  for (const demoUser of DEMO_USERS) ids[demoUser.role] = rows.find((row) => row.email === demoEmail(demoUser))!.id;
  return ids;
}

/**
 * Alex's case and Wilma's concern, each written once: a run that finds them leaves them alone. Rows
 * are written with the case and consent modules' own encryption (bound to tenant, column and row),
 * so the case API reads them like any other.
 */
export async function ensureSspfDemo(tx: Tx, context: SspfSeedContext): Promise<void> {
  const users = await demoUserIds(tx);
  await ensureCase(tx, context, users);
  await ensureConcern(tx, context, users);
}

async function ensureCase(tx: Tx, context: SspfSeedContext, users: Record<Role, string>): Promise<void> {
  const { tenantId, organisationIds: orgs } = context;
  const personId = context.personIds.get(DEMO_CASE_PERSON)!;
  const [existing] = await tx.select({ id: sspfCase.id }).from(sspfCase).where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.personId, personId))).limit(1);
  if (existing) return;
  const guardianIds = context.guardianKeys.get(DEMO_CASE_PERSON)!.map((key) => context.personIds.get(key)!);
  const director = users.koordinator;
  const crypto = caseCrypto(context.cipher);
  const caseId = randomUUID();

  await tx.insert(sspfCase).values({ tenantId, id: caseId, personId, status: 'plan_aktiv', directorUserId: director, ownerOrganisationId: orgs.annan, openedAt: new Date(`${day(-65)}T09:00:00Z`) });
  // The chronology, backdated to when each step would have happened, in the case module's own event shapes.
  const event = (offset: number, type: string, section: CaseSection, actorUserId: string, details: Record<string, unknown>) =>
    tx.insert(caseEvent).values({ tenantId, caseId, personId, type, section, actorUserId, details, at: new Date(`${day(offset)}T10:00:00Z`) });
  const transition = (offset: number, from: string, to: string) => event(offset, 'case.transition', 'summary', director, { from, to, consentId });
  await event(-65, 'case.opened', 'summary', director, { concernId: null, directorUserId: director });

  const consentId = await createConsent(tx, consentCrypto(context.cipher), tenantId, director, {
    personId,
    caseId,
    organisationIds: DEMO_CONSENT.organisations.map((key) => orgs[key]),
    categories: [...DEMO_CONSENT.categories],
    purpose: DEMO_CONSENT.purpose,
    validFrom: day(DEMO_CONSENT.validFromDay),
  });
  const witness = (partyId: string) => consentCrypto(context.cipher).encrypt('consent_party.witness', tenantId, partyId, DEMO_CONSENT.witness);
  const parties = [...guardianIds.map((guardianId) => ({ kind: 'guardian', guardianId })), { kind: 'young_person', guardianId: null }];
  for (const party of parties) {
    const id = randomUUID();
    await tx.insert(consentParty).values({ tenantId, id, consentId, kind: party.kind, guardianId: party.guardianId, method: 'oral', witnessEncrypted: witness(id), givenOn: day(DEMO_CONSENT.givenOnDay), recordedBy: director });
  }
  await tx.update(sspfCase).set({ consentId }).where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.id, caseId)));
  await transition(DEMO_CONSENT.givenOnDay, 'aktualiserad', 'samtycke_inhamtat');

  // The team: each addition carries the engine's basis for sharing the collaboration with that organisation.
  const basis = evaluateSharing({
    from: { type: 'annan', isAuthority: true },
    to: { type: 'skola', isAuthority: true },
    personAge: 15,
    category: 'samverkan',
    purpose: 'sspf_samverkan',
    consent: 'in_scope',
  }).basis;
  for (const member of DEMO_TEAM) {
    const memberId = randomUUID();
    await tx.insert(caseMember).values({ tenantId, id: memberId, caseId, userId: users[member.role], organisationId: orgs[member.organisation], caseRole: member.caseRole, legalBasis: basis, addedBy: director });
    await event(-57, 'member.added', 'summary', director, { memberId, userId: users[member.role], organisationId: orgs[member.organisation] });
  }
  for (const guardianId of guardianIds) {
    await tx.insert(caseGuardian).values({ tenantId, caseId, guardianId, participates: true, noteEncrypted: null });
  }

  await transition(-56, 'samtycke_inhamtat', 'kartlaggning');
  const organisationOf = (role: Role) => orgs[DEMO_TEAM.find((member) => member.role === role)!.organisation];
  for (const factor of DEMO_FACTORS) {
    const id = randomUUID();
    await tx.insert(caseFactor).values({
      tenantId,
      id,
      caseId,
      domain: factor.domain,
      kind: factor.kind,
      level: factor.level,
      category: factor.category,
      crimeData: false,
      noteEncrypted: crypto.encrypt('case_factor.note', tenantId, id, factor.note),
      sourceOrganisationId: organisationOf(factor.recordedBy),
      createdBy: users[factor.recordedBy],
    });
    await event(-50, 'factor.added', `mapping_${factor.category}` as CaseSection, users[factor.recordedBy], { factorId: id, domain: factor.domain, kind: factor.kind, level: factor.level, category: factor.category, crimeData: false });
  }
  await transition(-35, 'kartlaggning', 'natverksmote');
  const goalIds: string[] = [];
  for (const text of DEMO_GOALS) {
    const id = randomUUID();
    goalIds.push(id);
    await tx.insert(caseGoal).values({ tenantId, id, caseId, textEncrypted: crypto.encrypt('case_goal.text', tenantId, id, text), createdBy: director });
    await event(-30, 'goal.added', 'summary', director, { goalId: id });
  }
  const actionIds: string[] = [];
  for (const action of DEMO_ACTIONS) {
    const id = randomUUID();
    actionIds.push(id);
    await tx.insert(caseAction).values({
      tenantId,
      id,
      caseId,
      goalId: goalIds[action.goal]!,
      type: action.type,
      responsibleOrganisationId: orgs[action.organisation],
      responsibleUserId: users[action.responsible],
      whatEncrypted: crypto.encrypt('case_action.what', tenantId, id, action.what),
      startOn: day(action.startDay),
      dueOn: day(action.dueDay),
      status: action.status,
      createdBy: director,
    });
    await event(-30, 'action.added', 'plan', director, { actionId: id, type: action.type, responsibleOrganisationId: orgs[action.organisation], responsibleUserId: users[action.responsible], dueOn: day(action.dueDay) });
  }
  for (const meeting of DEMO_MEETINGS) {
    const id = randomUUID();
    await tx.insert(caseMeeting).values({
      tenantId,
      id,
      caseId,
      kind: meeting.kind,
      heldOn: day(meeting.day),
      held: meeting.held,
      participantsEncrypted: crypto.encryptJson('case_meeting.participants', tenantId, id, meeting.participants),
      decisionsEncrypted: crypto.encrypt('case_meeting.decisions', tenantId, id, meeting.decisions),
      actionIds: meeting.held ? actionIds : [],
      createdBy: director,
    });
    await event(meeting.held ? meeting.day : -29, 'meeting.added', 'meetings', director, { meetingId: id, kind: meeting.kind, heldOn: day(meeting.day), held: meeting.held, participantCount: meeting.participants.length });
    if (meeting.held) await transition(meeting.day, 'natverksmote', 'plan_aktiv');
  }
  await appendAuditEvent(tx, seeder(tenantId), { action: 'case.open', resourceType: 'case', resourceId: caseId, personId, details: { source: 'demo' } });
}

async function ensureConcern(tx: Tx, context: SspfSeedContext, users: Record<Role, string>): Promise<void> {
  const { tenantId, organisationIds: orgs } = context;
  const personId = context.personIds.get(DEMO_CONCERN_PERSON)!;
  const [existing] = await tx.select({ id: concern.id }).from(concern).where(and(eq(concern.tenantId, tenantId), eq(concern.personId, personId))).limit(1);
  if (existing) return;
  const crypto = concernCrypto(context.cipher);
  const id = randomUUID();
  const receivedAt = new Date(`${day(DEMO_CONCERN.receivedDay)}T08:30:00Z`);
  const assessedAt = new Date(receivedAt.getTime() + 3 * 3600_000);
  const due = deadlinesFor(receivedAt);
  const { reporter } = DEMO_CONCERN;
  const storedReporter: StoredReporter = { contact: { name: reporter.name, phone: reporter.phone, email: reporter.email }, organisationName: reporter.organisationName, associationName: null };
  const storedSubject: StoredSubject = { name: 'Wilma Testberg', approximateAge: 14, school: reporter.organisationName, whereSeen: 'Centralstationen' };
  await tx.insert(concern).values({
    tenantId,
    id,
    kind: 'person',
    receiptHash: newReceiptCode(context.blindIndex).hash,
    status: 'under_bedomning',
    statusChangedAt: assessedAt,
    receivedAt,
    receivingOrganisationId: orgs.socialtjanst,
    assignedUserId: users.handlaggare,
    reporterRole: 'yrkesperson',
    reporterOrganisationType: 'skola',
    reporterDutyToReport: true,
    reporterEncrypted: crypto.encryptJson('reporter', tenantId, id, storedReporter),
    subjectEncrypted: crypto.encryptJson('subject', tenantId, id, storedSubject),
    categories: [...DEMO_CONCERN.categories],
    descriptionEncrypted: crypto.encrypt('description', tenantId, id, DEMO_CONCERN.description),
    guardiansKnow: 'ja',
    personId,
    assessmentResult: 'inget_akut_skyddsbehov',
    assessedAt,
    assessedBy: users.mottagning,
    assessmentDueAt: due.assessmentDueAt,
    decisionDueAt: due.decisionDueAt,
    updatedAt: assessedAt,
  });
  const step = (type: TimelineType, actorUserId: string, details: Record<string, unknown>) => appendTimeline(tx, crypto, { tenantId, concernId: id, type, actorUserId, details });
  // The public form's first entry has no actor, as in submit-report.ts.
  await tx.insert(concernEvent).values({ tenantId, concernId: id, type: 'received', occurredAt: receivedAt, details: { channel: 'public' } });
  await step('assessed', users.mottagning, { result: 'inget_akut_skyddsbehov' });
  await step('person_linked', users.mottagning, { personId });
  await step('assigned', users.mottagning, { assigneeUserId: users.handlaggare, assigneeName: 'Hanna Handläggare (demo)', previousAssigneeUserId: null });
  await appendAuditEvent(tx, seeder(tenantId), { action: 'concern.submit', resourceType: 'concern', resourceId: id, personId, details: { source: 'demo' } });
}
