import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction, caseFactor, caseGoal, caseGuardian, caseMeeting, caseMember, person, sspfCase } from '../../db/schema';
import type { ExtractCase } from '../../../shared/register-extract';
import type { Names } from './names';
import { bound, type ExtractTexts } from './texts';

/** The SSPF cases about the person: the team, the mapping, the plan and the meetings, decrypted. */
export async function casesPart(tx: Tx, texts: ExtractTexts, names: Names, tenantId: string, personId: string): Promise<ExtractCase[]> {
  const cases = await tx
    .select()
    .from(sspfCase)
    .where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.personId, personId)))
    .orderBy(asc(sspfCase.openedAt));
  const result: ExtractCase[] = [];
  for (const row of cases) {
    const members = await tx.select().from(caseMember).where(and(eq(caseMember.tenantId, tenantId), eq(caseMember.caseId, row.id))).orderBy(asc(caseMember.addedAt));
    const guardians = await tx
      .select({ guardianId: caseGuardian.guardianId, participates: caseGuardian.participates, noteEncrypted: caseGuardian.noteEncrypted, firstName: person.firstName, lastName: person.lastName })
      .from(caseGuardian)
      .leftJoin(person, and(eq(person.tenantId, caseGuardian.tenantId), eq(person.id, caseGuardian.guardianId)))
      .where(and(eq(caseGuardian.tenantId, tenantId), eq(caseGuardian.caseId, row.id)));
    const factors = await tx.select().from(caseFactor).where(and(eq(caseFactor.tenantId, tenantId), eq(caseFactor.caseId, row.id))).orderBy(asc(caseFactor.createdAt));
    const goals = await tx.select().from(caseGoal).where(and(eq(caseGoal.tenantId, tenantId), eq(caseGoal.caseId, row.id))).orderBy(asc(caseGoal.createdAt));
    const actions = await tx.select().from(caseAction).where(and(eq(caseAction.tenantId, tenantId), eq(caseAction.caseId, row.id))).orderBy(asc(caseAction.startOn));
    const meetings = await tx.select().from(caseMeeting).where(and(eq(caseMeeting.tenantId, tenantId), eq(caseMeeting.caseId, row.id))).orderBy(asc(caseMeeting.heldOn));
    result.push({
      id: row.id,
      status: row.status,
      openedAt: row.openedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
      closeReason: row.closeReason,
      outcome: row.outcome,
      closeNote: texts.text(row.closeNoteEncrypted, bound('sspf_case.close_note', tenantId, row.id)),
      director: names.user(row.directorUserId),
      ownerOrganisation: names.organisation(row.ownerOrganisationId),
      team: members.map((member) => ({
        name: names.user(member.userId),
        organisation: names.organisation(member.organisationId),
        caseRole: member.caseRole,
        addedAt: member.addedAt.toISOString(),
        removedAt: member.removedAt?.toISOString() ?? null,
      })),
      guardians: guardians.map((g) => ({
        name: g.firstName ? `${g.firstName} ${g.lastName}` : null,
        participates: g.participates,
        // The case module binds this note to the case and the guardian together.
        note: texts.text(g.noteEncrypted, bound('case_guardian.note', tenantId, `${row.id}:${g.guardianId}`)),
      })),
      factors: factors.map((factor) => ({
        domain: factor.domain,
        kind: factor.kind,
        level: factor.level,
        category: factor.category,
        note: texts.text(factor.noteEncrypted, bound('case_factor.note', tenantId, factor.id)),
        organisation: names.organisation(factor.sourceOrganisationId),
      })),
      goals: goals.map((goal) => ({ text: texts.text(goal.textEncrypted, bound('case_goal.text', tenantId, goal.id)), createdAt: goal.createdAt.toISOString() })),
      actions: actions.map((action) => ({
        type: action.type,
        what: texts.text(action.whatEncrypted, bound('case_action.what', tenantId, action.id)),
        organisation: names.organisation(action.responsibleOrganisationId),
        startOn: action.startOn,
        dueOn: action.dueOn,
        status: action.status,
      })),
      meetings: meetings.map((meeting) => ({
        kind: meeting.kind,
        heldOn: meeting.heldOn,
        held: meeting.held,
        participants: texts.json<unknown>(meeting.participantsEncrypted, bound('case_meeting.participants', tenantId, meeting.id)),
        decisions: texts.text(meeting.decisionsEncrypted, bound('case_meeting.decisions', tenantId, meeting.id)),
      })),
    });
  }
  return result;
}
