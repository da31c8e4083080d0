import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { retentionRun } from '../../db/schema';
import { appendAuditEvent, type AuditActor } from '../../audit/append';
import type { RetentionCounts, RetentionSettings } from '../../../shared/retention';
import { allTenantIds } from '../notifications/tenants';
import { loadRetentionState } from './retention-settings';
import { purgeDueRecords } from './purge-records';

export interface RetentionOptions {
  /** One tenant only; every tenant when left out. */
  tenantId?: string;
  /** Count what is due, delete nothing. */
  dryRun: boolean;
  /**
   * A real run for a tenant whose periods no administrator has confirmed: 'refuse' (the default; the
   * CLI) deletes nothing and writes nothing for it, 'dry-run' (the nightly job) counts instead.
   */
  unconfirmed?: 'refuse' | 'dry-run';
  now?: Date;
  /** Called after each tenant: tenants done, tenants in all. */
  onProgress?: (done: number, total: number) => void;
  /** Tests sharing one PostgreSQL database limit a pass to their own tenants. */
  tenantIds?: readonly string[];
}

export interface TenantRetentionResult {
  tenantId: string;
  runId: string;
  dryRun: boolean;
  years: RetentionSettings;
  counts: RetentionCounts;
  /** The periods were not confirmed: a real run was refused (nothing ran) or done as a dry run. */
  unconfirmed: boolean;
  /** A real run refused because the periods were not confirmed: no run, no counts. */
  refused: boolean;
}

/** The job is no user: its audit events carry no actor. */
const systemActor = (tenantId: string): AuditActor => ({ tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: null });

/**
 * Gallring: per tenant, in one transaction under that tenant's row-level-security context, deletes
 * what has been kept past its period (irreversibly), records the run and audits it with counts only.
 * A dry run does the very same deletions inside a savepoint and rolls them back, so its counts are
 * exactly what a real run at that moment would delete.
 */
export async function runRetention(database: Database, options: RetentionOptions): Promise<TenantRetentionResult[]> {
  const now = options.now ?? new Date();
  const only = options.tenantId ? [options.tenantId] : options.tenantIds;
  const tenantIds = (await allTenantIds(database.db, only)).filter((id) => !options.tenantIds || options.tenantIds.includes(id));
  const results: TenantRetentionResult[] = [];
  options.onProgress?.(0, tenantIds.length);
  for (const [index, tenantId] of tenantIds.entries()) {
    results.push(await runForTenant(database, tenantId, options.dryRun, options.unconfirmed ?? 'refuse', now));
    options.onProgress?.(index + 1, tenantIds.length);
  }
  return results;
}

const NOTHING: RetentionCounts = { case: 0, concern: 0, consent: 0, consentDocument: 0, person: 0 };

async function runForTenant(database: Database, tenantId: string, asked: boolean, unconfirmedMode: 'refuse' | 'dry-run', now: Date): Promise<TenantRetentionResult> {
  return inContext(database.db, { tenantId, userId: null }, async (tx) => {
    const state = await loadRetentionState(tx, tenantId);
    const { years } = state;
    const unconfirmed = state.confirmedAt === null;
    // Retention before review: nothing is deleted until an administrator has confirmed the periods.
    if (unconfirmed && !asked && unconfirmedMode === 'refuse') {
      return { tenantId, runId: '', dryRun: false, years, counts: { ...NOTHING }, unconfirmed, refused: true };
    }
    const dryRun = asked || unconfirmed;
    if (dryRun) await tx.execute(sql`savepoint retention_dry_run`);
    const counts = await purgeDueRecords(tx, tenantId, years, now);
    if (dryRun) await tx.execute(sql`rollback to savepoint retention_dry_run`);
    const [run] = await tx.insert(retentionRun).values({ tenantId, dryRun, summary: { ...counts }, ranAt: now }).returning({ id: retentionRun.id });
    await appendAuditEvent(tx, systemActor(tenantId), {
      action: 'retention.run',
      resourceType: 'retention_run',
      resourceId: run!.id,
      details: { dryRun, counts, years, ...(unconfirmed ? { confirmed: false } : {}) },
    });
    return { tenantId, runId: run!.id, dryRun, years, counts, unconfirmed, refused: false };
  });
}
