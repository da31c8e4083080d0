import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { exchangeMatch } from '../../db/schema';
import type { DueReminder } from '../reminders/find-due-reminders';

/** Where the web shows one match (the web helper's route). */
export const exchangeMatchLink = (matchId: string) => `/bostadsutbyte/matchningar/${matchId}`;

/**
 * The follow-up 3 months after a move (issue 16 §3): once, to the named sending officer, when the match is
 * moved and the follow-up is due. The notification says nothing about the young person.
 */
export async function exchangeFollowUpsDue(tx: Tx, tenantId: string, today: string): Promise<DueReminder[]> {
  const rows = await tx
    .select({ id: exchangeMatch.id, officer: exchangeMatch.officerUserId })
    .from(exchangeMatch)
    .where(and(eq(exchangeMatch.tenantId, tenantId), eq(exchangeMatch.side, 'sender'), eq(exchangeMatch.status, 'flyttad'), isNotNull(exchangeMatch.officerUserId), lte(exchangeMatch.followUpDue, today)));
  return rows.map((row) => ({ subjectId: row.id, reminder: 'exchange_followup_due', kind: 'exchange.followup_due', link: exchangeMatchLink(row.id), userIds: [row.officer!] }));
}
