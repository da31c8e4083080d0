import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import type { Database } from '../../src/server/db/client';
import { inContext } from '../../src/server/db/context';
import { organisation } from '../../src/server/db/schema';
import { generateSecretsForTest } from '../../src/server/crypto/secrets';
import { createBlindIndex } from '../../src/server/crypto/field-cipher';
import { createTenant } from '../../src/server/modules/tenants/create-tenant';
import { mintFormToken } from '../../src/server/modules/concerns/form-token';
import { writeBackup } from '../../src/server/backup/write-backup';
import { restoreBackup } from '../../src/server/backup/restore-backup';
import { testConfig } from '../support/config';
import { dropScratchDatabases, openScratchDatabase } from './scratch-database';

vi.mock('../../src/server/modules/notifications/notify', async (importOriginal) => (await import('./concerns-support')).guardedNotify(importOriginal));

/** A backup of concerns (text arrays, encrypted text, the receipt hashes) restores to a working channel. */
const secrets = generateSecretsForTest();
const config = testConfig();
let source: Database;
let target: Database;
const apps: FastifyInstance[] = [];
let dir: string;

const concernRows = (database: Database) =>
  database.asOwner(async (owner) => {
    const rows = await owner.execute<{ json: string }>(sql`select row_to_json(c)::text as json from concern c order by id`);
    const events = await owner.execute<{ json: string }>(sql`select row_to_json(e)::text as json from concern_event e order by id`);
    return [...rows.rows.map((r) => r.json), ...events.rows.map((r) => r.json)];
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverka-concerns-backup-'));
  source = (await openScratchDatabase('cb_src')).database;
  target = (await openScratchDatabase('cb_dst')).database;
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await source?.close();
  await target?.close();
  await dropScratchDatabases('cb_src', 'cb_dst');
  rmSync(dir, { recursive: true, force: true });
});

describe('concerns in a backup', () => {
  it('round-trip exactly, and a receipt still finds its status after the restore', async () => {
    const app = await buildApp({ config, database: source, secrets, logger: false });
    apps.push(app);
    await app.ready();
    const tenant = await createTenant(source.db, { slug: 'backupkommun', name: 'Backupkommun' });
    await inContext(source.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(organisation).values({ tenantId: tenant.id, name: 'Socialtjänsten', type: 'socialtjanst', isAuthority: true }),
    );
    const formToken = mintFormToken(createBlindIndex(secrets.blindIndexKey), Date.now() - 10_000);
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/public/concerns',
      payload: {
        tenant: tenant.slug,
        formToken,
        reporter: { role: 'granne_allmanhet' },
        categories: ['vald', 'misstankt_brott', 'riskmiljoer'],
        description: 'Rad 1\nRad 2 "citat", \\ och emoji 🧒🏽',
        place: 'Torget',
      },
    });
    expect(submitted.statusCode).toBe(201);
    const receiptCode = submitted.json().receiptCode as string;
    const before = await concernRows(source);
    expect(before).toHaveLength(2);

    const file = join(dir, 'backup.jsonl.gz');
    await writeBackup(source, file);
    await restoreBackup(target, file);
    expect(await concernRows(target)).toEqual(before);

    const restoredApp = await buildApp({ config, database: target, secrets, logger: false });
    apps.push(restoredApp);
    await restoredApp.ready();
    const status = await restoredApp.inject({ method: 'GET', url: `/api/public/concerns/${receiptCode}` });
    expect(status.statusCode).toBe(200);
    expect(status.json().status).toBe('mottagen');
    const categories = await target.asOwner((owner) => owner.execute<{ categories: string[] }>(sql`select categories from concern`));
    expect(categories.rows[0]!.categories).toEqual(['vald', 'misstankt_brott', 'riskmiljoer']);
  });
});
