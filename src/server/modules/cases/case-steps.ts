import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client';
import { caseAction, caseFactor, caseGoal, caseGuardian, caseMeeting, caseMember, membership, personGuardian } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { AppError, invalid, notFound } from '../../http/errors';
import type {
  actionInputSchema,
  actionUpdateSchema,
  addMemberInputSchema,
  closeCaseInputSchema,
  factorInputSchema,
  factorUpdateSchema,
  goalInputSchema,
  guardianParticipationInputSchema,
  meetingHeldInputSchema,
  meetingInputSchema,
  protectedIdentityDecisionInputSchema,
  CaseSection,
} from '../../../shared/cases';
import type { CaseCrypto } from './case-crypto';
import type { CaseEventInput, CaseRow, MemberRow } from './case-record';
import { ORGANISATION_CATEGORY } from './visibility';
import { now } from '../../clock';

/** What a step hands back to the route: the chronology entry, the audit details and basis. */
export interface StepOutcome {
  event: CaseEventInput;
  details?: Record<string, unknown>;
  legalBasis?: string | null;
  /** The row the route should re-read for the answer (a changed case). */
  changes?: Record<string, unknown>;
}

export interface StepContext {
  tx: Tx;
  actor: Actor;
  crypto: CaseCrypto;
  row: CaseRow;
  members: readonly MemberRow[];
}

export async function closeCase(ctx: StepContext, input: z.infer<typeof closeCaseInputSchema>): Promise<StepOutcome> {
  const { row } = ctx;
  return {
    changes: {
      status: 'avslutad',
      closeReason: input.reason,
      outcome: input.outcome,
      closedAt: now(),
      closeNoteEncrypted: input.note ? ctx.crypto.encrypt('sspf_case.close_note', row.tenantId, row.id, input.note) : null,
    },
    event: { type: 'case.closed', section: 'summary', details: { from: row.status, reason: input.reason, outcome: input.outcome } },
    details: { from: row.status, reason: input.reason, outcome: input.outcome },
  };
}

/** The membership the new team member must hold: that user, in that organisation, in this tenant. */
export async function assertMembership(tx: Tx, tenantId: string, input: z.infer<typeof addMemberInputSchema>): Promise<void> {
  const [found] = await tx
    .select({ id: membership.id })
    .from(membership)
    .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, input.userId), eq(membership.organisationId, input.organisationId), eq(membership.active, true)))
    .limit(1);
  if (!found) throw invalid({ userId: 'case_member_no_membership' });
}

export async function addMember(ctx: StepContext, input: z.infer<typeof addMemberInputSchema>, legalBasis: string, rule: { ruleId: string; ruleVersion: string | null } = { ruleId: 'okand', ruleVersion: null }): Promise<StepOutcome> {
  const { tx, row, actor } = ctx;
  if (ctx.members.some((m) => m.userId === input.userId && m.organisationId === input.organisationId)) throw new AppError(409, 'conflict', { userId: 'case_member_exists' });
  const id = randomUUID();
  await tx.insert(caseMember).values({ tenantId: row.tenantId, id, caseId: row.id, userId: input.userId, organisationId: input.organisationId, caseRole: input.caseRole, legalBasis, ruleId: rule.ruleId, ruleVersion: rule.ruleVersion, addedBy: actor.userId });
  // The disclosure records the rule and the rule version it rests on (issue 17 §3), here and in the audit event.
  const details = { memberId: id, userId: input.userId, organisationId: input.organisationId, ruleId: rule.ruleId, ruleVersion: rule.ruleVersion };
  return { event: { type: 'member.added', section: 'summary', details }, details, legalBasis };
}

export async function removeMember(ctx: StepContext, memberId: string): Promise<StepOutcome> {
  const { tx, row } = ctx;
  const member = ctx.members.find((m) => m.id === memberId);
  if (!member) throw notFound();
  await tx.update(caseMember).set({ removedAt: now() }).where(and(eq(caseMember.tenantId, row.tenantId), eq(caseMember.id, memberId), isNull(caseMember.removedAt)));
  const details = { memberId, userId: member.userId, organisationId: member.organisationId };
  return { event: { type: 'member.removed', section: 'summary', details }, details };
}

