import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client';
import type { BackupColumn, BackupMigration } from './format';

/**
 * What the database itself says about the application's tables. Backup and restore read the
 * catalogue rather than a hand-kept list, so a table added by a later migration is included
 * without anyone remembering to add it here.
 */
export const APP_SCHEMA = 'public';

export interface CatalogueTable {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  /** A foreign key to itself: its rows must be inserted in one statement (checks run at statement end). */
  selfReferencing: boolean;
}

type Executor = Pick<Tx, 'execute'>;

async function rows<T>(tx: Executor, query: SQL): Promise<T[]> {
  return (await tx.execute(query)).rows as T[];
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (table: string) => `${quoteIdent(APP_SCHEMA)}.${quoteIdent(table)}`;

/** The application's tables, parents before children (foreign-key order). */
export async function listTables(tx: Executor): Promise<CatalogueTable[]> {
  const tables = await rows<{ name: string }>(
    tx,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${APP_SCHEMA} and (c.relkind = 'p' or (c.relkind = 'r' and not c.relispartition))
        order by c.relname`,
  );
  const columns = await rows<{ table: string; name: string; type: string }>(
    tx,
    sql`select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${APP_SCHEMA} and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await rows<{ table: string; name: string }>(
    tx,
    sql`select c.relname as table, a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
        where n.nspname = ${APP_SCHEMA} and i.indisprimary
        order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const references = await rows<{ child: string; parent: string }>(
    tx,
    sql`select distinct cc.relname as child, pc.relname as parent
        from pg_constraint k join pg_class cc on cc.oid = k.conrelid join pg_class pc on pc.oid = k.confrelid
        join pg_namespace n on n.oid = cc.relnamespace
        where k.contype = 'f' and n.nspname = ${APP_SCHEMA}`,
  );

  const byName = new Map<string, CatalogueTable>(
    tables.map(({ name }) => [name, { name, columns: [], primaryKey: [], selfReferencing: false }]),
  );
  for (const column of columns) byName.get(column.table)?.columns.push({ name: column.name, type: column.type });
  for (const key of keys) byName.get(key.table)?.primaryKey.push(key.name);
  const parents = new Map<string, Set<string>>([...byName.keys()].map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references) {
    if (child === parent) byName.get(child)!.selfReferencing = true;
    else if (byName.has(parent)) parents.get(child)?.add(parent);
  }
  return foreignKeyOrder(parents).map((name) => byName.get(name)!);
}

/** Kahn's algorithm, alphabetical among equals so the order is stable. Cycles cannot be restored row by row. */
function foreignKeyOrder(parents: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (placed.size < parents.size) {
    const ready = [...parents.keys()].filter((name) => !placed.has(name) && [...parents.get(name)!].every((p) => placed.has(p))).sort();
    if (ready.length === 0) {
      const cycle = [...parents.keys()].filter((name) => !placed.has(name));
      throw new Error(`Foreign keys form a cycle between ${cycle.join(', ')}; make one of them DEFERRABLE before backing up`);
    }
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

/** The migrations applied to this database, oldest first, as drizzle records them. */
export async function appliedMigrations(tx: Executor): Promise<BackupMigration[]> {
  const [exists] = await rows<{ present: boolean }>(tx, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return [];
  return rows<BackupMigration>(tx, sql`select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by id`);
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export async function listSequences(tx: Executor): Promise<string[]> {
  const found = await rows<{ name: string }>(
    tx,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${APP_SCHEMA} and c.relkind = 'S' order by c.relname`,
  );
  return found.map((s) => s.name);
}

export async function readSequence(tx: Executor, name: string): Promise<SequenceState> {
  const [state] = await rows<{ last_value: string; is_called: boolean }>(
    tx,
    sql.raw(`select last_value::text, is_called from ${qualified(name)}`),
  );
  return { name, lastValue: state!.last_value, isCalled: state!.is_called };
}

/** Enabled triggers written by us (not the internal ones that enforce foreign keys). */
export async function enabledUserTriggers(tx: Executor): Promise<{ table: string; trigger: string }[]> {
  return rows(
    tx,
    sql`select c.relname as table, t.tgname as trigger
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${APP_SCHEMA} and not t.tgisinternal and t.tgenabled <> 'D'
        order by c.relname, t.tgname`,
  );
}

/**
 * Row-level security is forced on tenant tables, so only a superuser or a BYPASSRLS role sees
 * every row. Anyone else would produce a backup that silently misses every tenant's data.
 */
export async function assertSeesAllRows(tx: Executor): Promise<void> {
  const [role] = await rows<{ name: string; bypasses: boolean }>(
    tx,
    sql`select current_user::text as name, (rolsuper or rolbypassrls) as bypasses from pg_roles where rolname = current_user`,
  );
  if (!role?.bypasses) {
    throw new Error(
      `The database role ${role?.name ?? '(unknown)'} is subject to row-level security: backup and restore need the schema owner with BYPASSRLS (or a superuser)`,
    );
  }
}

/** Output formats that do not depend on the server's or the session's settings. */
export async function setPortableOutput(tx: Executor): Promise<void> {
  await tx.execute(
    sql`select set_config('datestyle', 'ISO, YMD', true), set_config('intervalstyle', 'postgres', true),
        set_config('timezone', 'UTC', true), set_config('extra_float_digits', '3', true), set_config('bytea_output', 'hex', true)`,
  );
}
