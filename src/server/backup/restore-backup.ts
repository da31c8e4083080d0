import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { BackupReader } from './backup-file';
import {
  appliedMigrations,
  assertSeesAllRows,
  enabledUserTriggers,
  listTables,
  qualified,
  quoteIdent,
  setPortableOutput,
  type CatalogueTable,
} from './catalogue';
import { BackupFormatError, parseHeader, type BackupColumn, type BackupHeader, type BackupMigration, type EndLine, type SequencesLine, type TableEnd, type TableStart } from './format';

export interface RestoreOptions {
  /** Wipe a database that already holds data. Without it, restore refuses to mix two data sets. */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: number;
  rows: number;
  wiped: boolean;
}

/** A refusal the operator can act on (not a fault): the CLI prints its message as is. */
export class RestoreRefusedError extends Error {}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000;

/**
 * Restores a backup into a migrated database, as the schema owner, in ONE transaction: it all
 * lands or nothing does. Inside that transaction, and only there:
 * - every application table is locked ACCESS EXCLUSIVE, so nobody reads or writes half a restore;
 * - our own triggers are disabled and re-enabled by name before commit. This is what lets `--force`
 *   wipe the append-only audit log (its trigger refuses TRUNCATE), and keeps any trigger from
 *   rewriting restored rows. Catalogue changes are transactional: no other session ever sees the
 *   triggers disabled, and a failure anywhere rolls the disabling back with everything else.
 * Foreign-key checks stay on: tables arrive parents first.
 */
export async function restoreBackup(database: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const reader = new BackupReader(file);
  try {
    const headerLine = await reader.next();
    const header = parseHeader(headerLine ?? undefined);
    reader.account(headerLine!);
    return await database.asOwner((owner) =>
      owner.transaction(async (tx) => {
        await assertSeesAllRows(tx);
        await setPortableOutput(tx);
        assertSameMigrations(header.migrations, await appliedMigrations(tx));
        const tables = await listTables(tx);
        assertSameTables(header, tables);
        await tx.execute(sql.raw(`lock table ${tables.map((t) => qualified(t.name)).join(', ')} in access exclusive mode`));

        const occupied = await tablesWithRows(tx, tables);
        if (occupied.length > 0 && !options.force) {
          throw new RestoreRefusedError(
            `The database already holds data (in ${occupied.join(', ')}). Restore into an empty, migrated database, or add --force to wipe it first.`,
          );
        }
        const triggers = await enabledUserTriggers(tx);
        for (const t of triggers) await tx.execute(sql.raw(`alter table ${qualified(t.table)} disable trigger ${quoteIdent(t.trigger)}`));
        if (occupied.length > 0) await tx.execute(sql.raw(`truncate table ${tables.map((t) => qualified(t.name)).join(', ')}`));

        const rows = await loadTables(tx, reader, header, new Map(tables.map((t) => [t.name, t])), options.onProgress);

        for (const t of triggers) await tx.execute(sql.raw(`alter table ${qualified(t.table)} enable trigger ${quoteIdent(t.trigger)}`));
        return { header, tables: header.tables.length, rows, wiped: occupied.length > 0 };
      }),
    );
  } finally {
    reader.dispose();
  }
}