export async function setGuardianParticipation(ctx: StepContext, input: z.infer<typeof guardianParticipationInputSchema>): Promise<StepOutcome> {
  const { tx, row } = ctx;
  const [guardian] = await tx
    .select({ id: personGuardian.guardianId })
    .from(personGuardian)
    .where(and(eq(personGuardian.tenantId, row.tenantId), eq(personGuardian.childId, row.personId), eq(personGuardian.guardianId, input.guardianId)));
  if (!guardian) throw invalid({ guardianId: 'case_guardian_unknown' });
  const noteEncrypted = input.note ? ctx.crypto.encrypt('case_guardian.note', row.tenantId, `${row.id}:${input.guardianId}`, input.note) : null;
  await tx
    .insert(caseGuardian)
    .values({ tenantId: row.tenantId, caseId: row.id, guardianId: input.guardianId, participates: input.participates, noteEncrypted })
    .onConflictDoUpdate({ target: [caseGuardian.tenantId, caseGuardian.caseId, caseGuardian.guardianId], set: { participates: input.participates, noteEncrypted, updatedAt: now() } });
  const details = { guardianId: input.guardianId, participates: input.participates };
  return { event: { type: 'guardian.participation', section: 'summary', details }, details };
}

export async function addFactor(ctx: StepContext, input: z.infer<typeof factorInputSchema>, isDirector: boolean): Promise<StepOutcome> {
  const { tx, row, actor } = ctx;
  // A team member of an authority records what their own organisation knows, in its own category.
  if (!isDirector && ORGANISATION_CATEGORY[actor.organisationType] !== input.category) throw invalid({ category: 'case_factor_own_category' });
  const id = randomUUID();
  await tx.insert(caseFactor).values({
    tenantId: row.tenantId,
    id,
    caseId: row.id,
    domain: input.domain,
    kind: input.kind,
    level: input.level,
    category: input.category,
    crimeData: input.crimeData,
    noteEncrypted: ctx.crypto.encrypt('case_factor.note', row.tenantId, id, input.note),
    sourceOrganisationId: actor.organisationId,
    createdBy: actor.userId,
  });
  const details = { factorId: id, domain: input.domain, kind: input.kind, level: input.level, category: input.category, crimeData: input.crimeData };
  return { event: { type: 'factor.added', section: `mapping_${input.category}` as CaseSection, details }, details };
}

export async function findFactor(tx: Tx, row: CaseRow, factorId: string) {
  const [factor] = await tx.select().from(caseFactor).where(and(eq(caseFactor.tenantId, row.tenantId), eq(caseFactor.caseId, row.id), eq(caseFactor.id, factorId)));
  return factor ?? null;
}

export async function updateFactor(ctx: StepContext, factor: typeof caseFactor.$inferSelect, input: z.infer<typeof factorUpdateSchema>): Promise<StepOutcome> {
  const { tx, row } = ctx;
  await tx
    .update(caseFactor)
    .set({
      ...(input.level ? { level: input.level } : {}),
      ...(input.note !== undefined ? { noteEncrypted: ctx.crypto.encrypt('case_factor.note', row.tenantId, factor.id, input.note) } : {}),
      updatedAt: now(),
    })
    .where(and(eq(caseFactor.tenantId, row.tenantId), eq(caseFactor.id, factor.id)));
  const details = { factorId: factor.id, category: factor.category, level: input.level ?? factor.level, noteChanged: input.note !== undefined };
  return { event: { type: 'factor.updated', section: `mapping_${factor.category}` as CaseSection, details }, details };
}

