import pg from 'pg';
import { openDatabase } from '../../src/server/db/client';

/** On PostgreSQL: start from an empty schema and run the committed migrations once for the whole run. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
  await client.end();
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 }, { migrate: true });
  await database.close();
}
