import { z } from 'zod';

type Names = { sv: string; en: string };

/**
 * Retention (gallring): how long each kind of record is kept once its work is over. The periods
 * are a municipality's decision (its dokumenthanteringsplan) and need legal review; these are defaults.
 */
export const RETENTION_RECORD_TYPES = ['case', 'concern', 'consent', 'person'] as const;
export const retentionRecordTypeSchema = z.enum(RETENTION_RECORD_TYPES);
export type RetentionRecordType = z.infer<typeof retentionRecordTypeSchema>;

export const RETENTION_RECORD_TYPE_NAMES: Record<RetentionRecordType, Names> = {
  case: { sv: 'Ärenden (efter avslut)', en: 'Cases (after closure)' },
  concern: { sv: 'Orosanmälningar och platsrapporter (efter avslut)', en: 'Reports of concern and place reports (after closure)' },
  consent: { sv: 'Samtycken (efter sista giltighetsdag eller återkallelse)', en: 'Consents (after expiry or withdrawal)' },
  person: { sv: 'Personer utan kvarvarande uppgifter (efter senaste ändring)', en: 'Persons with nothing left (after the last change)' },
};

export const DEFAULT_RETENTION_YEARS = 5;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 50;

const years = z.int().min(MIN_RETENTION_YEARS).max(MAX_RETENTION_YEARS);

export const retentionSettingsSchema = z.object({ case: years, concern: years, consent: years, person: years }).strict();
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  case: DEFAULT_RETENTION_YEARS,
  concern: DEFAULT_RETENTION_YEARS,
  consent: DEFAULT_RETENTION_YEARS,
  person: DEFAULT_RETENTION_YEARS,
};

/** A stored setting may predate a record type (the table's default has no `person`): fill in defaults. */
export function retentionSettingsFrom(stored: Record<string, unknown> | null | undefined): RetentionSettings {
  const settings = { ...DEFAULT_RETENTION_SETTINGS };
  for (const type of RETENTION_RECORD_TYPES) {
    const value = stored?.[type];
    if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_RETENTION_YEARS && value <= MAX_RETENTION_YEARS) settings[type] = value;
  }
  return settings;
}

/** What one run removed (or, dry, would remove), per record type. Counts only, never the records. */
export const retentionCountsSchema = z.object({
  case: z.int(),
  concern: z.int(),
  consent: z.int(),
  consentDocument: z.int(),
  person: z.int(),
});
export type RetentionCounts = z.infer<typeof retentionCountsSchema>;

export const retentionRunSchema = z.object({
  id: z.uuid(),
  dryRun: z.boolean(),
  counts: retentionCountsSchema,
  ranAt: z.iso.datetime({ offset: true }),
});

/** The audit log's own period: events older than this are purged (`samverka audit purge`). */
export const DEFAULT_AUDIT_RETENTION_YEARS = 10;
export const MIN_AUDIT_RETENTION_YEARS = 2;
export const auditRetentionYearsSchema = z.int().min(MIN_AUDIT_RETENTION_YEARS).max(MAX_RETENTION_YEARS);

/** `PUT /api/retention-settings`: the four periods, and the audit log's when it changes. */
export const retentionSettingsUpdateSchema = retentionSettingsSchema.extend({ audit: auditRetentionYearsSchema.optional() }).strict();
export type RetentionSettingsUpdate = z.infer<typeof retentionSettingsUpdateSchema>;

/** Who confirmed the periods in force, and when. Until then the nightly job only counts (a dry run). */
export const retentionConfirmationSchema = z.object({
  confirmedAt: z.iso.datetime({ offset: true }),
  /** The administrator's name; null when the account is gone. */
  confirmedBy: z.string().nullable(),
});

export const retentionSettingsViewSchema = z.object({
  years: retentionSettingsSchema,
  auditYears: z.int(),
  /** Null: nobody has confirmed the periods in force (never, or they changed since). */
  confirmation: retentionConfirmationSchema.nullable(),
  /** The latest runs of this tenant, newest first. */
  recentRuns: z.array(retentionRunSchema),
});
export type RetentionSettingsView = z.infer<typeof retentionSettingsViewSchema>;
