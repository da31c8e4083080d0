import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { account, membership, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { ATTENTION_LIMIT, type InvitationItem } from '../../../shared/attention';
import type { CardList } from './card-list';

/**
 * Invitations not yet taken up: a membership here that waits for the person's answer (pending,
 * `accepted_at` null: an account another tenant also governs), or an active account that has not set
 * its password (an invitee who has not used their e-mailed link). A pending invitee is shown as this
 * tenant typed them, and whether their account is active elsewhere plays no part, so the card says
 * nothing about other tenants (docs/SECURITY.md). The newest invitation first, one row per user.
 */
export async function pendingInvitations(tx: Tx, actor: Actor): Promise<CardList<InvitationItem>> {
  const passwordSet = sql`exists (select 1 from ${account} where ${account.userId} = ${user.id} and ${account.providerId} = 'credential' and ${account.password} is not null)`;
  const invitedAt = sql<Date>`max(${membership.createdAt})`.mapWith((value: string | Date) => new Date(value));
  const pendingOnly = sql`bool_and(${membership.acceptedAt} is null)`;
  const name = sql<string>`case when ${pendingOnly} then coalesce(max(${membership.invitedName}), ${user.email}) else ${user.name} end`;
  const rows = await tx
    .select({ userId: user.id, name, email: user.email, invitedAt, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(
      and(
        eq(membership.tenantId, actor.tenantId),
        eq(membership.active, true),
        or(isNull(membership.acceptedAt), and(eq(user.active, true), sql`not ${passwordSet}`)),
      ),
    )
    .groupBy(user.id, user.name, user.email)
    .orderBy(desc(invitedAt), user.id)
    .limit(ATTENTION_LIMIT);
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({ userId: row.userId, name: row.name, email: row.email, invitedAt: row.invitedAt.toISOString(), href: `/administration/anvandare/${encodeURIComponent(row.userId)}` })),
  };
}
