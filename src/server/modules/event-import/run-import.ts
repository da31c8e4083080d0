import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Language } from '../../http/messages';
import type { RequestScope } from '../../http/request-scope';
import { now } from '../../clock';
import { IMPORT_PREVIEW_ROWS_MAX, type EventImportPreview, type EventImportPreviewInput, type ImportRow } from '../../../shared/event-import';
import { insertEventReports, type NewEventReport } from '../event-reports/insert-events';
import type { ImportCandidate, RawIssue } from './candidate';
import { importedRefs, loadCatalogue } from './catalogue';
import { readCsvFile } from './csv-file';
import { csvCandidates } from './csv-rows';
import { localizeIssue } from './messages';
import { policeCandidates } from './police-json';
import { resolveCandidates, type ResolvedRow } from './resolve';

export interface ImportOutcome {
  preview: EventImportPreview;
  /** The valid rows not stored before, ready for insertEventReports. */
  toStore: ResolvedRow[];
}

/** Reads and checks a file against the tenant's register. Stores nothing. */
export async function checkImport(scope: RequestScope, input: EventImportPreviewInput, language: Language): Promise<ImportOutcome> {
  const at = now();
  let candidates: ImportCandidate[] = [];
  let fileErrors: RawIssue[] = [];
  let columns: string[] = [];
  let mapping: Record<string, string | null> = {};
  if (input.format === 'csv') {
    const file = readCsvFile(input.content, input.mapping);
    columns = file.columns;
    mapping = Object.fromEntries(Object.entries(file.columnOf).map(([field, index]) => [field, index === null ? null : file.columns[index]!]));
    fileErrors = file.fileErrors;
    if (fileErrors.length === 0) candidates = csvCandidates(file, at);
  } else {
    ({ candidates, fileErrors } = policeCandidates(input.content, at));
  }
  const empty = { rows: 0, valid: 0, errors: 0, skipped: 0, alreadyImported: 0 };
  if (fileErrors.length > 0) {
    return { preview: { format: input.format, columns, mapping, fileErrors: fileErrors.map((issue) => localizeIssue(issue, language)), summary: empty, rows: [], truncated: false }, toStore: [] };
  }
  const catalogue = await loadCatalogue(scope.tx, scope.actor.tenantId);
  const rows = resolveCandidates(candidates, catalogue, { tenantId: scope.actor.tenantId, organisationId: scope.actor.organisationId, source: input.format });
  const valid = rows.filter((row) => row.status === 'ok');
  const stored = await importedRefs(scope.tx, scope.actor.tenantId, valid.map((row) => row.externalRef!));
  const summary = {
    rows: rows.length,
    valid: valid.length,
    errors: rows.filter((row) => row.status === 'error').length,
    skipped: rows.filter((row) => row.status === 'skipped').length,
    alreadyImported: valid.filter((row) => stored.has(row.externalRef!)).length,
  };
  const shown = [...rows.filter((row) => row.status !== 'ok'), ...valid].slice(0, IMPORT_PREVIEW_ROWS_MAX);
  const present = (row: ResolvedRow): ImportRow => ({
    row: row.row,
    status: row.status,
    externalId: row.candidate.externalId,
    category: row.category,
    occurredFrom: row.candidate.occurredFrom?.toISOString() ?? null,
    occurredTo: row.candidate.occurredTo?.toISOString() ?? null,
    place: row.placeName,
    area: row.areaName,
    alreadyImported: row.externalRef !== null && stored.has(row.externalRef),
    errors: row.errors.map((issue) => localizeIssue(issue, language)),
    notes: row.notes.map((issue) => localizeIssue(issue, language)),
  });
  return {
    preview: { format: input.format, columns, mapping, fileErrors: [], summary, rows: shown.map(present), truncated: shown.length < rows.length },
    toStore: valid.filter((row) => !stored.has(row.externalRef!)),
  };
}

/** Stores the checked rows (or, in a dry run, counts what would be stored) under one batch id. */
export async function storeImport(scope: RequestScope, rows: ResolvedRow[], options: { cipher: FieldCipher; dryRun: boolean }) {
  const batchId = randomUUID();
  const events: NewEventReport[] = rows.map((row) => ({
    id: row.id!,
    category: row.category!,
    placeId: row.placeId,
    areaId: row.placeId === null ? row.areaId : null,
    latitude: row.placeId === null ? row.candidate.latitude : null,
    longitude: row.placeId === null ? row.candidate.longitude : null,
    approximate: row.candidate.approximate,
    occurredFrom: row.candidate.occurredFrom!.toISOString(),
    occurredTo: row.candidate.occurredTo!.toISOString(),
    peopleCount: row.candidate.peopleCount,
    severity: row.candidate.severity,
    description: row.candidate.description,
    externalRef: row.externalRef,
    importBatchId: batchId,
  }));
  const result = await insertEventReports(scope, events, { source: 'import', cipher: options.cipher, dryRun: options.dryRun });
  return { batchId: options.dryRun || result.inserted === 0 ? null : batchId, ...result };
}
