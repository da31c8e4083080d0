import { z } from 'zod';
import type { OrganisationType } from './organisations';
import type { Role } from './roles';
import { multiline } from './text';

/**
 * The field report (fältrapport, issue 13 §6): what those present saw after a presence occasion, on a
 * phone, often without a connection. It counts young people by age band and never names anyone. The
 * client makes the report's id (a random UUID) when the form opens, so a report queued offline and
 * sent again after a lost answer is still one report.
 */

export const FIELD_REPORT_PATHS = { page: '/faltrapport' } as const;

/**
 * Who files: the roles that do field work. Fältassistenter and fritidsledare are out where young people
 * are; områdespolis walks the same places; nattvandrare are an association's key persons; the
 * coordinator joins walks and files for the group. School staff, case officers and the rest work
 * indoors with individuals: their concern goes to the concern channel, not here.
 */
export const FIELD_REPORT_WRITER_ROLES = ['faltassistent', 'fritidsledare', 'polis', 'foreningsnyckelperson', 'koordinator'] as const satisfies readonly Role[];
/** Who reads the tenant's field reports (each by its visibility): the writers, and the EST reporter who builds the lägesbild. */
export const FIELD_REPORT_READER_ROLES = [...FIELD_REPORT_WRITER_ROLES, 'est_rapportor'] as const satisfies readonly Role[];

export const FIELD_REPORT_MOODS = ['lugnt', 'anstrangt', 'oroligt'] as const;
export const fieldReportMoodSchema = z.enum(FIELD_REPORT_MOODS);
export type FieldReportMood = z.infer<typeof fieldReportMoodSchema>;

export const FIELD_REPORT_VISIBILITIES = ['all', 'authorities', 'organisation'] as const;
export const fieldReportVisibilitySchema = z.enum(FIELD_REPORT_VISIBILITIES);
export type FieldReportVisibility = z.infer<typeof fieldReportVisibilitySchema>;

/**
 * The default visibility: the police plan and report without publishing their patrols to associations,
 * so theirs start as authorities only; everyone else's as all partners (the report holds no names).
 */
export function defaultFieldReportVisibility(organisationType: OrganisationType): FieldReportVisibility {
  return organisationType === 'polis' ? 'authorities' : 'all';
}

export const IDENTITY_NUMBER_IN_TEXT_MESSAGE = 'identity_number_in_text';

/**
 * True when the text holds something shaped like a personnummer or samordningsnummer: YYMMDD-XXXX or
 * YYYYMMDDXXXX, with or without the separator, whose month and day could be a date (a samordningsnummer
 * adds 60 to the day). The check digit is not asked for: a mistyped personnummer is still one.
 */
export function containsIdentityNumber(text: string): boolean {
  const pattern = /(?<!\d)(?:(?:19|20)\d{2}|\d{2})(\d{2})(\d{2})[-+\s]?\d{4}(?!\d)/g;
  for (const match of text.matchAll(pattern)) {
    const month = Number(match[1]);
    const day = Number(match[2]);
    const dayOfMonth = day > 60 ? day - 60 : day;
    if (month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31) return true;
  }
  return false;
}

/**
 * Capitalised words that are not the first word of a sentence and not a known place or organisation
 * name: they may be someone's name. Only a hint under the field; a report with them is still sent.
 */
export function nameLikeWords(text: string, knownNames: readonly string[] = []): string[] {
  const known = new Set(knownNames.flatMap((name) => name.split(/[\s,.;:()/-]+/)).map((word) => word.toLocaleLowerCase('sv')));
  const found: string[] = [];
  const sentences = text.split(/(?<=[.!?\n])\s*/);
  for (const sentence of sentences) {
    const words = sentence.split(/[\s,;:()"”]+/).filter(Boolean);
    words.slice(1).forEach((word) => {
      const clean = word.replace(/[.!?]+$/, '');
      if (/^\p{Lu}\p{Ll}+$/u.test(clean) && !known.has(clean.toLocaleLowerCase('sv')) && !found.includes(clean)) found.push(clean);
    });
  }
  return found;
}

export const FIELD_REPORT_OBSERVATIONS_MAX = 2000;
const count = z.number().int().min(0).max(999);

/** POST /api/field-reports. */
export const fieldReportInputSchema = z
  .object({
    /** Made by the client (crypto.randomUUID) when the form opens; a resend carries the same id. */
    id: z.uuid(),
    otherOrganisationIds: z.array(z.uuid()).max(20).default([]),
    presenceEntryId: z.uuid().nullable().default(null),
    placeId: z.uuid().nullable().default(null),
    areaId: z.uuid().nullable().default(null),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
    staffCount: z.number().int().min(1).max(100).default(1),
    youthUnder13: count,
    youth13To15: count,
    youth16To17: count,
    youth18Plus: count,
    mood: fieldReportMoodSchema,
    observations: multiline()
      .max(FIELD_REPORT_OBSERVATIONS_MAX)
      .refine((value) => !containsIdentityNumber(value), { message: IDENTITY_NUMBER_IN_TEXT_MESSAGE })
      .default(''),
    forSituationPicture: z.boolean().default(false),
    visibility: fieldReportVisibilitySchema,
  })
  .strict()
  .refine((value) => value.placeId !== null || value.areaId !== null, { message: 'place_or_area_required', path: ['placeId'] })
  .refine((value) => Date.parse(value.startedAt) < Date.parse(value.endedAt), { message: 'invalid_range', path: ['endedAt'] })
  .refine((value) => Date.parse(value.endedAt) - Date.parse(value.startedAt) <= 24 * 3600_000, { message: 'field_report_too_long', path: ['endedAt'] })
  .refine((value) => new Set(value.otherOrganisationIds).size === value.otherOrganisationIds.length, { message: 'duplicate_values', path: ['otherOrganisationIds'] });
export type FieldReportInput = z.input<typeof fieldReportInputSchema>;
export type FieldReportParsedInput = z.output<typeof fieldReportInputSchema>;

export const fieldReportSchema = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  otherOrganisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  presenceEntryId: z.uuid().nullable(),
  place: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  area: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  staffCount: z.number().int(),
  youthUnder13: z.number().int(),
  youth13To15: z.number().int(),
  youth16To17: z.number().int(),
  youth18Plus: z.number().int(),
  mood: fieldReportMoodSchema,
  observations: z.string(),
  forSituationPicture: z.boolean(),
  visibility: fieldReportVisibilitySchema,
  /** Whether the signed-in user filed it. */
  mine: z.boolean(),
  receivedAt: z.string(),
});
export type FieldReport = z.infer<typeof fieldReportSchema>;

export const fieldReportListQuerySchema = z
  .object({
    placeId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const fieldReportListSchema = z.object({ reports: z.array(fieldReportSchema) });
export type FieldReportList = z.infer<typeof fieldReportListSchema>;

/** What the form needs to be filled in offline: kept on the phone after the first visit online. */
export const fieldReportOptionsSchema = z.object({
  tenantId: z.uuid(),
  /** For the link to the concern form (`/oro?tenant=`), which is where a worry about one young person goes. */
  tenantSlug: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  defaultVisibility: fieldReportVisibilitySchema,
  places: z.array(z.object({ id: z.uuid(), name: z.string(), type: z.string() })),
  areas: z.array(z.object({ id: z.uuid(), name: z.string() })),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  abilities: z.record(z.string(), z.boolean()),
});
export type FieldReportOptions = z.infer<typeof fieldReportOptionsSchema>;
