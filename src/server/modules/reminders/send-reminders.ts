import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { reminderNotice } from '../../db/schema';
import { notify } from '../notifications/notify';
import { kickIfQueued } from '../notifications/outbox-signal';
import { allTenantIds } from '../notifications/tenants';
import { findDueReminders } from './find-due-reminders';
import { stockholmToday } from './reminder-rules';

/**
 * Sends each due reminder once: the `reminder_notice` row and the notifications commit together,
 * so neither a second pass nor a second server process reminds again. Runs in the deadline job.
 */
export async function sendDueReminders(database: Database, now: Date = new Date(), only?: readonly string[]): Promise<number> {
  const today = stockholmToday(now);
  let sent = 0;
  for (const tenantId of await allTenantIds(database.db, only)) {
    sent += await inContext(database.db, { tenantId, userId: null }, async (tx) => {
      let count = 0;
      for (const due of await findDueReminders(tx, tenantId, today)) {
        if (due.userIds.length === 0 && !due.organisationId) continue;
        const inserted = await tx
          .insert(reminderNotice)
          .values({ tenantId, subjectId: due.subjectId, reminder: due.reminder, sentAt: now })
          .onConflictDoNothing()
          .returning({ subjectId: reminderNotice.subjectId });
        if (inserted.length === 0) continue;
        await notify(tx, { tenantId, kind: due.kind, link: due.link, userIds: due.userIds, ...(due.organisationId ? { organisationId: due.organisationId } : {}) });
        count += 1;
      }
      return count;
    });
  }
  kickIfQueued();
  return sent;
}
