import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzleNodePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { queryHot, transactionOpenedBy, type HotStatement, type Statement } from './opened-transaction';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; we type them by the node-postgres flavour. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const APP_ROLE = 'samverka_app';
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Database {
  kind: 'embedded' | 'postgres';
  /** Runs as the non-owner application role, so row-level security applies. */
  db: Db;
  /** Runs as the schema owner: migrations, backup and restore, maintenance. Bypasses RLS where the owner is a superuser. */
  asOwner<T>(work: (ownerDb: Db) => Promise<T>): Promise<T>;
  /**
   * A transaction opened by `opening`, whose rows `work` receives: on node-postgres `begin` and those
   * statements travel in one round trip (db/opened-transaction.ts). Commits when `work` resolves, with the
   * statements `work` pushed onto `closing` run just before (on node-postgres in the commit's round trip).
   */
  transactionOpenedBy<T>(opening: readonly Statement[], work: (tx: Tx, opened: Record<string, unknown>[][], closing: Statement[]) => Promise<T>): Promise<T>;
  /** One hot statement on its own (its own implicit transaction): a named prepared statement on node-postgres. */
  queryHot(statement: HotStatement, values: readonly (string | number | null)[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string | null } // null: in memory (tests)
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface OpenOptions {
  migrate?: boolean;
  /**
   * Embedded only: start from this PGlite data-directory tarball (`dumpDataDir()`) instead of an
   * empty cluster, e.g. a database already migrated once. The data directory, if any, must be empty.
   */
  loadFrom?: Blob;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  return target.kind === 'embedded' ? openEmbedded(target.dataDir, options) : openPostgres(target.url, target.poolSize ?? 20, options);
}

async function openEmbedded(dataDir: string | null, options: OpenOptions): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ dataDir: dataDir ?? undefined, loadDataDir: options.loadFrom });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (options.migrate) await migratePglite(db as never, { migrationsFolder });
  await client.exec(`SET ROLE ${APP_ROLE}`);
  return {
    kind: 'embedded',
    db,
    transactionOpenedBy: (opening, work) => transactionOpenedBy({ db, pool: null }, opening, work),
    queryHot: (statement, values) => queryHot({ db, pool: null }, statement, values),
    // PGlite is one connection: leave the application role for the duration of the work.
    // Only the CLI and tests call this, never a request handler.
    async asOwner(work) {
      await client.exec('RESET ROLE');
      try {
        return await work(db);
      } finally {
        await client.exec(`SET ROLE ${APP_ROLE}`);
      }
    },
    async close() {
      await client.close();
    },
  };
}

/** A request waits at most this long for a connection; past it, it fails with 503 instead of hanging on an unreachable server. */
const CONNECT_TIMEOUT_MS = 10_000;

async function openPostgres(url: string, poolSize: number, options: OpenOptions): Promise<Database> {
  const ownerPool = survivingConnectionLoss(new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }));
  const ownerDb = drizzleNodePg(ownerPool, { schema });
  if (options.migrate) await migrateNodePg(ownerDb, { migrationsFolder });

  // The role is a startup parameter, so no query on any pooled connection ever runs as the owner.
  const appPool = survivingConnectionLoss(
    new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${APP_ROLE}`, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
  );
  const db = drizzleNodePg(appPool, { schema });
  return {
    kind: 'postgres',
    db,
    transactionOpenedBy: (opening, work) => transactionOpenedBy({ db, pool: appPool }, opening, work),
    queryHot: (statement, values) => queryHot({ db, pool: appPool }, statement, values),
    asOwner: (work) => work(ownerDb),
    async close() {
      await Promise.all([appPool.end(), ownerPool.end()]);
    },
  };
}

/**
 * No database event may end the process. pg emits 'error' on a client whose connection dies (a
 * restart, a failover, pg_terminate_backend, a network blip); an EventEmitter 'error' without a
 * listener throws, and Node exits. The pool listens on idle clients only, so a client checked out
 * for a request's transaction needs its own listener for its whole life.
 *
 * The failure itself reaches the request through its query, which rejects, and becomes a 503
 * (isConnectionLost in db/errors.ts). The broken client is not reused: pg marks it not queryable
 * when it emits 'error', and the pool destroys such a client on release (Drizzle releases without
 * an error), so the next request gets a fresh connection as soon as the server is back.
 */
function survivingConnectionLoss(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {
    // An idle client died. The pool has already removed it and opens a new one on demand.
  });
  pool.on('connect', (client) => {
    client.on('error', () => {
      // A checked-out client died: its query rejects with the error, which the request answers.
    });
    coalesceWrites(client);
  });
  return pool;
}

/**
 * node-postgres writes each message of a statement (parse, bind, describe, execute, sync) to the
 * socket on its own: a system call each, which was a fifth of a signed-in read's CPU (issue 12 §2).
 * Corking the socket for the rest of the tick sends them as one write, as Node's docs advise.
 */
function coalesceWrites(client: pg.PoolClient): void {
  const connection = (client as unknown as { connection?: { stream?: import('node:net').Socket; _send?: (buffer: Buffer) => boolean } }).connection;
  const stream = connection?.stream;
  const send = connection?._send;
  if (!connection || !stream || typeof send !== 'function' || typeof stream.cork !== 'function') return;
  const uncork = () => stream.uncork();
  connection._send = function corkedSend(buffer: Buffer) {
    if (stream.writableCorked === 0) {
      stream.cork();
      process.nextTick(uncork);
    }
    return send.call(this, buffer);
  };
}
