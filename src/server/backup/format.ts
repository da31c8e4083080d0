/**
 * The Samverka backup format, version 1: gzip'd JSON lines.
 *
 *   {"format":"samverka-backup","formatVersion":1, ...header}        line 1
 *   {"table":"tenant","columns":[{"name":"id","type":"uuid"},...]}  one per table, parents first
 *   ["6f1c…","gavle-demo","Gävle (demo)","{\"demo\": …}", …]        one line per row
 *   {"tableEnd":"tenant","rows":1}
 *   …
 *   {"sequences":[{"name":…,"lastValue":"42","isCalled":true}]}
 *   {"end":true,"sha256":"…"}                                       hash of every line before it
 *
 * A row is an array of each column's PostgreSQL text representation (what COPY uses), or null.
 * Text round-trips every type exactly: timestamps with time zone to the microsecond, jsonb, bigint
 * beyond 2^53, booleans, SQL NULL as distinct from a JSON null, text with newlines and any Unicode.
 * JavaScript never interprets a value; it only moves strings.
 */
export const BACKUP_FORMAT = 'samverka-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupColumn {
  name: string;
  /** format_type() of the column, e.g. "timestamp with time zone": also the cast used on restore. */
  type: string;
}

export interface BackupMigration {
  hash: string;
  /** drizzle's `created_at` (the migration's journal timestamp), as text. */
  createdAt: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  source: { databaseKind: 'embedded' | 'postgres'; serverVersion: string };
  migrations: BackupMigration[];
  /** Every table with its exact row count, in restore order. */
  tables: { name: string; rows: number }[];
  note: string;
}

export interface TableStart {
  table: string;
  columns: BackupColumn[];
}
export interface TableEnd {
  tableEnd: string;
  rows: number;
}
export interface SequencesLine {
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}
export interface EndLine {
  end: true;
  sha256: string;
}

export type RowValues = (string | null)[];

export const BACKUP_NOTE =
  'Personnummer and other encrypted fields stay encrypted in this file; restoring needs the same SAMVERKA_ENCRYPTION_KEY, ' +
  'SAMVERKA_BLIND_INDEX_KEY and SAMVERKA_AUTH_SECRET. Names and other plain fields are readable: protect this file like the database.';

export class BackupFormatError extends Error {}

export function parseHeader(line: string | undefined): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line ?? '') as Partial<BackupHeader>;
  } catch {
    throw new BackupFormatError('Not a Samverka backup (the first line is not JSON)');
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupFormatError('Not a Samverka backup');
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupFormatError(`Backup format version ${String(header.formatVersion)} is not supported (this version reads ${BACKUP_FORMAT_VERSION})`);
  }
  return header as BackupHeader;
}
