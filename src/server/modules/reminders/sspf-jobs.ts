import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { runNightlyRetentionIfDue } from '../retention/nightly';
import { sendDueReminders } from './send-reminders';

/**
 * The SSPF work's part of the deadline job's pass: reminders every pass, and retention once a
 * night (SAMVERKA_RETENTION_NIGHTLY). One entry point, so the notifications module needs one line.
 */
export async function runSspfJobs(database: Database, config: Pick<Config, 'SAMVERKA_RETENTION_NIGHTLY'>, now: Date, tenantIds?: readonly string[]): Promise<void> {
  await sendDueReminders(database, now, tenantIds);
  if (config.SAMVERKA_RETENTION_NIGHTLY) await runNightlyRetentionIfDue(database, now, tenantIds);
}
