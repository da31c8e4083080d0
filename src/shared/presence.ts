import { z } from 'zod';
import { abilitiesSchema } from './organisations';
import { line, multiline, token } from './text';
import { parseRecurrence } from './recurrence';
import { isValidIsoWeek } from './stockholm-time';

/**
 * The presence plan (närvaroplan), issue 13 §2–3: who from which organisation is at a place or in an
 * area, and when; the week view (Veckoplan); and coverage, where young people are and nobody is
 * planned. Every time is Stockholm wall time: a date `YYYY-MM-DD` and `HH:MM`.
 */

export const STAFF_ROLES = ['faltassistent', 'omradespolis', 'nattvandrare', 'fritidsledare', 'annan'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;
export const STAFF_ROLE_NAMES: Record<StaffRole, { sv: string; en: string }> = {
  faltassistent: { sv: 'Fältassistenter', en: 'Outreach workers' },
  omradespolis: { sv: 'Områdespolis', en: 'Community police' },
  nattvandrare: { sv: 'Nattvandrare', en: 'Night walkers' },
  fritidsledare: { sv: 'Fritidsledare', en: 'Youth workers' },
  annan: { sv: 'Annan personal', en: 'Other staff' },
};

/** all: every partner in the tenant; authorities: public authorities and the own organisation; organisation: the own organisation. */
export const PRESENCE_VISIBILITIES = ['all', 'authorities', 'organisation'] as const;
export const presenceVisibilitySchema = z.enum(PRESENCE_VISIBILITIES);
export type PresenceVisibility = z.infer<typeof presenceVisibilitySchema>;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const localDateSchema = z.string().refine((value) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
  message: 'invalid_date',
});
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const localTimeSchema = z.string().refine((value) => TIME.test(value), { message: 'invalid_time' });
export const isoWeekSchema = z.string().refine(isValidIsoWeek, { message: 'invalid_week' });
export const recurrenceSchema = line()
  .max(300)
  .refine((value) => parseRecurrence(value).ok, { message: 'invalid_recurrence' });

const entryFields = {
  staffRole: staffRoleSchema,
  /** Named staff (professionals, never young people). */
  staffNames: z.array(line().min(1).max(120)).max(12).default([]),
  placeId: z.uuid().nullable().default(null),
  areaId: z.uuid().nullable().default(null),
  /** The first occurrence's date and start, Stockholm time. */
  date: localDateSchema,
  startTime: localTimeSchema,
  /** End on the same day, or on the next when it is not after the start (20:00–02:00). */
  endTime: localTimeSchema,
  /** An RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=FR`; null for a single occasion. */
  recurrence: recurrenceSchema.nullable().default(null),
  /** Dates whose occurrence is cancelled. */
  exceptions: z.array(localDateSchema).max(200).default([]),
  skipPublicHolidays: z.boolean().default(false),
  skipSchoolHolidays: z.boolean().default(false),
  plannedStaff: z.number().int().min(1).max(100).default(1),
  visibility: presenceVisibilitySchema,
  notes: multiline().max(2000).nullable().default(null),
};

const whereRefinement = (value: { placeId: string | null; areaId: string | null }, ctx: z.RefinementCtx) => {
  if ((value.placeId === null) === (value.areaId === null)) ctx.addIssue({ code: 'custom', message: 'place_or_area_required', path: ['placeId'] });
};

export const presenceEntryInputSchema = z.object(entryFields).strict().superRefine(whereRefinement);
export type PresenceEntryInput = z.input<typeof presenceEntryInputSchema>;
export type PresenceEntryInputParsed = z.output<typeof presenceEntryInputSchema>;

export const presenceEntrySchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  staffRole: staffRoleSchema,
  staffNames: z.array(z.string()),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  areaId: z.uuid().nullable(),
  areaName: z.string().nullable(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  durationMinutes: z.number(),
  recurrence: z.string().nullable(),
  exceptions: z.array(z.string()),
  skipPublicHolidays: z.boolean(),
  skipSchoolHolidays: z.boolean(),
  plannedStaff: z.number(),
  visibility: presenceVisibilitySchema,
  notes: z.string().nullable(),
  cancelled: z.boolean(),
  updatedAt: z.string(),
  abilities: abilitiesSchema,
});
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;

export const presenceEntryIdParamsSchema = z.object({ entryId: z.uuid() }).strict();

/** The plan's list: optionally by place, area or organisation. */
export const presenceListQuerySchema = z
  .object({
    placeId: z.uuid().optional(),
    areaId: z.uuid().optional(),
    organisationId: z.uuid().optional(),
  })
  .strict();

export const presenceListSchema = z.object({
  entries: z.array(presenceEntrySchema),
  /** What the actor may do with the plan itself (create). */
  abilities: abilitiesSchema,
});
export type PresenceList = z.infer<typeof presenceListSchema>;

// ---- week view (Veckoplan) ----

export const weekQuerySchema = z
  .object({
    week: isoWeekSchema,
    areaId: z.uuid().optional(),
    organisationId: z.uuid().optional(),
    placeType: token().max(40).optional(),
  })
  .strict();
