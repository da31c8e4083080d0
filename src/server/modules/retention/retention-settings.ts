import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { retentionRun, sspfSetting, user } from '../../db/schema';
import {
  DEFAULT_AUDIT_RETENTION_YEARS,
  retentionSettingsFrom,
  RETENTION_RECORD_TYPES,
  type RetentionCounts,
  type RetentionSettings,
  type RetentionSettingsView,
} from '../../../shared/retention';

/** The tenant's retention periods; defaults when the tenant has never saved any. */
export async function loadRetentionSettings(tx: Tx, tenantId: string): Promise<RetentionSettings> {
  return (await loadRetentionState(tx, tenantId)).years;
}

export interface RetentionState {
  years: RetentionSettings;
  auditYears: number;
  /** Null until an administrator has confirmed the periods in force (and again after any change). */
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

/** The periods, the audit log's period, and whether an administrator has confirmed them. */
export async function loadRetentionState(tx: Tx, tenantId: string): Promise<RetentionState> {
  const [row] = await tx
    .select({
      years: sspfSetting.retentionYears,
      auditYears: sspfSetting.auditRetentionYears,
      confirmedAt: sspfSetting.retentionConfirmedAt,
      confirmedBy: sspfSetting.retentionConfirmedBy,
    })
    .from(sspfSetting)
    .where(eq(sspfSetting.tenantId, tenantId))
    .limit(1);
  return {
    years: retentionSettingsFrom(row?.years),
    auditYears: row?.auditYears ?? DEFAULT_AUDIT_RETENTION_YEARS,
    confirmedAt: row?.confirmedAt ?? null,
    confirmedBy: row?.confirmedBy ?? null,
  };
}

/**
 * Saves the periods, keeping the tenant's other SSPF settings (the consent age) as they are. A change
 * of any period withdraws the confirmation: a period shortened by mistake would otherwise delete,
 * irreversibly, the very next night, before anyone had reviewed it. Saving the same periods keeps it.
 * Returns whether the confirmation was withdrawn.
 */
export async function saveRetentionSettings(tx: Tx, tenantId: string, years: RetentionSettings, auditYears?: number): Promise<boolean> {
  const before = await loadRetentionState(tx, tenantId);
  const audit = auditYears ?? before.auditYears;
  const changed = audit !== before.auditYears || RETENTION_RECORD_TYPES.some((type) => years[type] !== before.years[type]);
  const confirmation = changed ? { retentionConfirmedAt: null, retentionConfirmedBy: null } : {};
  await tx
    .insert(sspfSetting)
    .values({ tenantId, retentionYears: { ...years }, auditRetentionYears: audit })
    .onConflictDoUpdate({ target: sspfSetting.tenantId, set: { retentionYears: { ...years }, auditRetentionYears: audit, ...confirmation, updatedAt: new Date() } });
  return changed && before.confirmedAt !== null;
}

/** An administrator confirms the periods in force: from the next run on, retention deletes. */
export async function confirmRetentionSettings(tx: Tx, tenantId: string, userId: string, at: Date): Promise<void> {
  await tx
    .insert(sspfSetting)
    .values({ tenantId, retentionConfirmedAt: at, retentionConfirmedBy: userId })
    .onConflictDoUpdate({ target: sspfSetting.tenantId, set: { retentionConfirmedAt: at, retentionConfirmedBy: userId, updatedAt: new Date() } });
}

const RECENT_RUNS = 10;

export async function retentionSettingsView(tx: Tx, tenantId: string): Promise<RetentionSettingsView> {
  const runs = await tx
    .select()
    .from(retentionRun)
    .where(and(eq(retentionRun.tenantId, tenantId)))
    .orderBy(desc(retentionRun.ranAt))
    .limit(RECENT_RUNS);
  const state = await loadRetentionState(tx, tenantId);
  let confirmedBy: string | null = null;
  if (state.confirmedBy) {
    const [who] = await tx.select({ name: user.name }).from(user).where(eq(user.id, state.confirmedBy)).limit(1);
    confirmedBy = who?.name ?? null;
  }
  return {
    years: state.years,
    auditYears: state.auditYears,
    confirmation: state.confirmedAt ? { confirmedAt: state.confirmedAt.toISOString(), confirmedBy } : null,
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