export async function addGoal(ctx: StepContext, input: z.infer<typeof goalInputSchema>): Promise<StepOutcome> {
  const { tx, row, actor } = ctx;
  const id = randomUUID();
  await tx.insert(caseGoal).values({ tenantId: row.tenantId, id, caseId: row.id, textEncrypted: ctx.crypto.encrypt('case_goal.text', row.tenantId, id, input.text), createdBy: actor.userId });
  return { event: { type: 'goal.added', section: 'summary', details: { goalId: id } }, details: { goalId: id } };
}

/** The responsible organisation must be the owner's or a team member's; the responsible user a team member (or the director). */
function assertResponsible(ctx: StepContext, organisationId: string | null, userId: string | null | undefined): void {
  const { row, members } = ctx;
  if (organisationId !== null && organisationId !== row.ownerOrganisationId && !members.some((m) => m.organisationId === organisationId)) {
    throw invalid({ responsibleOrganisationId: 'case_responsible_not_on_team' });
  }
  if (userId && userId !== row.directorUserId && !members.some((m) => m.userId === userId)) throw invalid({ responsibleUserId: 'case_responsible_not_on_team' });
}

export async function addAction(ctx: StepContext, input: z.infer<typeof actionInputSchema>): Promise<StepOutcome> {
  const { tx, row, actor } = ctx;
  assertResponsible(ctx, input.responsibleOrganisationId, input.responsibleUserId);
  if (input.goalId) {
    const [goal] = await tx.select({ id: caseGoal.id }).from(caseGoal).where(and(eq(caseGoal.tenantId, row.tenantId), eq(caseGoal.caseId, row.id), eq(caseGoal.id, input.goalId)));
    if (!goal) throw invalid({ goalId: 'case_goal_unknown' });
  }
  const id = randomUUID();
  await tx.insert(caseAction).values({
    tenantId: row.tenantId,
    id,
    caseId: row.id,
    goalId: input.goalId ?? null,
    type: input.type,
    responsibleOrganisationId: input.responsibleOrganisationId,
    responsibleUserId: input.responsibleUserId ?? null,
    whatEncrypted: ctx.crypto.encrypt('case_action.what', row.tenantId, id, input.what),
    startOn: input.startOn,
    dueOn: input.dueOn,
    createdBy: actor.userId,
  });
  const details = { actionId: id, type: input.type, responsibleOrganisationId: input.responsibleOrganisationId, responsibleUserId: input.responsibleUserId ?? null, dueOn: input.dueOn };
  return { event: { type: 'action.added', section: 'plan', details }, details };
}

export async function findAction(tx: Tx, row: CaseRow, actionId: string) {
  const [action] = await tx.select().from(caseAction).where(and(eq(caseAction.tenantId, row.tenantId), eq(caseAction.caseId, row.id), eq(caseAction.id, actionId)));
  return action ?? null;
}

export async function updateAction(ctx: StepContext, action: typeof caseAction.$inferSelect, input: z.infer<typeof actionUpdateSchema>): Promise<StepOutcome> {
  const { tx, row } = ctx;
  if (input.responsibleUserId !== undefined) assertResponsible(ctx, null, input.responsibleUserId);
  if (input.dueOn && input.dueOn < action.startOn) throw invalid({ dueOn: 'before_start' });
  await tx
    .update(caseAction)
    .set({
      ...(input.status ? { status: input.status } : {}),
      ...(input.what ? { whatEncrypted: ctx.crypto.encrypt('case_action.what', row.tenantId, action.id, input.what) } : {}),
      ...(input.dueOn ? { dueOn: input.dueOn } : {}),
      ...(input.responsibleUserId !== undefined ? { responsibleUserId: input.responsibleUserId } : {}),
      updatedAt: now(),
    })
    .where(and(eq(caseAction.tenantId, row.tenantId), eq(caseAction.id, action.id)));
  const details = { actionId: action.id, status: input.status ?? action.status, responsibleUserId: input.responsibleUserId ?? action.responsibleUserId, dueOn: input.dueOn ?? action.dueOn, whatChanged: input.what !== undefined };
  return { event: { type: 'action.updated', section: 'plan', details }, details };
}

