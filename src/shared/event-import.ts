import { z } from 'zod';
import type { Role } from './roles';
import { line } from './text';

/**
 * Importing event reports (issue 14 §1 "Import"): a housing company's or a guard company's log as
 * CSV, or the police's public event feed as JSON (the shape of https://polisen.se/api/events). The
 * same file is sent twice: once for the preview (parsed and checked against the tenant's categories,
 * places and areas; nothing stored), then again to import it (a dry run stores nothing either). The
 * server keeps no state between the two, so a preview never leaves half a file behind.
 */

export const EVENT_IMPORT_PATHS = { page: '/handelser/import' } as const;

/**
 * Who imports: the EST reporter (the housing company's or guard company's own reporter, who holds
 * the log) and the coordinator who leads the EST group (who brings in the police feed). Imported
 * events are filed in the importer's organisation's name, as a report they wrote would be. The
 * administrator configures and does not report (as for the report form), so does not import.
 */
export const EVENT_IMPORT_ROLES = ['est_rapportor', 'koordinator'] as const satisfies readonly Role[];

/** A file of at most 20 MB and 50,000 rows: a year of a large housing company's log fits many times over. */
export const EVENT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const EVENT_IMPORT_MAX_ROWS = 50_000;
/**
 * The request body: the file travels as a JSON string, whose escaping (quotes in a JSON file, line
 * breaks) can make it up to about a fifth larger than the file itself.
 */
export const EVENT_IMPORT_BODY_LIMIT = 26 * 1024 * 1024;

export const EVENT_IMPORT_FORMATS = ['csv', 'police_json'] as const;
export const eventImportFormatSchema = z.enum(EVENT_IMPORT_FORMATS);
export type EventImportFormat = z.infer<typeof eventImportFormatSchema>;

/**
 * The columns a CSV file may have. The template's headers are the first alias of each; the others
 * are what housing and guard companies' log exports commonly call the same thing. Headers are
 * compared without case, accents and punctuation ("Tid från", "tid_fran" and "TID-FRÅN" are one).
 */
export const CSV_FIELDS = [
  'externalId',
  'date',
  'timeFrom',
  'timeTo',
  'category',
  'place',
  'address',
  'area',
  'latitude',
  'longitude',
  'peopleCount',
  'severity',
  'description',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export const csvFieldSchema = z.enum(CSV_FIELDS);

export const CSV_FIELD_HEADERS: Record<CsvField, readonly [string, ...string[]]> = {
  externalId: ['extern id', 'id', 'händelse id', 'ärendenummer', 'ärende', 'löpnummer', 'rapportnummer'],
  date: ['datum', 'händelsedatum', 'dag'],
  timeFrom: ['tid från', 'från', 'tid', 'klockslag', 'starttid', 'tidpunkt'],
  timeTo: ['tid till', 'till', 'sluttid'],
  category: ['kategori', 'händelsetyp', 'typ', 'händelse'],
  place: ['plats', 'platsnamn', 'objekt', 'fastighet'],
  address: ['adress', 'gatuadress'],
  area: ['område', 'stadsdel', 'bostadsområde'],
  latitude: ['lat', 'latitud'],
  longitude: ['lng', 'lon', 'long', 'longitud'],
  peopleCount: ['antal', 'antal personer', 'personer'],
  severity: ['allvarlighet', 'allvarlighetsgrad', 'prioritet'],
  description: ['beskrivning', 'kommentar', 'händelsebeskrivning', 'notering', 'text'],
};

/** The template's header line (semicolon-separated, as Swedish Excel saves CSV). */
export const CSV_TEMPLATE_HEADER = CSV_FIELDS.map((field) => CSV_FIELD_HEADERS[field][0]).join(';');

/** Which header of the file holds each field: null when the file has no such column. */
export const csvMappingSchema = z.partialRecord(csvFieldSchema, line().max(200).nullable());
export type CsvMapping = z.infer<typeof csvMappingSchema>;

const content = z.string().min(1).max(EVENT_IMPORT_MAX_BYTES, { message: 'file_too_large' });

/** POST /api/event-imports/preview */
export const eventImportPreviewInputSchema = z
  .object({
    format: eventImportFormatSchema,
    /** The file's text (UTF-8; a byte order mark is removed). */
    content,
    /** Overrides the columns found from the headers (the mapping step); only for CSV. */
    mapping: csvMappingSchema.optional(),
  })
  .strict();
export type EventImportPreviewInput = z.infer<typeof eventImportPreviewInputSchema>;

/** POST /api/event-imports: the same file again, after the user has seen the preview. */
export const eventImportInputSchema = z
  .object({
    format: eventImportFormatSchema,
    content,
    mapping: csvMappingSchema.optional(),
    /** Check everything and count what would be stored, as the import would, and store nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type EventImportInput = z.infer<typeof eventImportInputSchema>;

/** A row is imported (`ok`), has errors to fix in the file (`error`), or is left out on purpose (`skipped`). */
export const IMPORT_ROW_STATUSES = ['ok', 'error', 'skipped'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** One problem in one field of one row: `field` is the column as the file names it. */
export const importIssueSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** What a row becomes, without its description (the preview never echoes free text back). */
export const importRowSchema = z.object({
  /** The row in the file: the spreadsheet's row number for CSV (the header is row 1), the position (1…) for JSON. */
  row: z.number().int(),
  status: z.enum(IMPORT_ROW_STATUSES),
  externalId: z.string().nullable(),
  category: z.string().nullable(),
  occurredFrom: z.string().nullable(),
  occurredTo: z.string().nullable(),
  place: z.string().nullable(),
  area: z.string().nullable(),
  /** True when the row was imported before (same external id or same content): the import leaves it out. */
  alreadyImported: z.boolean(),
  errors: z.array(importIssueSchema),
  /** Why a row is skipped, or what to know about a good one (e.g. the police's point is only the municipality's). */
  notes: z.array(importIssueSchema),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importSummarySchema = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  /** Of the valid rows, how many are already stored from an earlier import. */
  alreadyImported: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** At most this many rows come back in a preview: every row with a problem first, then good rows. */
export const IMPORT_PREVIEW_ROWS_MAX = 1000;

export const eventImportPreviewSchema = z.object({
  format: eventImportFormatSchema,
  /** The CSV file's headers, in order (empty for JSON). */
  columns: z.array(z.string()),
  /** Which header was used for each field (CSV). */
  mapping: z.record(z.string(), z.string().nullable()),
  /** Problems with the whole file (no header, wrong shape, too many rows): then no row is checked. */
  fileErrors: z.array(importIssueSchema),
  summary: importSummarySchema,
  /** Rows with errors or notes first, in file order, then good rows, up to IMPORT_PREVIEW_ROWS_MAX. */
  rows: z.array(importRowSchema),
  truncated: z.boolean(),
});
export type EventImportPreview = z.infer<typeof eventImportPreviewSchema>;

export const eventImportResultSchema = eventImportPreviewSchema.extend({
  dryRun: z.boolean(),
  /** The import batch the stored rows carry (null on a dry run or when nothing was stored). */
  batchId: z.uuid().nullable(),
  /** Rows stored now. */
  inserted: z.number().int(),
  /** Valid rows not stored because they were there already (an earlier import of the same rows). */
  duplicates: z.number().int(),
});
export type EventImportResult = z.infer<typeof eventImportResultSchema>;
