import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, organisation, user } from '../../db/schema';
import type { MemberRow } from './case-record';

/**
 * The people the director may invite from one organisation: its active memberships, one entry per
 * user with their roles, leaving out those already on the team for it. The engine is asked when one
 * of them is actually added.
 */
export async function candidates(tx: Tx, tenantId: string, organisationId: string, team: readonly MemberRow[]) {
  const rows = await tx
    .select({ userId: membership.userId, name: user.name, role: membership.role, organisationName: organisation.name })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.organisationId, organisationId), eq(membership.active, true), eq(user.active, true), eq(organisation.active, true)))
    .orderBy(user.name);
  const byUser = new Map<string, { userId: string; name: string; organisationId: string; organisationName: string; roles: string[] }>();
  for (const row of rows) {
    if (team.some((member) => member.userId === row.userId && member.organisationId === organisationId)) continue;
    const entry = byUser.get(row.userId) ?? { userId: row.userId, name: row.name, organisationId, organisationName: row.organisationName, roles: [] };
    entry.roles.push(row.role);
    byUser.set(row.userId, entry);
  }
  return [...byUser.values()];
}
