import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client';
import { readPgliteTemplate } from './pglite-template';

/**
 * The PostgreSQL server in TEST_DATABASE_URL when set (migrated once in global setup). Otherwise a
 * fresh in-memory PGlite loaded from the run's migrated template (test/support/pglite-template.ts);
 * `migrate` then only confirms the template is current. Without a template (a config that skips the
 * global setup) it migrates from scratch.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return openDatabase({ kind: 'postgres', url, poolSize: 5 }, { migrate: false });
  const template = inject('pgliteTemplate');
  return openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true, loadFrom: template ? readPgliteTemplate(template) : undefined });
}

export const testDatabaseKind: 'embedded' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
