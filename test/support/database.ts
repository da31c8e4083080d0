import { openDatabase, type Database } from '../../src/server/db/client';

/** Embedded PGlite in memory by default; the PostgreSQL server in TEST_DATABASE_URL when set (migrated once in global setup). */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return openDatabase({ kind: 'postgres', url, poolSize: 5 }, { migrate: false });
  return openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true });
}

export const testDatabaseKind: 'embedded' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
