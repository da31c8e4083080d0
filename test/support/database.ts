import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client';
import { readPgliteTemplate } from './pglite-template';

/**
 * The PostgreSQL server in TEST_DATABASE_URL when set (migrated once in global setup). Otherwise a
 * fresh in-memory PGlite loaded from the run's migrated template (test/support/pglite-template.ts);
 * `migrate` then only confirms the template is current. Without a template (a config that skips the
 * global setup) it migrates from scratch.
 */
export async function openTestDatabase(options: { own?: boolean } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url && options.own) return openOwnPostgresDatabase(url);
  if (url) return openDatabase({ kind: 'postgres', url, poolSize: 5 }, { migrate: false });
  const template = inject('pgliteTemplate');
  return openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true, loadFrom: template ? readPgliteTemplate(template) : undefined });
}

export const testDatabaseKind: 'embedded' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

/**
 * A database of the test file's own on the PostgreSQL server, migrated from scratch and dropped on
 * close. For files that touch what exists once per database rather than per tenant (the demo tenant
 * and its users): on the shared database two such files running at once would tell the demo twice.
 * PGlite needs none of this, every file has its own database there.
 */
async function openOwnPostgresDatabase(sharedUrl: string): Promise<Database> {
  const name = `${new URL(sharedUrl).pathname.slice(1) || 'test'}_own_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: sharedUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const ownUrl = new URL(sharedUrl);
  ownUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: ownUrl.toString(), poolSize: 5 }, { migrate: true });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: sharedUrl });
    await dropper.connect();
    try {
      await dropper.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await dropper.end();
    }
  };
  return database;
}
