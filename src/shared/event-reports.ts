import { z } from 'zod';
import { PLACE_EVENT_TYPE_NAMES, PLACE_EVENT_TYPES } from './concerns';
import { containsIdentityNumber } from './field-reports';
import { isoWeekdayOf, isoWeekOf, isValidIsoWeek, localDateOf, wallTimeOf } from './stockholm-time';
import type { Role } from './roles';
import { line, multiline } from './text';

/**
 * Event reports (händelserapporter, issue 14 §1): what happened at a place, for the weekly lägesbild
 * of the EST method. About places, never about people: no field holds a person, the description warns
 * against naming anyone, refuses a personnummer, and is stored encrypted with every read audited.
 */

export const EVENT_REPORT_PATHS = { page: '/handelser', review: '/handelser/granska' } as const;

/** Where a report came from. Only `verified` reports count in the lägesbild. */
export const EVENT_SOURCES = ['staff', 'field_report', 'citizen', 'import'] as const;
export const eventSourceSchema = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof eventSourceSchema>;

/** Citizens' reports start `unverified`; staff confirm (verified) or reject them. */
export const EVENT_STATUSES = ['verified', 'unverified', 'rejected'] as const;
export const eventStatusSchema = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof eventStatusSchema>;

/** About how many people were involved: bands, never a head count that could point at someone. */
export const PEOPLE_COUNT_BANDS = ['1', '2-4', '5-9', '10+'] as const;
export const peopleCountSchema = z.enum(PEOPLE_COUNT_BANDS);
export type PeopleCount = z.infer<typeof peopleCountSchema>;

/** How serious the reporter judges it: 1 lindrig, 2 allvarlig, 3 mycket allvarlig. */
export const SEVERITIES = [1, 2, 3] as const;
export const severitySchema = z.number().int().min(1).max(3);

/**
 * The EST event types of DOMAIN.md, the same codes as the public place report's, so that a citizen's
 * report keeps its category. Every tenant has them; a tenant may deactivate one and add its own.
 */
export const EST_CATEGORY_CODES = PLACE_EVENT_TYPES;
export type EstCategoryCode = (typeof EST_CATEGORY_CODES)[number];
export const EST_CATEGORY_NAMES: Record<EstCategoryCode, { sv: string; en: string }> = PLACE_EVENT_TYPE_NAMES;

/** Categories many tenants add (the demo adds them); not built in. */
export const SUGGESTED_TENANT_CATEGORIES = [
  { code: 'brand', nameSv: 'Bränder', nameEn: 'Fires' },
  { code: 'klotter', nameSv: 'Klotter', nameEn: 'Graffiti' },
  { code: 'epa_a_traktor', nameSv: 'EPA/A-traktor', nameEn: 'EPA or A-tractor' },
] as const;

/** The category field's default for field reports marked "till lägesbilden" without a category of their own. */
export const FIELD_REPORT_DEFAULT_CATEGORY: EstCategoryCode = 'otrygghetsskapande_samling';

export const categoryCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'invalid_category_code' });

/**
 * Who reports: the EST reporter, and any partner staff. The administrator, the log reviewer and the
 * analyst do not work at places (the analyst sees aggregated figures only, issue 14 §4).
 */
export const EVENT_REPORT_WRITER_ROLES = [
  'est_rapportor',
  'koordinator',
  'handlaggare',
  'mottagning',
  'skolpersonal',
  'polis',
  'fritidsledare',
  'faltassistent',
  'foreningsnyckelperson',
  'naringsidkare',
  'mvc_bvc',
  'mentor',
] as const satisfies readonly Role[];
/**
 * Who reads every description in the tenant, and reviews citizens' reports: the EST reporter who
 * builds the lägesbild and the coordinator who leads the EST group. Everyone else reads the
 * descriptions of their own organisation's reports only; rows without the description (category,
 * place, time) are readable by every writer.
 */
export const EVENT_REPORT_EST_ROLES = ['est_rapportor', 'koordinator'] as const satisfies readonly Role[];
/** Who adds and deactivates the tenant's categories. */
export const EVENT_CATEGORY_ADMIN_ROLES = ['administrator', 'koordinator'] as const satisfies readonly Role[];

export const EVENT_DESCRIPTION_MAX = 2000;
/** The field message for a personnummer in the description (src/server/http/messages.ts). */
export const EVENT_IDENTITY_NUMBER_MESSAGE = 'identity_number_in_event';
/** Longest time window of one report: a week (e.g. "some time during the weekend"). */
export const EVENT_WINDOW_MAX_MS = 7 * 24 * 3600_000;

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

/** POST /api/event-reports, and each row given to insertEventReports. */
export const eventReportInputSchema = z
  .object({
    /** Made by the client (crypto.randomUUID) when the form opens; a resend carries the same id. */
    id: z.uuid(),
    category: categoryCodeSchema,
    placeId: z.uuid().nullable().default(null),
    areaId: z.uuid().nullable().default(null),
    latitude: latitude.nullable().default(null),
    longitude: longitude.nullable().default(null),
    /** "Ungefärligt läge": the point is rounded to about 250 m before it is stored. */
    approximate: z.boolean().default(false),
    occurredFrom: z.iso.datetime({ offset: true }),
    occurredTo: z.iso.datetime({ offset: true }),
    peopleCount: peopleCountSchema.nullable().default(null),
    severity: severitySchema.default(1),
    description: multiline()
      .max(EVENT_DESCRIPTION_MAX)
      .refine((value) => !containsIdentityNumber(value), { message: EVENT_IDENTITY_NUMBER_MESSAGE })
      .default(''),
  })
  .strict()
  .refine((value) => (value.latitude === null) === (value.longitude === null), { message: 'point_incomplete', path: ['latitude'] })
  .refine((value) => value.placeId !== null || value.areaId !== null || value.latitude !== null, { message: 'place_or_area_required', path: ['placeId'] })
  .refine((value) => Date.parse(value.occurredFrom) <= Date.parse(value.occurredTo), { message: 'invalid_range', path: ['occurredTo'] })
  .refine((value) => Date.parse(value.occurredTo) - Date.parse(value.occurredFrom) <= EVENT_WINDOW_MAX_MS, { message: 'event_window_too_long', path: ['occurredTo'] });
