import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { runNightlyRetentionIfDue } from '../retention/nightly';
import { sendDueReminders } from './send-reminders';

/**
 * The SSPF work's part of the deadline job's pass: reminders every pass, and retention once a
 * night (SAMVERKA_RETENTION_NIGHTLY). One entry point, so the notifications module needs one line.
 */
export async function runSspfJobs(database: Database, config: Pick<Config, 'SAMVERKA_RETENTION_NIGHTLY'>, now: Date, tenantIds?: readonly string[]): Promise<void> {
  // One failing does not stop the other; the failure still reaches the job's log.
  const failures: unknown[] = [];
  await sendDueReminders(database, now, tenantIds).catch((error: unknown) => failures.push(error));
  if (config.SAMVERKA_RETENTION_NIGHTLY) await runNightlyRetentionIfDue(database, now, tenantIds).catch((error: unknown) => failures.push(error));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'SSPF reminders and nightly retention failed');
}
