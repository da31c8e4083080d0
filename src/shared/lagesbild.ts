import { z } from 'zod';
import { isValidIsoWeek, addDays, isoWeekOf, mondayOfIsoWeek } from './stockholm-time';
import { abilitiesSchema } from './organisations';
import type { Role } from './roles';
import { multiline } from './text';
import { containsIdentityNumber, IDENTITY_NUMBER_IN_TEXT_MESSAGE } from './field-reports';

/**
 * The weekly lägesbild (issue 14 §2): a week's verified events of a tenant or an area, against its
 * own recent level, with hot-spot cells, a weekday × hour grid, trends, the notable changes in words,
 * and the hot-spots where no presence is planned. Figures are cells in the sense of
 * src/shared/suppression.ts: a plain value, or hidden ("< k", "x") for readers who get suppressed figures.
 */

export const LAGESBILD_PATH = '/lagesbild';

/** How many weeks the trend charts show, and how many weeks the "recent level" is. */
export const TREND_WEEKS = 26;
export const BASELINE_WEEKS = 8;
/** How many hot-spot cells the week names at most. */
export const HOTSPOT_LIMIT = 10;

/** Who writes the week's analysis, closes and sends it: the EST group's leads. */
export const LAGESBILD_WRITER_ROLES = ['koordinator', 'est_rapportor'] as const satisfies readonly Role[];
/** Who reads only suppressed figures, always. */
export const LAGESBILD_SUPPRESSED_ROLES = ['analytiker'] as const satisfies readonly Role[];
/** Who does not read the picture at all: the log reviewer's work is the logs. */
export const LAGESBILD_NO_READ_ROLES = ['loggranskare', 'jurist'] as const satisfies readonly Role[];

export const isoWeekParamsSchema = z
  .object({
    week: z.string().refine(isValidIsoWeek, { message: 'invalid_iso_week' }),
  })
  .strict();
export const lagesbildQuerySchema = z.object({ area: z.uuid().optional() }).strict();

/** 2026-W49 → 202649, the form event_report and the rollups store. */
export function isoWeekNumber(week: string): number {
  const [year, number] = week.split('-W');
  return Number(year) * 100 + Number(number);
}

/** 202649 → 2026-W49. */
export function isoWeekText(value: number): string {
  return `${Math.floor(value / 100)}-W${String(value % 100).padStart(2, '0')}`;
}

/** The week `offset` weeks from `week` (negative: earlier). */
export function shiftWeek(week: string, offset: number): string {
  return isoWeekOf(addDays(mondayOfIsoWeek(week), offset * 7));
}

/** The same ISO week a year earlier; week 53 falls back to week 52 in a year without one. */
export function sameWeekLastYear(week: string): string {
  const [year, number] = week.split('-W');
  const candidate = `${Number(year) - 1}-W${number}`;
  return isValidIsoWeek(candidate) ? candidate : `${Number(year) - 1}-W52`;
}

export const figureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), value: z.number() }),
  z.object({ kind: z.literal('suppressed'), below: z.number().int().nullable() }),
]);
export type Figure = z.infer<typeof figureSchema>;

export const changeSchema = z.object({
  /** 'category' or 'cell' (a hot-spot place). */
  level: z.enum(['category', 'cell']),
  category: z.string(),
  cell: z.string().nullable(),
  current: z.number().int(),
  mean: z.number(),
  pValue: z.number(),
  text: z.string(),
});
export type LagesbildChange = z.infer<typeof changeSchema>;

export const categoryRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  count: figureSchema,
  /** Mean of the 8 weeks before, one decimal. */
  mean: figureSchema,
  lastYear: figureSchema,
  notable: z.boolean(),
});

export const hotspotSchema = z.object({
  cell: z.string(),
  count: figureSchema,
  centre: z.object({ latitude: z.number(), longitude: z.number() }),
  /** The cell's hexagon, [latitude, longitude] pairs: drawn instead of any event's own point. */
  boundary: z.array(z.tuple([z.number(), z.number()])),
  /** The registered places in the cell, by name. */
  places: z.array(z.object({ id: z.uuid(), name: z.string() })),
  topCategory: z.string().nullable(),
});
export type Hotspot = z.infer<typeof hotspotSchema>;

export const presenceGapSchema = z.object({
  cell: z.string(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  weekday: z.number().int().min(1).max(7),
  fromHour: z.number().int().min(0).max(23),
  toHour: z.number().int().min(1).max(24),
  text: z.string(),
});
export type PresenceGap = z.infer<typeof presenceGapSchema>;

export const weekStateSchema = z.object({
  status: z.enum(['open', 'closed', 'sent']),
  analysis: z.string(),
  analysisAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  recipients: z.number().int(),
});

export const lagesbildSchema = z.object({
  week: z.string(),
  previousWeek: z.string(),
  nextWeek: z.string(),
  lastYearWeek: z.string(),
  dates: z.array(z.string()),
  areaId: z.uuid().nullable(),
  areaName: z.string().nullable(),
  /** True when the figures are suppressed (the analyst, a sent copy, a PDF). */
  suppressed: z.boolean(),
  k: z.number().int(),
  categories: z.array(categoryRowSchema),
  total: z.object({ count: figureSchema, mean: figureSchema, lastYear: figureSchema }),
  changes: z.array(changeSchema),
  /** The change test in words, shown with the changes. */
  method: z.string(),
  hotspots: z.array(hotspotSchema),
  /** 7 rows (Monday first) × 24 hours; `unknownHour` counts events with only a day. */
  heat: z.object({ cells: z.array(z.array(figureSchema)), unknownHour: z.array(figureSchema), max: z.number() }),
  trend: z.object({ weeks: z.array(z.string()), series: z.array(z.object({ code: z.string(), name: z.string(), counts: z.array(figureSchema) })) }),
  presenceGaps: z.array(presenceGapSchema),
  state: weekStateSchema,
  abilities: abilitiesSchema,
});
export type Lagesbild = z.infer<typeof lagesbildSchema>;

/** GET of a sent week: the picture as sent, never recomputed. */
export const sentLagesbildSchema = z.object({ sentAt: z.string(), picture: lagesbildSchema });

export const ANALYSIS_MAX = 8000;
export const analysisInputSchema = z
  .object({
    analysis: multiline()
      .max(ANALYSIS_MAX)
      .refine((text) => !containsIdentityNumber(text), { message: IDENTITY_NUMBER_IN_TEXT_MESSAGE }),
  })
  .strict();
export const weekActionInputSchema = z.object({ area: z.uuid().nullable().optional() }).strict();
