import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
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

/**
 * Records in-app notifications in the caller's transaction (they commit with the event) and queues
 * e-mail in the outbox of the same transaction, sent after commit by the mail sender. The
 * organisation's active members in the kind's inbox roles who have not opted out hear of it; users
 * named explicitly hear of it by e-mail too, whatever an inbox choice says.
 */
export async function notify(tx: Tx, request: NotificationRequest): Promise<void> {
  await notifyAll(tx, request.tenantId, [request]);
}

/** A link is a path in this app, never another host: it ends up in e-mail. */
function assertInternalLink(link: string): void {
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~/%?=&]*$/.test(link)) throw new Error(`notify(): not an internal link: ${link}`);
}

/**
 * The same as notify() for several requests of one tenant, in ONE statement: the database function
 * app_notify_all (migration 0012) resolves the recipients and writes the notification and outbox
 * rows, its plan made once per connection. For group commit, where a single transaction carries
 * many events; each request keeps notify()'s rules (inbox roles and choices, active members only,
 * someone named is mailed).
 */
export async function notifyAll(tx: Tx, tenantId: string, requests: readonly Omit<NotificationRequest, 'tenantId'>[]): Promise<void> {
  if (requests.length === 0) return;
  const result = await tx.execute<{ mailed: number | string }>(
    sql`select app_notify_all(${tenantId}::uuid, ${JSON.stringify(notificationDocuments(requests))}::jsonb) as mailed`,
  );
  if (Number(result.rows[0]?.mailed ?? 0) > 0) markQueued();
}

/** Requests as app_notify_all takes them: each with the inbox roles of its kind. */
export function notificationDocuments(requests: readonly Omit<NotificationRequest, 'tenantId'>[]): Record<string, unknown>[] {
  return requests.map((request) => {
    assertInternalLink(request.link);
    return {
      kind: request.kind,
      link: request.link,
      organisation_id: request.organisationId ?? null,
      roles: request.organisationId ? INBOX_ROLES[request.kind] : [],
      user_ids: request.userIds ?? [],
    };
  });
}
