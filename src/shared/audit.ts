import { z } from 'zod';

/** The API contract of access-log review (loggkontroll). */

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcomeKey = z.infer<typeof auditOutcomeSchema>;

export const AUDIT_OUTCOME_NAMES: Record<AuditOutcomeKey, { sv: string; en: string }> = {
  allowed: { sv: 'Tillåten', en: 'Allowed' },
  denied: { sv: 'Nekad', en: 'Denied' },
  failed: { sv: 'Misslyckad', en: 'Failed' },
};

/**
 * Names of the actions written by the person register and the log review itself. Other modules add
 * theirs; a client shows the raw action key for one it does not know.
 */
export const AUDIT_ACTION_NAMES: Record<string, { sv: string; en: string }> = {
  'person.create': { sv: 'Registrerade person', en: 'Registered person' },
  'person.read': { sv: 'Läste person', en: 'Read person' },
  'person.update': { sv: 'Ändrade person', en: 'Changed person' },
  'person.lookup': { sv: 'Sökte på personnummer', en: 'Looked up identity number' },
  'person.search': { sv: 'Sökte på namn', en: 'Searched by name' },
  'person.notes.read': { sv: 'Läste anteckningar', en: 'Read notes' },
  'person.notes.create': { sv: 'Skrev anteckning', en: 'Wrote note' },
  'audit_log.search': { sv: 'Sökte i åtkomstloggen', en: 'Searched the access log' },
  'audit_log.export': { sv: 'Exporterade åtkomstloggen', en: 'Exported the access log' },
  'audit_log.verify': { sv: 'Kontrollerade loggkedjan', en: 'Verified the log chain' },
  'audit_log.person_history': { sv: 'Granskade åtkomst till person', en: 'Reviewed access to person' },
  // Concern channel (oro)
  'concern.submit': { sv: 'Orosanmälan inkom (allmänheten)', en: 'Concern received (public)' },
  'place_report.submit': { sv: 'Platsrapport inkom (allmänheten)', en: 'Place report received (public)' },
  'concern.list': { sv: 'Visade inkorgen för orosanmälningar', en: 'Viewed the concern inbox' },
  'concern.read': { sv: 'Läste orosanmälan', en: 'Read concern' },
  'concern.assign': { sv: 'Tilldelade orosanmälan', en: 'Assigned concern' },
  'concern.assess': { sv: 'Gjorde skyddsbedömning', en: 'Recorded protection assessment' },
  'concern.decide': { sv: 'Beslutade om utredning', en: 'Decided on investigation' },
  'concern.note': { sv: 'Skrev anteckning i orosanmälan', en: 'Wrote note on concern' },
  'concern.forward': { sv: 'Vidarebefordrade orosanmälan', en: 'Forwarded concern' },
  'concern.close': { sv: 'Avslutade orosanmälan', en: 'Closed concern' },
  'concern.link_person': { sv: 'Kopplade orosanmälan till person', en: 'Linked concern to person' },
  'concern.unlink_person': { sv: 'Tog bort koppling till person', en: 'Unlinked person from concern' },
  'concern.assignees': { sv: 'Visade möjliga handläggare', en: 'Listed possible case officers' },
  'concern.forward_targets': { sv: 'Visade möjliga mottagare', en: 'Listed possible recipients' },
  'concern_routing.read': { sv: 'Visade regler för orosanmälningar', en: 'Viewed concern routing' },
  'concern_routing.update': { sv: 'Ändrade regler för orosanmälningar', en: 'Changed concern routing' },
  'concern_settings.read': { sv: 'Visade uppgifter för orosanmälningar', en: 'Viewed concern settings' },
  'concern_settings.update': { sv: 'Ändrade uppgifter för orosanmälningar', en: 'Changed concern settings' },
};

export function auditActionName(action: string, language: 'sv' | 'en'): string {
  return AUDIT_ACTION_NAMES[action]?.[language] ?? action;
}

export const AUDIT_PAGE_SIZE_DEFAULT = 50;
export const AUDIT_PAGE_SIZE_MAX = 200;
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** Filters shared by the search and the CSV export. `from` is inclusive, `to` exclusive (ISO 8601 with offset). */
const auditFilterShape = {
  /** better-auth user ids are text, not uuids. */
  userId: z.string().min(1).max(100).optional(),
  personId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z0-9_.]+$/)
    .max(100)
    .optional(),
  outcome: auditOutcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

const pageShape = {
  /** The `nextCursor` of the previous page; omit for the newest events. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(AUDIT_PAGE_SIZE_DEFAULT),
};

export const auditSearchQuerySchema = z.object({ ...auditFilterShape, ...pageShape }).strict();
export type AuditSearchQuery = z.infer<typeof auditSearchQuerySchema>;
export type AuditFilters = Omit<AuditSearchQuery, 'cursor' | 'limit'>;

export const auditExportQuerySchema = z
  .object({
    ...auditFilterShape,
    /** Swedish Excel expects semicolons; `comma` gives RFC 4180 CSV. */
    separator: z.enum(['semicolon', 'comma']).default('semicolon'),
  })
  .strict();
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const auditPersonHistoryQuerySchema = z
  .object({ from: auditFilterShape.from, to: auditFilterShape.to, ...pageShape })
  .strict();
export const auditPersonParamsSchema = z.object({ personId: z.uuid() }).strict();

export const auditEventRowSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  lane: z.number().int(),
  seq: z.number().int(),
  /** `null` for system events; `name`/`email` are `null` when the account no longer exists. */
  actor: z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  /** A role key (see `ROLES` in shared/roles.ts) at the time of the event. */
  role: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  /** `name` is `null` when the person has since been removed (gallring). */
  person: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  legalBasis: z.string().nullable(),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventRow = z.infer<typeof auditEventRowSchema>;

export const auditSearchResultSchema = z.object({
  events: z.array(auditEventRowSchema),
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditSearchResult = z.infer<typeof auditSearchResultSchema>;

export const auditPersonHistorySchema = auditSearchResultSchema.extend({
  /** The person's summary, or `null` when the record no longer exists (the events remain). */
  person: z
    .object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string() })
    .nullable(),
});
export type AuditPersonHistory = z.infer<typeof auditPersonHistorySchema>;

export const auditVerificationSchema = z.object({
  eventsChecked: z.number().int(),
  intact: z.boolean(),
  firstBrokenLink: z
    .object({
      lane: z.number().int(),
      seq: z.number().int(),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap', 'head_mismatch']),
    })
    .nullable(),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
