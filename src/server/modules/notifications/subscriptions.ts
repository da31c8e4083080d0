import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { inboxSubscription, membership, organisation } from '../../db/schema';
import { INBOX_SUBSCRIBER_ROLES } from '../../../shared/notifications';

export interface MyInbox {
  organisationId: string;
  organisationName: string;
  subscribed: boolean;
  email: boolean;
}

/** The inboxes the user belongs to in this tenant (an active membership in an inbox role), with their choice. */
export async function listMyInboxes(tx: Tx, tenantId: string, userId: string): Promise<MyInbox[]> {
  const rows = await tx
    .selectDistinct({
      organisationId: organisation.id,
      organisationName: organisation.name,
      subscribed: inboxSubscription.subscribed,
      email: inboxSubscription.email,
    })
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .leftJoin(
      inboxSubscription,
      and(eq(inboxSubscription.tenantId, membership.tenantId), eq(inboxSubscription.organisationId, membership.organisationId), eq(inboxSubscription.userId, membership.userId)),
    )
    .where(
      and(
        eq(membership.tenantId, tenantId),
        eq(membership.userId, userId),
        eq(membership.active, true),
        eq(organisation.active, true),
        inArray(membership.role, [...INBOX_SUBSCRIBER_ROLES]),
      ),
    )
    .orderBy(asc(organisation.name), asc(organisation.id));
  return rows.map((row) => ({ ...row, subscribed: row.subscribed ?? true, email: row.email ?? true }));
}

export async function saveSubscription(tx: Tx, tenantId: string, organisationId: string, userId: string, choice: { subscribed: boolean; email: boolean }): Promise<void> {
  await tx
    .insert(inboxSubscription)
    .values({ tenantId, organisationId, userId, ...choice })
    .onConflictDoUpdate({
      target: [inboxSubscription.tenantId, inboxSubscription.organisationId, inboxSubscription.userId],
      set: { ...choice, updatedAt: new Date() },
    });
}
