import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { APP_VERSION } from '../version';
import { BackupWriter } from './backup-file';
import {
  appliedMigrations,
  assertSeesAllRows,
  listSequences,
  listTables,
  qualified,
  quoteIdent,
  readSequence,
  setPortableOutput,
  type CatalogueTable,
} from './catalogue';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BACKUP_NOTE, type BackupHeader } from './format';

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  sha256: string;
}

export interface BackupOptions {
  /** Called as rows are written: for a progress bar. `total` is known before the first row. */
  onProgress?: (done: number, total: number) => void;
}

const FETCH = 1000;

/**
 * Writes every row of every application table to `file`, as the schema owner, from one
 * REPEATABLE READ snapshot: the backup is consistent even while the server keeps working.
 */
export async function writeBackup(database: Database, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const writer = new BackupWriter(file);
  try {
    const summary = await database.asOwner((owner) =>
      owner.transaction(async (tx) => {
        await tx.execute(sql`set transaction isolation level repeatable read, read only`);
        await assertSeesAllRows(tx);
        await setPortableOutput(tx);
        const tables = await listTables(tx);
        const counts: number[] = [];
        for (const table of tables) counts.push(await countRows(tx, table)); // one connection: one query at a time
        const total = counts.reduce((a, b) => a + b, 0);
        const [server] = (await tx.execute<{ version: string }>(sql`select current_setting('server_version') as version`)).rows;
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          appVersion: APP_VERSION,
          source: { databaseKind: database.kind, serverVersion: server!.version },
          migrations: await appliedMigrations(tx),
          tables: tables.map((t, i) => ({ name: t.name, rows: counts[i]! })),
          note: BACKUP_NOTE,
        };
        await writer.line(JSON.stringify(header));

        let done = 0;
        options.onProgress?.(0, total);
        for (const table of tables) {
          await writer.line(JSON.stringify({ table: table.name, columns: table.columns }));
          const written = await writeRows(tx, table, writer, (n) => {
            done += n;
            options.onProgress?.(done, total);
          });
          await writer.line(JSON.stringify({ tableEnd: table.name, rows: written }));
        }
        const sequences = [];
        for (const name of await listSequences(tx)) sequences.push(await readSequence(tx, name));
        await writer.line(JSON.stringify({ sequences }));
        const sha256 = writer.digest();
        await writer.line(JSON.stringify({ end: true, sha256 }));
        return { file, tables: tables.length, rows: done, sha256 };
      }),
    );
    await writer.commit();
    return summary;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

async function countRows(tx: Tx, table: CatalogueTable): Promise<number> {
  const result = await tx.execute<{ n: string }>(sql.raw(`select count(*)::text as n from ${qualified(table.name)}`));
  return Number(result.rows[0]!.n);
}

/** Streams a table through a cursor, in primary-key order so two backups of the same data are identical. */
async function writeRows(
  tx: Tx,
  table: CatalogueTable,
  writer: BackupWriter,
  onBatch: (rows: number) => void,
): Promise<number> {
  const values = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
  const order = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
  await tx.execute(sql.raw(`declare backup_rows no scroll cursor for select to_json(array[${values}]::text[])::text as row from ${qualified(table.name)}${order}`));
  let written = 0;
  for (;;) {
    const batch = await tx.execute<{ row: string }>(sql.raw(`fetch forward ${FETCH} from backup_rows`));
    for (const { row } of batch.rows) await writer.line(row);
    written += batch.rows.length;
    onBatch(batch.rows.length);
    if (batch.rows.length < FETCH) break;
  }
  await tx.execute(sql.raw('close backup_rows'));
  return written;
}
