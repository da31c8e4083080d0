import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, organisation, user } from '../../db/schema';

/**
 * The SSPF coordinators of the tenant: whom the intake unit may hand a concern's person over to, as the
 * director of the SSPF case it opens from the concern (cases/open-case.ts checks the same membership).
 * Active users with an active coordinator membership in an active organisation, by name.
 */
export async function sspfCoordinators(tx: Tx, tenantId: string): Promise<{ userId: string; name: string }[]> {
  return tx
    .selectDistinct({ userId: membership.userId, name: user.name })
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.role, 'koordinator'), eq(membership.active, true), eq(organisation.active, true), eq(user.active, true)))
    .orderBy(user.name);
}