export type EventReportInput = z.input<typeof eventReportInputSchema>;
export type EventReportParsedInput = z.output<typeof eventReportInputSchema>;

const named = z.object({ id: z.uuid(), name: z.string() });

export const eventReportSchema = z.object({
  id: z.uuid(),
  source: eventSourceSchema,
  status: eventStatusSchema,
  category: z.string(),
  place: named.nullable(),
  area: named.nullable(),
  /** The stored point (already rounded when approximate). */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  approximate: z.boolean(),
  occurredFrom: z.string(),
  occurredTo: z.string(),
  isoWeek: z.number().int(),
  peopleCount: peopleCountSchema.nullable(),
  severity: z.number().int(),
  organisation: named.nullable(),
  /** Whether a description exists; its text only in the single read, for those who may read it. */
  hasDescription: z.boolean(),
  /** Only in GET /api/event-reports/:id, and only for who may read it (the read is audited). */
  description: z.string().nullable(),
  /** A citizen's report: where they said it happened, in their words (GET one, reviewers only). */
  citizenPlace: z.string().nullable(),
  mayReadDescription: z.boolean(),
  mayReview: z.boolean(),
  mine: z.boolean(),
  receivedAt: z.string(),
});
export type EventReport = z.infer<typeof eventReportSchema>;

export const eventReportListQuerySchema = z
  .object({
    /** ISO week `YYYY-Www`. */
    week: z.string().refine(isValidIsoWeek, { message: 'invalid_week' }).optional(),
    areaId: z.uuid().optional(),
    placeId: z.uuid().optional(),
    category: categoryCodeSchema.optional(),
    status: eventStatusSchema.optional(),
    source: eventSourceSchema.optional(),
    /** Only my own reports. */
    mine: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type EventReportListQuery = z.output<typeof eventReportListQuerySchema>;

export const eventReportListSchema = z.object({ reports: z.array(eventReportSchema), total: z.number().int() });
export type EventReportList = z.infer<typeof eventReportListSchema>;

/** POST /api/event-reports/:id/review: staff confirm, re-categorise or reject a citizen's report. */
export const eventReviewInputSchema = z
  .object({
    decision: z.enum(['confirm', 'reject']),
    /** Re-categorise while confirming. */
    category: categoryCodeSchema.optional(),
    /** Where it happened, as staff now know it. */
    placeId: z.uuid().nullable().optional(),
    areaId: z.uuid().nullable().optional(),
  })
  .strict();
export type EventReviewInput = z.infer<typeof eventReviewInputSchema>;

export const eventCategorySchema = z.object({
  code: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  builtIn: z.boolean(),
  active: z.boolean(),
});
export type EventCategory = z.infer<typeof eventCategorySchema>;
export const eventCategoryListSchema = z.object({ categories: z.array(eventCategorySchema) });

export const eventCategoryInputSchema = z
  .object({
    code: categoryCodeSchema,
    nameSv: line().min(2).max(80),
    nameEn: line().min(2).max(80),
  })
  .strict();
export type EventCategoryInput = z.infer<typeof eventCategoryInputSchema>;
export const eventCategoryUpdateSchema = z.object({ active: z.boolean() }).strict();

export const eventReportIdParamsSchema = z.object({ id: z.uuid() }).strict();
export const eventCategoryParamsSchema = z.object({ code: categoryCodeSchema }).strict();

/** What the form needs offline: categories, places and areas (kept on the phone after the first visit). */
export const eventReportOptionsSchema = z.object({
  tenantId: z.uuid(),
  organisation: named,
  categories: z.array(eventCategorySchema),
  places: z.array(z.object({ id: z.uuid(), name: z.string(), areaId: z.uuid().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() })),
  areas: z.array(named),
});
export type EventReportOptions = z.infer<typeof eventReportOptionsSchema>;

/** `2026-W49` → 202649, the form stored in event_report.iso_week. */
export function weekNumberOf(isoWeek: string): number {
  const [year, week] = isoWeek.split('-W');
  return Number(year) * 100 + Number(week);
}

/** 202649 → `2026-W49`. */
export function isoWeekOfNumber(weekNumber: number): string {
  return `${Math.floor(weekNumber / 100)}-W${String(weekNumber % 100).padStart(2, '0')}`;
}

/** Week, weekday (1–7) and hour of an instant on the Stockholm wall clock, as stored with each event. */
export function eventTimeFacts(instant: Date): { isoWeek: number; weekday: number; hour: number } {
  const date = localDateOf(instant);
  return { isoWeek: weekNumberOf(isoWeekOf(date)), weekday: isoWeekdayOf(date), hour: wallTimeOf(instant).hour };
}
