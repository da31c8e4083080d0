import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/client';

/**
 * A fresh, migrated database of the kind under test, for tests that need whole databases of their
 * own (backup and restore compare every table, so other tests' rows must not be in them).
 * Embedded: an in-memory PGlite. PostgreSQL: `<TEST_DATABASE_URL's database>_<suffix>`, recreated.
 */
export async function openScratchDatabase(suffix: string): Promise<{ database: Database; url: string | null }> {
  const url = await createScratchDatabase(suffix);
  if (!url) return { database: await openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true }), url: null };
  return { database: await openDatabase({ kind: 'postgres', url, poolSize: 3 }, { migrate: true }), url };
}

/** Creates an empty PostgreSQL database next to TEST_DATABASE_URL; null on the embedded run. */
export async function createScratchDatabase(suffix: string): Promise<string | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_${suffix}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the scratch databases a test file made (no-op on the embedded run). */
export async function dropScratchDatabases(...suffixes: string[]): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const baseName = new URL(base).pathname.slice(1);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (const suffix of suffixes) await admin.query(`drop database if exists "${baseName}_${suffix}" with (force)`);
  } finally {
    await admin.end();
  }
}
