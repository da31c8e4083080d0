import { and, eq } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { emailOutbox, notification } from '../../src/server/db/schema';
import { notify, type NotificationRequest } from '../../src/server/modules/notifications/notify';
import type { TestApp, TestTenant } from '../factories';

/** Calls notify() in a transaction of its own under the tenant's context, as a background job would. */
export async function notifyNow(t: TestApp, request: NotificationRequest): Promise<void> {
  await inContext(t.database.db, { tenantId: request.tenantId, userId: null }, (tx) => notify(tx, request));
}

/** Every notification row of the tenant, read as the schema owner (past row-level security). */
export async function allNotifications(t: TestApp, tenant: TestTenant) {
  return t.database.asOwner((db) => db.select().from(notification).where(eq(notification.tenantId, tenant.id)));
}

export async function outboxRows(t: TestApp, tenant: TestTenant, status?: string) {
  return t.database.asOwner((db) =>
    db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenant.id), status ? eq(emailOutbox.status, status) : undefined)),
  );
}
