import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzleNodePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; we type them by the node-postgres flavour. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const APP_ROLE = 'samverka_app';
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Database {
  kind: 'embedded' | 'postgres';
  /** Runs as the non-owner application role, so row-level security applies. */
  db: Db;
  /** Runs as the schema owner: migrations, backup and restore, maintenance. Bypasses RLS where the owner is a superuser. */
  asOwner<T>(work: (ownerDb: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string | null } // null: in memory (tests)
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface OpenOptions {
  migrate?: boolean;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  return target.kind === 'embedded' ? openEmbedded(target.dataDir, options) : openPostgres(target.url, target.poolSize ?? 20, options);
}

async function openEmbedded(dataDir: string | null, options: OpenOptions): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (options.migrate) await migratePglite(db as never, { migrationsFolder });
  await client.exec(`SET ROLE ${APP_ROLE}`);
  return {
    kind: 'embedded',
    db,
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

async function openPostgres(url: string, poolSize: number, options: OpenOptions): Promise<Database> {
  const ownerPool = new pg.Pool({ connectionString: url, max: 2 });
  const ownerDb = drizzleNodePg(ownerPool, { schema });
  if (options.migrate) await migrateNodePg(ownerDb, { migrationsFolder });

  // The role is a startup parameter, so no query on any pooled connection ever runs as the owner.
  const appPool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${APP_ROLE}` });
  appPool.on('error', () => {
    // An idle client died (server restart). The pool replaces it; nothing to do here.
  });
  const db = drizzleNodePg(appPool, { schema });
  return {
    kind: 'postgres',
    db,
    asOwner: (work) => work(ownerDb),
    async close() {
      await Promise.all([appPool.end(), ownerPool.end()]);
    },
  };
}
