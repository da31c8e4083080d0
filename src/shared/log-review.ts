import { z } from 'zod';
import { auditOutcomeSchema } from './audit';
import { multiline } from './text';

/**
 * The log reviewer's systematic review (HSLF-FS 2016:40): what in the last days of the access log a
 * reviewer should look at, each kind with a threshold the tenant sets.
 *
 * - `outsider`: a user accessed a person whose case team they are not on (nor its director) and whose
 *   concern they did not handle (not assigned to them, no step of theirs on its timeline). One flag per
 *   user, person and day.
 * - `bulk`: a user accessed at least `bulkPersons` different persons within `bulkMinutes` minutes. One
 *   flag per user and day, for the busiest such window of the day.
 * - `night`: a user accessed persons between `nightStartHour` and `nightEndHour` (Europe/Stockholm).
 *   One flag per user and night.
 * - `denied`: refused attempts (outcome `denied`). One flag per user and day.
 *
 * "Accessed a person" is an allowed event that names a person (reads and writes), by a signed-in user,
 * leaving out Loggkontroll's own events (the review is not flagged as an access).
 */
export const LOG_REVIEW_FLAG_KINDS = ['outsider', 'bulk', 'night', 'denied'] as const;
export const logReviewFlagKindSchema = z.enum(LOG_REVIEW_FLAG_KINDS);
export type LogReviewFlagKind = z.infer<typeof logReviewFlagKindSchema>;

/** The kinds' names, shown on the start page's card and the review page. */
export const LOG_REVIEW_FLAG_NAMES: Record<LogReviewFlagKind, { sv: string; en: string }> = {
  outsider: { sv: 'Åtkomst utanför ärendet', en: 'Access outside the case' },
  bulk: { sv: 'Många personer på kort tid', en: 'Many persons in a short time' },
  night: { sv: 'Åtkomst nattetid', en: 'Access at night' },
  denied: { sv: 'Nekade försök', en: 'Refused attempts' },
};

/** The time zone the days and nights are counted in. */
export const LOG_REVIEW_TIME_ZONE = 'Europe/Stockholm';
/** How many flags of each kind one answer lists (the newest first); `truncated` says when there are more. */
export const LOG_REVIEW_FLAGS_PER_KIND = 100;

export const LOG_REVIEW_DEFAULTS = { bulkPersons: 10, bulkMinutes: 10, nightStartHour: 22, nightEndHour: 6, lookbackDays: 14 } as const;

const hour = z.number().int().min(0).max(23);
export const logReviewSettingsSchema = z
  .object({
    bulkPersons: z.number().int().min(2).max(1000),
    bulkMinutes: z.number().int().min(1).max(1440),
    nightStartHour: hour,
    nightEndHour: hour,
    lookbackDays: z.number().int().min(1).max(90),
  })
  .strict()
  .refine((settings) => settings.nightStartHour !== settings.nightEndHour, { path: ['nightEndHour'], message: 'invalid' });
export type LogReviewSettings = z.infer<typeof logReviewSettingsSchema>;

/**
 * A flag's key: stable from one look to the next, so a mark stays on it. `<user>` is the actor's user id
 * (`-` for none), `<day>` a date in Stockholm (for `night`, the evening the night began).
 * outsider:<user>:<person>:<day>, bulk:<user>:<day>, night:<user>:<day>, denied:<user>:<day>.
 */
const userPart = '[A-Za-z0-9_-]{1,100}';
const dayPart = '\\d{4}-\\d{2}-\\d{2}';
const uuidPart = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const LOG_REVIEW_KEY_PATTERNS: Record<LogReviewFlagKind, RegExp> = {
  outsider: new RegExp(`^outsider:${userPart}:${uuidPart}:${dayPart}$`),
  bulk: new RegExp(`^bulk:${userPart}:${dayPart}$`),
  night: new RegExp(`^night:${userPart}:${dayPart}$`),
  denied: new RegExp(`^denied:${userPart}:${dayPart}$`),
};

/** What the reviewer found, or why the access was in order. */
export const logReviewCommentSchema = multiline().min(1).max(2000);

export const logReviewMarkSchema = z
  .object({
    kind: logReviewFlagKindSchema,
    key: z.string().max(200),
    comment: logReviewCommentSchema,
  })
  .strict()
  .refine((mark) => LOG_REVIEW_KEY_PATTERNS[mark.kind].test(mark.key), { path: ['key'], message: 'invalid' });
export type LogReviewMarkInput = z.infer<typeof logReviewMarkSchema>;

/** The Loggkontroll search that shows the events behind a flag (GET /api/audit-log/events). */
export const logReviewEventFilterSchema = z.object({
  userId: z.string().optional(),
  personId: z.string().optional(),
  outcome: auditOutcomeSchema.optional(),
  from: z.string(),
  to: z.string(),
});
export type LogReviewEventFilter = z.infer<typeof logReviewEventFilterSchema>;

export const logReviewFlagSchema = z.object({
  kind: logReviewFlagKindSchema,
  key: z.string(),
  /** `null` for refusals without a signed-in user; `name`/`email` `null` when the account is gone. */
  user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  /** Only for `outsider`; `name` is `null` when the person has since been removed. */
  person: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  /** The day (Stockholm) the flag is about; for `night`, the evening the night began. */
  day: z.string(),
  /** Events behind it (`bulk`: different persons in the window). */
  count: z.number().int(),
  /** The first and the last event behind it. */
  firstAt: z.string(),
  lastAt: z.string(),
  events: logReviewEventFilterSchema,
  review: z
    .object({
      reviewedBy: z.object({ id: z.string(), name: z.string().nullable() }),
      reviewedAt: z.string(),
      comment: z.string(),
    })
    .nullable(),
});
export type LogReviewFlag = z.infer<typeof logReviewFlagSchema>;

export const logReviewSchema = z.object({
  settings: logReviewSettingsSchema,
  /** The start of the window looked at (now minus `lookbackDays`). */
  since: z.string(),
  /** Not yet reviewed, newest first. */
  open: z.array(logReviewFlagSchema),
  /** Marked reviewed, newest first, with who, when and the comment. */
  reviewed: z.array(logReviewFlagSchema),
  /** The kinds with more flags than `LOG_REVIEW_FLAGS_PER_KIND`. */
  truncated: z.array(logReviewFlagKindSchema),
});
export type LogReview = z.infer<typeof logReviewSchema>;

export const LOG_REVIEW_PATHS = {
  page: '/loggkontroll/granskning',
  api: '/api/audit-log/review',
  settings: '/api/audit-log/review/settings',
  marks: '/api/audit-log/review/marks',
} as const;
