import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emailOutbox, inboxSubscription, membership, notification, organisation, user } from '../../db/schema';
import { INBOX_ROLES, type NotificationKind } from '../../../shared/notifications';
import { markQueued } from './outbox-signal';

export type { NotificationKind } from '../../../shared/notifications';

/**
 * What other modules tell the notifications module. Notifications never carry personal data:
 * only a kind, a link into the app, and who should hear of it.
 */
export interface NotificationRequest {
  tenantId: string;
  kind: NotificationKind;
  /** Path inside the web app, e.g. `/mottagning/<id>`: the only pointer to the matter. */
  link: string;
  /** Everyone subscribed to this organisation's inbox hears of it ... */
  organisationId?: string;
  /** ... or exactly these users (both may be given: the union hears of it, each once). */
  userIds?: string[];
}

interface Recipient {
  userId: string;
  email: boolean;
}

/**
 * Records in-app notifications in the caller's transaction (they commit with the event) and queues
 * e-mail in the outbox of the same transaction, sent after commit by the mail sender.
 */
export async function notify(tx: Tx, request: NotificationRequest): Promise<void> {
  assertInternalLink(request.link);
  const recipients = new Map<string, Recipient>();
  if (request.organisationId) {
    for (const r of await inboxSubscribers(tx, request.tenantId, request.organisationId, request.kind)) recipients.set(r.userId, r);
  }
  if (request.userIds && request.userIds.length > 0) {
    for (const userId of await activeMembersAmong(tx, request.tenantId, request.userIds)) {
      // Someone named explicitly hears of it by e-mail too, whatever an inbox choice says.
      recipients.set(userId, { userId, email: true });
    }
  }
  if (recipients.size === 0) return;
  const all = [...recipients.values()];
  await tx.insert(notification).values(all.map((r) => ({ tenantId: request.tenantId, userId: r.userId, kind: request.kind, link: request.link })));
  const mailed = all.filter((r) => r.email);
  if (mailed.length > 0) {
    await tx.insert(emailOutbox).values(mailed.map((r) => ({ tenantId: request.tenantId, userId: r.userId, kind: request.kind, link: request.link })));
    markQueued();
  }
}

/** The organisation's active members in the kind's inbox roles who have not opted out. */
async function inboxSubscribers(tx: Tx, tenantId: string, organisationId: string, kind: NotificationKind): Promise<Recipient[]> {
  const rows = await tx
    .select({ userId: membership.userId, email: sql<boolean>`bool_and(coalesce(${inboxSubscription.email}, true))` })
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .leftJoin(
      inboxSubscription,
      and(
        eq(inboxSubscription.tenantId, membership.tenantId),
        eq(inboxSubscription.organisationId, membership.organisationId),
        eq(inboxSubscription.userId, membership.userId),
      ),
    )
    .where(
      and(
        eq(membership.tenantId, tenantId),
        eq(membership.organisationId, organisationId),
        eq(membership.active, true),
        inArray(membership.role, [...INBOX_ROLES[kind]]),
        eq(organisation.active, true),
        eq(user.active, true),
        sql`coalesce(${inboxSubscription.subscribed}, true)`,
      ),
    )
    .groupBy(membership.userId);
  return rows.map((row) => ({ userId: row.userId, email: Boolean(row.email) }));
}

/** Only users who are active members of the tenant: a caller's list never reaches outside it. */
async function activeMembersAmong(tx: Tx, tenantId: string, userIds: string[]): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: membership.userId })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.active, true), eq(user.active, true), inArray(membership.userId, userIds)));
  return rows.map((row) => row.userId);
}

/** A link is a path in this app, never another host: it ends up in e-mail. */
function assertInternalLink(link: string): void {
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~/%?=&]*$/.test(link)) throw new Error(`notify(): not an internal link: ${link}`);
}
