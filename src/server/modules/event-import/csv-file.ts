import Papa from 'papaparse';
import { CSV_FIELD_HEADERS, CSV_FIELDS, EVENT_IMPORT_MAX_ROWS, type CsvField, type CsvMapping } from '../../../shared/event-import';
import type { RawIssue } from './candidate';
import { normalizeName } from './normalize';

export interface CsvRecord {
  /** The spreadsheet's row number: the header is row 1. */
  row: number;
  cells: string[];
  /** Papaparse could not read the row (an unclosed quotation mark). */
  malformed: boolean;
}

export interface CsvFile {
  delimiter: string;
  columns: string[];
  /** The index of the column holding each field, or null. */
  columnOf: Record<CsvField, number | null>;
  records: CsvRecord[];
  fileErrors: RawIssue[];
}

/**
 * Reads a CSV log export: UTF-8 with or without a byte order mark, separated by semicolons (as Swedish
 * Excel saves it), commas or tabs, with Excel's optional `sep=;` first line. The separator is the one
 * the header line uses most. Columns are found from the headers (CSV_FIELD_HEADERS); `mapping`, from
 * the mapping step, overrides them field by field.
 */
export function readCsvFile(content: string, mapping: CsvMapping = {}): CsvFile {
  let text = content.replace(/^\uFEFF/, '');
  let delimiter: string | null = null;
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    delimiter = sep[1]!;
    text = text.slice(sep[0].length);
  }
  const empty: Record<CsvField, number | null> = Object.fromEntries(CSV_FIELDS.map((field) => [field, null])) as Record<CsvField, number | null>;
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (headerLine.trim() === '') return { delimiter: ';', columns: [], columnOf: empty, records: [], fileErrors: [{ row: 1, field: '', code: 'empty_file' }] };
  delimiter ??= guessDelimiter(headerLine);

  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, header: false });
  const malformedRows = new Set(parsed.errors.filter((error) => error.type === 'Quotes').map((error) => error.row));
  const [header = [], ...body] = parsed.data;
  const columns = header.map((cell) => cell.trim());
  const records: CsvRecord[] = [];
  body.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    records.push({ row: index + 2, cells, malformed: malformedRows.has(index + 1) });
  });

  const fileErrors: RawIssue[] = [];
  const columnOf = { ...empty };
  const normalized = columns.map(normalizeName);
  const taken = new Set<number>();
  for (const field of CSV_FIELDS) {
    for (const alias of CSV_FIELD_HEADERS[field]) {
      const index = normalized.findIndex((name, i) => name === normalizeName(alias) && !taken.has(i));
      if (index >= 0) {
        columnOf[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  for (const [field, column] of Object.entries(mapping) as [CsvField, string | null][]) {
    if (column === null) {
      columnOf[field] = null;
      continue;
    }
    const index = columns.indexOf(column);
    if (index < 0) fileErrors.push({ row: 1, field: column, code: 'mapping_unknown_column', params: { column } });
    else columnOf[field] = index;
  }
  for (const field of ['date', 'category'] as const) {
    if (columnOf[field] === null) fileErrors.push({ row: 1, field: CSV_FIELD_HEADERS[field][0], code: 'missing_column', params: { column: CSV_FIELD_HEADERS[field][0] } });
  }
  if (columnOf.place === null && columnOf.address === null && columnOf.area === null && (columnOf.latitude === null || columnOf.longitude === null)) {
    fileErrors.push({ row: 1, field: CSV_FIELD_HEADERS.place[0], code: 'missing_location_column' });
  }
  if (records.length > EVENT_IMPORT_MAX_ROWS) fileErrors.push({ row: 1, field: '', code: 'too_many_rows', params: { max: EVENT_IMPORT_MAX_ROWS } });
  return { delimiter, columns, columnOf, records, fileErrors };
}

function guessDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((candidate) => ({ candidate, count: headerLine.split(candidate).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count === 0 ? ';' : best.candidate;
}
