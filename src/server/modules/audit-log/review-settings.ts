import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { logReviewSetting } from '../../db/schema';
import { LOG_REVIEW_DEFAULTS, type LogReviewSettings } from '../../../shared/log-review';

/** The tenant's thresholds for the log review's flags; the defaults until the tenant saves its own. */
export async function loadLogReviewSettings(tx: Tx, tenantId: string): Promise<LogReviewSettings> {
  const [row] = await tx.select().from(logReviewSetting).where(eq(logReviewSetting.tenantId, tenantId)).limit(1);
  if (!row) return { ...LOG_REVIEW_DEFAULTS };
  return {
    bulkPersons: row.bulkPersons,
    bulkMinutes: row.bulkMinutes,
    nightStartHour: row.nightStartHour,
    nightEndHour: row.nightEndHour,
    lookbackDays: row.lookbackDays,
  };
}

export async function saveLogReviewSettings(tx: Tx, tenantId: string, settings: LogReviewSettings, userId: string): Promise<void> {
  const values = { ...settings, updatedAt: new Date(), updatedBy: userId };
  await tx
    .insert(logReviewSetting)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: logReviewSetting.tenantId, set: values });
}
