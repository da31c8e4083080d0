import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/client';
import { loadConfig } from '../../src/server/config';
import { createAuth } from '../../src/server/auth/auth';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import type { Secrets } from '../../src/server/crypto/secrets';
import { person } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import type { DemoCredentials } from '../../src/server/modules/demo/demo-credentials';

export interface BenchData {
  secrets: Secrets;
  credentials: DemoCredentials;
  /** A pupil with two guardians: the person page a coordinator opens most. */
  personId: string;
  baselineRowId: string;
  postgresVersion: string;
}

const BASELINE_ROWS = 1000;

/** Creates the benchmark database if it is missing, and starts it from an empty schema every run. */
export async function prepareDatabase(url: string): Promise<void> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('The benchmark only runs against a database on 127.0.0.1');
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  await client.end();

  const bench = new pg.Client({ connectionString: url });
  await bench.connect();
  await bench.query('drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists bench cascade; create schema public;');
  await bench.end();
}

/** Migrates, seeds the demo tenant (its coordinator has TOTP) and the baseline's table. */
export async function seedBenchData(url: string): Promise<BenchData> {
  const secrets: Secrets = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32), authSecret: randomBytes(32).toString('base64url') };
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 }, { migrate: true });
  try {
    const config = loadConfig({
      DATABASE_URL: url,
      SAMVERKA_ENCRYPTION_KEY: secrets.encryptionKey.toString('base64'),
      SAMVERKA_AUTH_SECRET: secrets.authSecret,
      LOG_LEVEL: 'silent',
    });
    const auth = createAuth({ db: database.db, config, secrets });
    const demo = await seedDemo({
      database,
      auth,
      cipher: createFieldCipher(secrets.encryptionKey),
      blindIndex: createBlindIndex(secrets.blindIndexKey),
      authSecret: secrets.authSecret,
    });
    return await database.asOwner(async (owner) => {
      const [pupil] = await owner
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.tenantId, demo.tenantId), eq(person.firstName, 'Elin')));
      const raw = (owner as unknown as { $client: pg.Pool }).$client;
      await raw.query(`create schema bench;
        create table bench.item (id uuid primary key default gen_random_uuid(), first_name text not null, last_name text not null, birth_date date not null);
        insert into bench.item (first_name, last_name, birth_date) select 'Förnamn ' || i, 'Efternamn ' || i, date '2010-01-01' + i from generate_series(1, ${BASELINE_ROWS}) i;
        analyze bench.item;`);
      const row = await raw.query<{ id: string }>('select id from bench.item order by id offset 500 limit 1');
      const version = await raw.query<{ v: string }>("select current_setting('server_version') as v");
      return { secrets, credentials: demo.credentials, personId: pupil!.id, baselineRowId: row.rows[0]!.id, postgresVersion: version.rows[0]!.v };
    });
  } finally {
    await database.close();
  }
}
