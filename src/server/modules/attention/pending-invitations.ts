import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { account, membership, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { ATTENTION_LIMIT, type InvitationItem } from '../../../shared/attention';
import type { CardList } from './card-list';

/**
 * Invitations not yet accepted: users with an active membership in this tenant who have not set a
 * password, the same notion as `userPasswordSet` in users/user-queries.ts (an invitee who has not used
 * their link). Everything that makes an invitation pending is decided in this one query, so a pending
 * membership state can be added here. The newest invitation first, one row per user.
 */
export async function pendingInvitations(tx: Tx, actor: Actor): Promise<CardList<InvitationItem>> {
  const passwordSet = sql`exists (select 1 from ${account} where ${account.userId} = ${user.id} and ${account.providerId} = 'credential' and ${account.password} is not null)`;
  const invitedAt = sql<Date>`max(${membership.createdAt})`.mapWith((value: string | Date) => new Date(value));
  const rows = await tx
    .select({ userId: user.id, name: user.name, email: user.email, invitedAt, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, actor.tenantId), eq(membership.active, true), eq(user.active, true), sql`not ${passwordSet}`))
    .groupBy(user.id, user.name, user.email)
    .orderBy(desc(invitedAt), user.id)
    .limit(ATTENTION_LIMIT);
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({ userId: row.userId, name: row.name, email: row.email, invitedAt: row.invitedAt.toISOString(), href: `/administration/anvandare/${encodeURIComponent(row.userId)}` })),
  };
}
