/**
 * The test application (test/factories.ts) on a database the bench opens itself: TestApp.start reads
 * the vitest run's PGlite template, which a bench run outside vitest does not have. PostgreSQL: the
 * database at `url`, migrated here. PGlite: a fresh in-memory database, migrated here.
 */
import type { Database } from '../../src/server/db/client';
import { openDatabase } from '../../src/server/db/client';
import { buildApp } from '../../src/server/app';
import { generateSecretsForTest } from '../../src/server/crypto/secrets';
import { TestApp } from '../factories';
import { testConfig } from '../support/config';

export async function openBenchDatabase(url: string | undefined): Promise<Database> {
  return url ? openDatabase({ kind: 'postgres', url, poolSize: 5 }, { migrate: true }) : openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true });
}

export async function startBenchApp(database: Database): Promise<TestApp> {
  const config = testConfig({ SAMVERKA_SIGN_IN_RATE_LIMIT: '100000' });
  const secrets = generateSecretsForTest();
  const app = await buildApp({ config, database, secrets, logger: false });
  await app.ready();
  // The constructor is private to keep tests on TestApp.start; the bench supplies its own database.
  return new (TestApp as unknown as new (...args: unknown[]) => TestApp)(app, database, config, secrets);
}
