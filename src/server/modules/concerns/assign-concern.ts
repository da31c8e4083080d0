import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, organisation, user } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { Actor } from '../../policy/actor';
import type { ConcernCrypto } from './concern-crypto';
import { updateConcern, type ConcernRow } from './concern-record';
import { notifyAssigned } from './concern-notifications';
import { appendTimeline } from './timeline';

/** The case officers (handläggare) of an organisation: who a concern may be assigned to. */
export async function caseOfficers(tx: Tx, tenantId: string, organisationId: string): Promise<{ userId: string; name: string }[]> {
  return tx
    .selectDistinct({ userId: membership.userId, name: user.name })
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .where(
      and(
        eq(membership.tenantId, tenantId),
        eq(membership.organisationId, organisationId),
        eq(membership.role, 'handlaggare'),
        eq(membership.active, true),
        eq(organisation.active, true),
        eq(user.active, true),
      ),
    )
    .orderBy(sql`${user.name}`, membership.userId);
}

/** Hands the concern to a case officer of the receiving organisation, or takes it back (`null`). */
export async function assignConcern(tx: Tx, actor: Actor, crypto: ConcernCrypto, row: ConcernRow, userId: string | null): Promise<Record<string, unknown>> {
  let assigneeName: string | null = null;
  if (userId !== null) {
    const officer = (await caseOfficers(tx, row.tenantId, row.receivingOrganisationId)).find((candidate) => candidate.userId === userId);
    if (!officer) throw invalid({ userId: 'not_a_case_officer' });
    assigneeName = officer.name;
  }
  await updateConcern(tx, row, { assignedUserId: userId });
  const details = { assigneeUserId: userId, assigneeName, previousAssigneeUserId: row.assignedUserId };
  await appendTimeline(tx, crypto, { tenantId: row.tenantId, concernId: row.id, type: 'assigned', actorUserId: actor.userId, details });
  if (userId !== null) await notifyAssigned(tx, { tenantId: row.tenantId, concernId: row.id, userId });
  return details;
}
