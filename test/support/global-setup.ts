import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client';
import { writePgliteTemplate } from './pglite-template';

/**
 * Migrates once for the whole run. On PostgreSQL: start from an empty schema and run the committed
 * migrations; every test file shares that database (each test makes its own tenant). On embedded
 * PGlite: migrate one template database whose saved data directory every test file starts from.
 */
export default async function globalSetup(project: TestProject): Promise<(() => void) | void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = await writePgliteTemplate();
    project.provide('pgliteTemplate', template.path);
    return template.remove;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
  await client.end();
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 }, { migrate: true });
  await database.close();
}