/** The actions a meeting names must be this case's own. */
async function assertCaseActions(ctx: StepContext, actionIds: readonly string[]): Promise<void> {
  if (actionIds.length === 0) return;
  const { tx, row } = ctx;
  const found = await tx.select({ id: caseAction.id }).from(caseAction).where(and(eq(caseAction.tenantId, row.tenantId), eq(caseAction.caseId, row.id), inArray(caseAction.id, [...actionIds])));
  if (found.length !== new Set(actionIds).size) throw invalid({ actionIds: 'case_action_unknown' });
}

export async function addMeeting(ctx: StepContext, input: z.infer<typeof meetingInputSchema>): Promise<StepOutcome> {
  const { tx, row, actor } = ctx;
  await assertCaseActions(ctx, input.actionIds);
  const id = randomUUID();
  await tx.insert(caseMeeting).values({
    tenantId: row.tenantId,
    id,
    caseId: row.id,
    kind: input.kind,
    heldOn: input.heldOn,
    held: input.held,
    participantsEncrypted: ctx.crypto.encryptJson('case_meeting.participants', row.tenantId, id, input.participants),
    decisionsEncrypted: ctx.crypto.encrypt('case_meeting.decisions', row.tenantId, id, input.decisions),
    actionIds: input.actionIds,
    createdBy: actor.userId,
  });
  const details = { meetingId: id, kind: input.kind, heldOn: input.heldOn, held: input.held, participantCount: input.participants.length };
  return { event: { type: 'meeting.added', section: 'meetings', details }, details };
}

/** Records a planned meeting as held. A meeting already held is not rewritten: a new one is recorded instead. */
export async function recordMeetingHeld(ctx: StepContext, meetingId: string, input: z.infer<typeof meetingHeldInputSchema>): Promise<StepOutcome> {
  const { tx, row } = ctx;
  const [meeting] = await tx
    .select({ id: caseMeeting.id, held: caseMeeting.held, kind: caseMeeting.kind })
    .from(caseMeeting)
    .where(and(eq(caseMeeting.tenantId, row.tenantId), eq(caseMeeting.caseId, row.id), eq(caseMeeting.id, meetingId)));
  if (!meeting) throw notFound();
  if (meeting.held) throw new AppError(409, 'conflict', { meetingId: 'case_meeting_already_held' });
  await assertCaseActions(ctx, input.actionIds);
  await tx
    .update(caseMeeting)
    .set({
      held: true,
      heldOn: input.heldOn,
      participantsEncrypted: ctx.crypto.encryptJson('case_meeting.participants', row.tenantId, meetingId, input.participants),
      decisionsEncrypted: ctx.crypto.encrypt('case_meeting.decisions', row.tenantId, meetingId, input.decisions),
      actionIds: input.actionIds,
    })
    .where(and(eq(caseMeeting.tenantId, row.tenantId), eq(caseMeeting.id, meetingId)));
  const details = { meetingId, kind: meeting.kind, heldOn: input.heldOn, participantCount: input.participants.length };
  return { event: { type: 'meeting.held', section: 'meetings', details }, details };
}

export async function decideProtectedIdentity(ctx: StepContext, input: z.infer<typeof protectedIdentityDecisionInputSchema>): Promise<StepOutcome> {
  const { row, actor } = ctx;
  return {
    changes: {
      protectedDecisionAllow: input.allowSharing,
      protectedDecisionAt: now(),
      protectedDecisionBy: actor.userId,
      protectedDecisionNoteEncrypted: ctx.crypto.encrypt('sspf_case.protected_decision_note', row.tenantId, row.id, input.note),
    },
    event: { type: 'protected_identity.decision', section: 'summary', details: { allowSharing: input.allowSharing } },
    details: { allowSharing: input.allowSharing },
  };
}