export type WeekQuery = z.infer<typeof weekQuerySchema>;

export const weekOccurrenceSchema = z.object({
  entryId: z.uuid(),
  /** Stockholm `HH:MM`; `endsNextDay` when it runs past midnight. */
  startTime: z.string(),
  endTime: z.string(),
  endsNextDay: z.boolean(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  staffRole: staffRoleSchema,
  staffNames: z.array(z.string()),
  plannedStaff: z.number(),
  visibility: presenceVisibilitySchema,
});
export type WeekOccurrence = z.infer<typeof weekOccurrenceSchema>;

export const weekRowSchema = z.object({
  kind: z.enum(['place', 'area']),
  id: z.uuid(),
  name: z.string(),
  placeType: z.string().nullable(),
  areaName: z.string().nullable(),
  /** Seven days, Monday first: the occurrences starting that day. */
  days: z.array(z.array(weekOccurrenceSchema)).length(7),
});
export type WeekRow = z.infer<typeof weekRowSchema>;

export const weekViewSchema = z.object({
  week: z.string(),
  previousWeek: z.string(),
  nextWeek: z.string(),
  dates: z.array(z.string()).length(7),
  publicHolidays: z.array(z.object({ date: z.string(), sv: z.string(), en: z.string() })),
  rows: z.array(weekRowSchema),
});
export type WeekView = z.infer<typeof weekViewSchema>;

// ---- coverage ----

export const coverageQuerySchema = z
  .object({
    week: isoWeekSchema,
    areaId: z.uuid().optional(),
    placeType: token().max(40).optional(),
  })
  .strict();
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

export const YOUTH_LEVEL_ORDER = { few: 1, some: 2, many: 3 } as const;

/**
 * One hour of a grid: the ungdomstider level (null: no young people expected or unknown) and the
 * planned staff the reader may see. `status`: gap (many, nobody), thin (some, nobody), covered
 * (someone planned), quiet (no level, or few).
 */
export const coverageCellSchema = z.object({
  level: z.enum(['few', 'some', 'many']).nullable(),
  staff: z.number(),
  status: z.enum(['gap', 'thin', 'covered', 'quiet']),
  /** Area grids: the places in the area with a gap or thin cover in this hour. */
  places: z.number().optional(),
});
export type CoverageCell = z.infer<typeof coverageCellSchema>;

export const coverageGapSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  date: z.string(),
  fromHour: z.number().int().min(0).max(23),
  /** Exclusive; 24 is midnight. */
  toHour: z.number().int().min(1).max(24),
  severity: z.enum(['gap', 'thin']),
  /** In words, in the request's language: "Fredag 20–24, Centrum: ingen planerad närvaro". */
  text: z.string(),
});
export type CoverageGap = z.infer<typeof coverageGapSchema>;

export const coverageSubjectSchema = z.object({
  id: z.uuid().nullable(),
  name: z.string(),
  placeType: z.string().nullable(),
  areaId: z.uuid().nullable(),
  /** [weekday 0–6 (Monday first)][hour 0–23] */
  /** Null for places when there are more than 100 of them (ask with an area or type filter). */
  grid: z.array(z.array(coverageCellSchema).length(24)).length(7).nullable(),
  gaps: z.array(coverageGapSchema),
});
export type CoverageSubject = z.infer<typeof coverageSubjectSchema>;

export const coverageSchema = z.object({
  week: z.string(),
  previousWeek: z.string(),
  nextWeek: z.string(),
  dates: z.array(z.string()).length(7),
  /**
   * `visible`: coverage counts only presence the reader may see. For an authority reader that
   * includes authorities-only presence; an association reader's coverage never counts (or reveals)
   * presence hidden from it, so it may show a gap that an authority sees as covered.
   */
  basis: z.literal('visible'),
  places: z.array(coverageSubjectSchema),
  areas: z.array(coverageSubjectSchema),
});
export type Coverage = z.infer<typeof coverageSchema>;

// ---- school holidays (a tenant setting per term) ----

export const schoolHolidayInputSchema = z
  .object({
    name: line().min(2).max(120),
    startsOn: localDateSchema,
    endsOn: localDateSchema,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.startsOn > value.endsOn) ctx.addIssue({ code: 'custom', message: 'ends_before_starts', path: ['endsOn'] });
  });
export type SchoolHolidayInput = z.infer<typeof schoolHolidayInputSchema>;

export const schoolHolidaySchema = z.object({ id: z.uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string() });
export type SchoolHoliday = z.infer<typeof schoolHolidaySchema>;
export const schoolHolidayListSchema = z.object({ holidays: z.array(schoolHolidaySchema), abilities: abilitiesSchema });
export type SchoolHolidayList = z.infer<typeof schoolHolidayListSchema>;
export const schoolHolidayIdParamsSchema = z.object({ holidayId: z.uuid() }).strict();

/** Weekday names, Monday first, for the gap texts and the grid's headers. */
export const WEEKDAY_NAMES: Record<'sv' | 'en', readonly string[]> = {
  sv: ['Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lördag', 'Söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
