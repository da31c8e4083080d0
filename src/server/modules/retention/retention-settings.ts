import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { retentionRun, sspfSetting } from '../../db/schema';
import { retentionSettingsFrom, type RetentionCounts, type RetentionSettings, type RetentionSettingsView } from '../../../shared/retention';

/** The tenant's retention periods; defaults when the tenant has never saved any. */
export async function loadRetentionSettings(tx: Tx, tenantId: string): Promise<RetentionSettings> {
  const [row] = await tx.select({ years: sspfSetting.retentionYears }).from(sspfSetting).where(eq(sspfSetting.tenantId, tenantId)).limit(1);
  return retentionSettingsFrom(row?.years);
}

/** Saves the periods, keeping the tenant's other SSPF settings (the consent age) as they are. */
export async function saveRetentionSettings(tx: Tx, tenantId: string, years: RetentionSettings): Promise<void> {
  await tx
    .insert(sspfSetting)
    .values({ tenantId, retentionYears: { ...years } })
    .onConflictDoUpdate({ target: sspfSetting.tenantId, set: { retentionYears: { ...years }, updatedAt: new Date() } });
}

const RECENT_RUNS = 10;

export async function retentionSettingsView(tx: Tx, tenantId: string): Promise<RetentionSettingsView> {
  const runs = await tx
    .select()
    .from(retentionRun)
    .where(and(eq(retentionRun.tenantId, tenantId)))
    .orderBy(desc(retentionRun.ranAt))
    .limit(RECENT_RUNS);
  return {
    years: await loadRetentionSettings(tx, tenantId),
    recentRuns: runs.map((run) => ({ id: run.id, dryRun: run.dryRun, counts: countsFrom(run.summary), ranAt: run.ranAt.toISOString() })),
  };
}

export function countsFrom(summary: Record<string, number>): RetentionCounts {
  return {
    case: summary.case ?? 0,
    concern: summary.concern ?? 0,
    consent: summary.consent ?? 0,
    consentDocument: summary.consentDocument ?? 0,
    person: summary.person ?? 0,
  };
}
