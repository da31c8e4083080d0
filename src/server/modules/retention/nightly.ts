import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { retentionRun } from '../../db/schema';
import { allTenantIds } from '../notifications/tenants';
import { runRetention } from './run-retention';
import { loadRetentionState } from './retention-settings';

/** The hour (Stockholm time) after which the nightly run is due: a quiet hour, before the working day. */
export const NIGHTLY_RETENTION_HOUR = 2;

const stockholmParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function partsOf(instant: Date) {
  const p = Object.fromEntries(stockholmParts.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** The instant of today's 02:00 in Stockholm, for the Stockholm day `now` falls in. */
export function todaysRunTime(now: Date): Date {
  const p = partsOf(now);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, NIGHTLY_RETENTION_HOUR);
  // Stockholm's offset at that hour (02:00 is the start of the spring switch; the offset before it is meant).
  const probe = new Date(asUtc - 120 * 60_000);
  const q = partsOf(probe);
  const offsetMs = Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second) - Math.floor(probe.getTime() / 1000) * 1000;
  return new Date(asUtc - offsetMs);
}

/**
 * Called from the deadline job's every pass: runs retention for each tenant that has had no real
 * run since today's 02:00 (Stockholm), once that hour has come. Whether it ran is read from
 * `retention_run`, so a restart or a second server process does not run it again that night.
 * Until an administrator has confirmed a tenant's periods, its nightly run is a dry run (recorded
 * and audited with its counts, shown on the administration page), and any run since 02:00 counts.
 */
export async function runNightlyRetentionIfDue(database: Database, now: Date = new Date(), only?: readonly string[]): Promise<number> {
  const due = todaysRunTime(now);
  if (now < due) return 0;
  let ran = 0;
  const failures: unknown[] = [];
  for (const tenantId of await allTenantIds(database.db, only)) {
    const last = await inContext(database.db, { tenantId, userId: null }, async (tx) => {
      const confirmed = (await loadRetentionState(tx, tenantId)).confirmedAt !== null;
      const [row] = await tx
        .select({ ranAt: retentionRun.ranAt })
        .from(retentionRun)
        .where(and(eq(retentionRun.tenantId, tenantId), confirmed ? eq(retentionRun.dryRun, false) : undefined))
        .orderBy(desc(retentionRun.ranAt))
        .limit(1);
      return row?.ranAt ?? null;
    });
    if (last && last >= due) continue;
    try {
      await runRetention(database, { tenantId, dryRun: false, unconfirmed: 'dry-run', now });
      ran += 1;
    } catch (error) {
      // That tenant's run rolled back whole; the others still run tonight, and it is tried again next pass.
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `nightly retention failed for ${failures.length} tenants`);
  return ran;
}
