import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { notification } from '../../db/schema';
import type { Notification, NotificationKind } from '../../../shared/notifications';

export type NotificationRow = typeof notification.$inferSelect;

/** The user's own notifications, newest first. Row-level security also keeps every other user's out. */
export async function listMyNotifications(tx: Tx, tenantId: string, userId: string, options: { limit: number; unreadOnly: boolean }): Promise<NotificationRow[]> {
  return tx
    .select()
    .from(notification)
    .where(and(eq(notification.tenantId, tenantId), eq(notification.userId, userId), options.unreadOnly ? isNull(notification.readAt) : undefined))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(options.limit);
}

export async function countUnread(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notification)
    .where(and(eq(notification.tenantId, tenantId), eq(notification.userId, userId), isNull(notification.readAt)));
  return Number(row?.n ?? 0);
}

export async function findMyNotification(tx: Tx, tenantId: string, userId: string, id: string): Promise<NotificationRow | null> {
  const [row] = await tx
    .select()
    .from(notification)
    .where(and(eq(notification.tenantId, tenantId), eq(notification.userId, userId), eq(notification.id, id)));
  return row ?? null;
}

/** Marks as read; a notification already read keeps the time it was first read. */
export async function markRead(tx: Tx, row: NotificationRow, now: Date): Promise<NotificationRow> {
  if (row.readAt) return row;
  const [updated] = await tx
    .update(notification)
    .set({ readAt: now })
    .where(and(eq(notification.tenantId, row.tenantId), eq(notification.id, row.id)))
    .returning();
  return updated ?? row;
}

export async function markAllRead(tx: Tx, tenantId: string, userId: string, now: Date): Promise<number> {
  const updated = await tx
    .update(notification)
    .set({ readAt: now })
    .where(and(eq(notification.tenantId, tenantId), eq(notification.userId, userId), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return updated.length;
}

export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
