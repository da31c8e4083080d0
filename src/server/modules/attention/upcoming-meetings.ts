import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseMeeting } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import type { MeetingKind } from '../../../shared/cases';
import { ATTENTION_LIMIT, ATTENTION_MEETING_DAYS, type MeetingItem } from '../../../shared/attention';
import { addDays } from '../reminders/reminder-rules';
import type { CaseAccess } from './case-access';
import type { CardList } from './card-list';

/**
 * Meetings booked (not yet held) from today to 14 days ahead, in the open cases I reach where I may see
 * the meetings: the director, and team members of public authorities with consent (docs/CASE-ACCESS.md).
 * The soonest first.
 */
export async function upcomingMeetings(tx: Tx, actor: Actor, cases: readonly CaseAccess[], today: string): Promise<CardList<MeetingItem>> {
  const seen = cases.filter((c) => c.meetings);
  if (seen.length === 0) return { total: 0, items: [] };
  const rows = await tx
    .select({ id: caseMeeting.id, caseId: caseMeeting.caseId, kind: caseMeeting.kind, heldOn: caseMeeting.heldOn, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(caseMeeting)
    .where(
      and(
        eq(caseMeeting.tenantId, actor.tenantId),
        inArray(caseMeeting.caseId, seen.map((c) => c.caseId)),
        eq(caseMeeting.held, false),
        gte(caseMeeting.heldOn, today),
        lte(caseMeeting.heldOn, addDays(today, ATTENTION_MEETING_DAYS)),
      ),
    )
    .orderBy(asc(caseMeeting.heldOn), asc(caseMeeting.id))
    .limit(ATTENTION_LIMIT);
  const byCase = new Map(seen.map((c) => [c.caseId, c]));
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      personName: byCase.get(row.caseId)?.personName ?? '',
      kind: row.kind as MeetingKind,
      heldOn: row.heldOn,
      href: `/samverkan/${row.caseId}`,
    })),
    persons: rows.map((row) => ({ resourceType: 'case', resourceId: row.caseId, personId: byCase.get(row.caseId)!.personId })),
  };
}