/** Reads the body of the backup, table by table, and checks the end line before the transaction commits. */
async function loadTables(
  tx: Tx,
  reader: BackupReader,
  header: BackupHeader,
  tables: Map<string, CatalogueTable>,
  onProgress: RestoreOptions['onProgress'],
): Promise<number> {
  const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
  let done = 0;
  onProgress?.(0, total);
  for (const expected of header.tables) {
    const start = readObject<TableStart>(reader, await reader.next(), 'table');
    if (start.table !== expected.name) throw new BackupFormatError(`Expected table ${expected.name}, found ${start.table}`);
    const table = tables.get(start.table)!;
    assertSameColumns(table, start.columns);
    let batch: string[] = [];
    let chars = 0;
    let loaded = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      loaded += await insertRows(tx, table.name, start.columns, batch);
      done += batch.length;
      onProgress?.(done, total);
      batch = [];
      chars = 0;
    };
    for (;;) {
      const line = await reader.next();
      if (line === null) throw new BackupFormatError('The backup ends in the middle of a table: the file is truncated');
      if (!line.startsWith('[')) {
        const end = readObject<TableEnd>(reader, line, 'tableEnd');
        await flush();
        if (end.tableEnd !== table.name || end.rows !== loaded || loaded !== expected.rows) {
          throw new BackupFormatError(`Table ${table.name}: expected ${expected.rows} rows, restored ${loaded}`);
        }
        break;
      }
      reader.account(line);
      batch.push(line);
      chars += line.length;
      // A table that refers to itself goes in one statement: its foreign keys are checked at the statement's end.
      if (!table.selfReferencing && (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS)) await flush();
    }
  }
  const sequences = readObject<SequencesLine>(reader, await reader.next(), 'sequences');
  for (const s of sequences.sequences) {
    await tx.execute(sql`select setval(${qualified(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`);
  }
  const expectedHash = reader.digest();
  const end = readObject<EndLine>(reader, await reader.next(), 'end', false);
  if (end.sha256 !== expectedHash) throw new BackupFormatError('The backup is damaged: its checksum does not match its contents');
  return done;
}

/** Inserts rows given as JSON arrays of text values, casting each back to its column type. */
async function insertRows(tx: Tx, table: string, columns: BackupColumn[], rows: string[]): Promise<number> {
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const casts = columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  const result = await tx.execute<{ n: number }>(sql`
    with inserted as (
      insert into ${sql.raw(qualified(table))} (${sql.raw(names)}) overriding system value
      select ${sql.raw(casts)} from json_array_elements(${`[${rows.join(',')}]`}::json) as r
      where json_array_length(r) = ${columns.length}
      returning 1
    )
    select count(*)::int as n from inserted`);
  const inserted = Number(result.rows[0]!.n);
  if (inserted !== rows.length) throw new BackupFormatError(`Table ${table}: a row does not have ${columns.length} values`);
  return inserted;
}

function readObject<T>(reader: BackupReader, line: string | null, key: string, hashed = true): T {
  if (line === null) throw new BackupFormatError('The backup ends early: the file is truncated');
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new BackupFormatError('The backup is damaged: a line is not JSON');
  }
  if (!(key in parsed)) throw new BackupFormatError(`The backup is damaged: expected a "${key}" line`);
  if (hashed) reader.account(line);
  return parsed as T;
}

function assertSameMigrations(backup: BackupMigration[], target: BackupMigration[]): void {
  const same = backup.length === target.length && backup.every((m, i) => m.hash === target[i]!.hash && m.createdAt === target[i]!.createdAt);
  if (same) return;
  throw new RestoreRefusedError(
    `The backup was made at a different schema version (${backup.length} migrations) than this database (${target.length} migrations). ` +
      'Restore with the Samverka version that made the backup, then upgrade.',
  );
}

function assertSameTables(header: BackupHeader, tables: CatalogueTable[]): void {
  const inBackup = header.tables.map((t) => t.name).sort();
  const inTarget = tables.map((t) => t.name).sort();
  if (inBackup.join() !== inTarget.join()) {
    throw new RestoreRefusedError(`The backup's tables (${inBackup.join(', ')}) differ from this database's (${inTarget.join(', ')})`);
  }
}

function assertSameColumns(table: CatalogueTable, columns: BackupColumn[]): void {
  const describe = (list: BackupColumn[]) => list.map((c) => `${c.name} ${c.type}`).sort().join(', ');
  if (describe(table.columns) !== describe(columns)) {
    throw new RestoreRefusedError(`Table ${table.name} differs between the backup (${describe(columns)}) and this database (${describe(table.columns)})`);
  }
}

async function tablesWithRows(tx: Tx, tables: CatalogueTable[]): Promise<string[]> {
  const occupied: string[] = [];
  for (const t of tables) {
    const result = await tx.execute<{ present: boolean }>(sql.raw(`select exists (select 1 from ${qualified(t.name)}) as present`));
    if (result.rows[0]!.present) occupied.push(t.name);
  }
  return occupied;
}
