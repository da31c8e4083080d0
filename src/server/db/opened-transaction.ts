import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './client';
import * as schema from './schema';
import { isConnectionLost } from './errors';

/**
 * The request path's few hot statements, and the transaction that carries them, in as few round trips
 * as the drivers allow (issue 12 §2). On this machine a round trip to PostgreSQL costs more CPU than
 * most statements do (a socket write and a wake-up on both sides), so:
 *
 * - `transactionOpenedBy` sends `begin` and the transaction's first statements (entering the session,
 *   and for some routes the read itself) as ONE simple-protocol message on node-postgres: one round
 *   trip where there were two or three. The values are written into that message as escaped literals
 *   (`pg.escapeLiteral`); the statements' texts are constants, and their values a session token the
 *   server signed, ids zod checked as UUIDs and integers.
 * - statements a transaction leaves for its end (`closing`, e.g. the audit event of a read) travel with
 *   `commit` in one message: one round trip where there were two.
 * - `executeHot` runs a statement under a name: node-postgres prepares it once per connection and
 *   afterwards sends only Bind/Execute, so PostgreSQL neither parses nor plans it again.
 *
 * PGlite (one in-process connection) runs the same statements one by one in a drizzle transaction.
 */

/** One statement with `$1`-style placeholders and its values (strings, numbers or null only). */
export interface Statement {
  text: string;
  values: readonly (string | number | null)[];
}

export interface HotStatement {
  /** The prepared statement's name on each connection: one name per text. */
  name: string;
  text: string;
}

/** The pooled client behind each opened transaction, for `executeHot`. */
const rawClients = new WeakMap<object, pg.PoolClient>();
/** One drizzle instance per pooled connection, made once (building one walks the whole schema). */
const connectionDbs = new WeakMap<pg.PoolClient, Db>();

/** Writes the values into the text as literals. Only for constant texts whose values are checked. */
export function inlineStatement({ text, values }: Statement): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = values[Number(index) - 1];
    if (value === undefined) throw new Error(`Statement value $${index} is missing`);
    if (value === null) return 'null';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error('Statement values must be finite numbers');
      return String(value);
    }
    return pg.escapeLiteral(value);
  });
}

/** The same statement as drizzle SQL, with its values as bound parameters (the PGlite path). */
function asSql({ text, values }: Statement): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 1 ? sql`${values[Number(part) - 1]}` : sql.raw(part))),
    sql.raw(''),
  );
}

/**
 * Runs `work` in a transaction opened by `opening` (its rows handed to `work`, one array per statement),
 * committed when `work` resolves and rolled back when it throws.
 */
export async function transactionOpenedBy<T>(
  target: { db: Db; pool: pg.Pool | null },
  opening: readonly Statement[],
  work: (tx: Tx, opened: Record<string, unknown>[][], closing: Statement[]) => Promise<T>,
): Promise<T> {
  // Statements `work` leaves for the end: on node-postgres they travel with `commit`, one round trip.
  const closing: Statement[] = [];
  if (!target.pool) {
    return target.db.transaction(async (tx) => {
      const opened: Record<string, unknown>[][] = [];
      for (const statement of opening) opened.push((await tx.execute(asSql(statement))).rows as Record<string, unknown>[]);
      const value = await work(tx, opened, closing);
      for (const statement of closing) await tx.execute(asSql(statement));
      return value;
    });
  }
  const client = await target.pool.connect();
  let db = connectionDbs.get(client);
  if (!db) {
    db = drizzleNodePg(client, { schema }) as unknown as Db;
    connectionDbs.set(client, db);
  }
  const tx = db as unknown as Tx;
  rawClients.set(tx, client);
  let broken: Error | undefined;
  try {
    const text = ['begin', ...opening.map(inlineStatement)].join(';\n');
    const results = (await client.query(text)) as unknown as pg.QueryResult[] | pg.QueryResult;
    const list = Array.isArray(results) ? results : [results];
    const value = await work(tx, list.slice(1).map((result) => result.rows as Record<string, unknown>[]), closing);
    // A failing closing statement aborts the transaction, and the `commit` after it in the message is
    // not run: the catch below rolls back as for any other failure.
    await client.query([...closing.map(inlineStatement), 'commit'].join(';\n'));
    return value;
  } catch (error) {
    if (isConnectionLost(error)) broken = error as Error;
    else {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
    }
    throw error;
  } finally {
    rawClients.delete(tx);
    client.release(broken);
  }
}

/**
 * Runs a hot statement on its own, outside any transaction: on node-postgres as a named prepared
 * statement on whichever pooled connection is free (one round trip), on PGlite through drizzle.
 */
export async function queryHot(
  target: { db: Db; pool: pg.Pool | null },
  statement: HotStatement,
  values: readonly (string | number | null)[],
): Promise<Record<string, unknown>[]> {
  if (target.pool) return (await target.pool.query({ name: statement.name, text: statement.text, values: values as unknown[] })).rows as Record<string, unknown>[];
  return (await target.db.execute(asSql({ text: statement.text, values }))).rows as Record<string, unknown>[];
}

/**
 * Runs a hot statement in `tx`: as a named prepared statement on node-postgres when `tx` is a
 * transaction opened by `transactionOpenedBy`, else through drizzle with bound parameters.
 */
export async function executeHot(tx: Tx, statement: HotStatement, values: readonly (string | number | null)[]): Promise<Record<string, unknown>[]> {
  const client = rawClients.get(tx);
  if (client) return (await client.query({ name: statement.name, text: statement.text, values: values as unknown[] })).rows as Record<string, unknown>[];
  return (await tx.execute(asSql({ text: statement.text, values }))).rows as Record<string, unknown>[];
}
