import { and, eq, gte, inArray, isNull, lt, lte, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction, caseMeeting, consent, forum, forumDecision, membership, referral, sspfCase, user } from '../../db/schema';
import type { NotificationKind } from '../../../shared/notifications';
import { CONSENT_EXPIRY_REMINDER_DAYS } from '../../../shared/consents';
import { addDays, caseLink, consentLink, FOLLOW_UP_REMINDER_DAYS, forumLink, type Reminder } from './reminder-rules';
import { mentorVettingExpiring } from '../mentors/reminders';
import { exchangeFollowUpsDue } from '../housing-exchange/reminders';
import { MENTORS_PATH } from '../../../shared/mentors';

export interface DueReminder {
  subjectId: string;
  reminder: Reminder;
  kind: NotificationKind;
  link: string;
  userIds: string[];
  /** Also the organisation's inbox (a referral's provider). */
  organisationId?: string;
}

/** Follow-up meetings not yet held, due from today to two days ahead, in open cases: to the director. */
async function followUpsDue(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  const rows = await tx
    .select({ id: caseMeeting.id, caseId: caseMeeting.caseId, director: sspfCase.directorUserId })
    .from(caseMeeting)
    .innerJoin(sspfCase, and(eq(sspfCase.tenantId, caseMeeting.tenantId), eq(sspfCase.id, caseMeeting.caseId)))
    .where(
      and(
        eq(caseMeeting.tenantId, tenantId),
        eq(caseMeeting.held, false),
        gte(caseMeeting.heldOn, today),
        lte(caseMeeting.heldOn, addDays(today, FOLLOW_UP_REMINDER_DAYS)),
        ne(sspfCase.status, 'avslutad'),
      ),
    );
  return rows.map((row) => ({ subjectId: row.id, reminder: 'follow_up_due', kind: 'case.follow_up_due', link: caseLink(row.caseId), userIds: [row.director] }));
}

/** Planned or ongoing actions past their due day, in open cases: to the responsible (else the director) and the director. */
async function actionsOverdue(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  const rows = await tx
    .select({ id: caseAction.id, caseId: caseAction.caseId, responsible: caseAction.responsibleUserId, director: sspfCase.directorUserId })
    .from(caseAction)
    .innerJoin(sspfCase, and(eq(sspfCase.tenantId, caseAction.tenantId), eq(sspfCase.id, caseAction.caseId)))
    .where(and(eq(caseAction.tenantId, tenantId), lt(caseAction.dueOn, today), inArray(caseAction.status, ['planerad', 'pagar']), ne(sspfCase.status, 'avslutad')));
  return rows.map((row) => ({
    subjectId: row.id,
    reminder: 'action_overdue',
    kind: 'case.action_overdue',
    link: caseLink(row.caseId),
    userIds: [...new Set([row.responsible ?? row.director, row.director])],
  }));
}

/**
 * Consents in force that end within the reminder window: to the case's director, or every coordinator
 * when there is no case. A consent of a closed case needs no renewal: no reminder.
 */
async function consentsExpiring(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  const rows = await tx
    .select({ id: consent.id, caseId: sspfCase.id, director: sspfCase.directorUserId, caseStatus: sspfCase.status })
    .from(consent)
    .leftJoin(sspfCase, and(eq(sspfCase.tenantId, consent.tenantId), eq(sspfCase.id, consent.caseId)))
    .where(
      and(
        eq(consent.tenantId, tenantId),
        isNull(consent.withdrawnAt),
        gte(consent.validTo, today),
        lte(consent.validTo, addDays(today, CONSENT_EXPIRY_REMINDER_DAYS)),
      ),
    );
  const open = rows.filter((row) => row.caseStatus !== 'avslutad');
  if (open.length === 0) return [];
  const coordinators = open.some((row) => !row.director) ? await tenantCoordinators(tx, tenantId) : [];
  return open.map((row) => ({
    subjectId: row.id,
    reminder: 'consent_expiring',
    kind: 'consent.expiring',
    link: row.caseId ? caseLink(row.caseId) : consentLink(row.id),
    userIds: row.director ? [row.director] : coordinators,
  }));
}

async function tenantCoordinators(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: membership.userId })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.role, 'koordinator'), eq(membership.active, true), eq(user.active, true)));
  return rows.map((row) => row.userId);
}

/**
 * Forum decisions (issue 15 §2) open or in progress past their due day: to the owner person when they
 * have an account, else to the forum's chair, who follows the decision up. Once per decision.
 */
async function forumDecisionsOverdue(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  const rows = await tx
    .select({ id: forumDecision.id, forumId: forumDecision.forumId, owner: forumDecision.ownerUserId, chair: forum.chairUserId })
    .from(forumDecision)
    .innerJoin(forum, and(eq(forum.tenantId, forumDecision.tenantId), eq(forum.id, forumDecision.forumId)))
    .where(and(eq(forumDecision.tenantId, tenantId), lt(forumDecision.dueOn, today), inArray(forumDecision.status, ['open', 'in_progress'])));
  return rows.map((row) => ({ subjectId: row.id, reminder: 'forum_decision_overdue', kind: 'forum.decision_overdue', link: forumLink(row.forumId), userIds: [row.owner ?? row.chair] }));
}

export async function findDueReminders(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  return [
    ...(await followUpsDue(tx, tenantId, today)),
    ...(await actionsOverdue(tx, tenantId, today)),
    ...(await consentsExpiring(tx, tenantId, today)),
    ...(await forumDecisionsOverdue(tx, tenantId, today)),
    ...(await vettingsExpiring(tx, tenantId, today)),
    ...(await referralsOverdue(tx, tenantId, today)),
    ...(await exchangeFollowUpsDue(tx, tenantId, today)),
  ];
}

/** Mentors' vetting checks that expire within 30 days (issue 15 §5): once per check, to the mentor's organisation. */
async function vettingsExpiring(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  return (await mentorVettingExpiring(tx, tenantId, today)).map((due) => ({
    subjectId: due.checkId,
    reminder: 'mentor_vetting_expiring',
    kind: 'mentor.vetting_expiring',
    link: `${MENTORS_PATH}/${due.mentorId}`,
    userIds: due.userIds,
  }));
}

/**
 * Referrals still waiting for the provider's answer after the response time (issue 15 §4): once, to the
 * provider organisation's inbox and to the case's director (a BVC referral has none).
 */
async function referralsOverdue(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  const rows = await tx
    .select({ id: referral.id, provider: referral.providerOrganisationId, director: sspfCase.directorUserId })
    .from(referral)
    .leftJoin(sspfCase, and(eq(sspfCase.tenantId, referral.tenantId), eq(sspfCase.id, referral.caseId)))
    .where(and(eq(referral.tenantId, tenantId), eq(referral.status, 'vantar_svar'), lt(referral.respondBy, today)));
  return rows.map((row) => ({ subjectId: row.id, reminder: 'referral_overdue', kind: 'referral.overdue', link: '/hanvisningar', userIds: row.director ? [row.director] : [], organisationId: row.provider }));
}
