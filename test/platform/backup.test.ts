import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { createAuth } from '../../src/server/auth/auth';
import type { Database } from '../../src/server/db/client';
import { inContext } from '../../src/server/db/context';
import { openDatabase } from '../../src/server/db/client';
import { organisation, user } from '../../src/server/db/schema';
import { appendAuditEvent } from '../../src/server/audit/append';
import { verifyAllChains } from '../../src/server/audit/verify';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import { generateSecretsForTest } from '../../src/server/crypto/secrets';
import { createTenant } from '../../src/server/modules/tenants/create-tenant';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { writeBackup } from '../../src/server/backup/write-backup';
import { restoreBackup, RestoreRefusedError } from '../../src/server/backup/restore-backup';
import { BackupFormatError } from '../../src/server/backup/format';
import { cookieHeader } from '../factories';
import { testConfig } from '../support/config';
import { totpCodeFromUri } from '../support/totp';
import { createScratchDatabase, dropScratchDatabases, openScratchDatabase } from './scratch-database';

const secrets = generateSecretsForTest();
const config = testConfig();
let source: Database;
let target: Database;
let app: FastifyInstance;
let dir: string;
let file: string;
let before: Snapshot;

/** Every row of every table in the application schema, as row_to_json and as the record's text form. */
type Snapshot = Record<string, string[]>;
async function snapshot(database: Database): Promise<Snapshot> {
  return database.asOwner(async (owner) => {
    const tables = await owner.execute<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
    const result: Snapshot = {};
    for (const { name } of tables.rows) {
      const rows = await owner.execute<{ json: string; record: string }>(
        sql.raw(`select row_to_json(t)::text as json, t::text as record from public."${name}" t`),
      );
      result[name] = rows.rows.map((r) => `${r.json}\n${r.record}`).sort();
    }
    return result;
  });
}

/** The database's own message of a failed query (drizzle wraps it). */
async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(error);
  }
  return 'no error';
}

/** Realistic content (the demo, a signed-in session) plus the values that break naive formats. */
async function fillSource(): Promise<void> {
  const auth = createAuth({ db: source.db, config, secrets });
  const cipher = createFieldCipher(secrets.encryptionKey);
  const demo = await seedDemo({ database: source, auth, cipher, blindIndex: createBlindIndex(secrets.blindIndexKey), authSecret: secrets.authSecret });
  const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'koordinator@demo.samverka.se', password: demo.credentials.password } });
  const verified = await app.inject({
    method: 'POST',
    url: '/api/auth/two-factor/verify-totp',
    headers: { cookie: cookieHeader(signIn) },
    payload: { code: await totpCodeFromUri(demo.credentials.totpUri) },
  });
  expect(verified.statusCode).toBe(200);

  const odd = await createTenant(source.db, { slug: 'kantfall', name: 'Kantfall: "citat", \\ och ny\nrad ✓ 𝄞 ÅÄÖ' });
  await inContext(source.db, { tenantId: odd.id, userId: null }, async (tx) => {
    await tx.insert(organisation).values({ tenantId: odd.id, name: 'Tab\there\r\nCRLF — emoji 🧒🏽', type: 'annan', isAuthority: false });
    for (const details of [{ text: 'rad 1\nrad 2\u2028', nested: { b: [1, 2.5, null, true], a: 'ö' } }, null, { empty: '' }]) {
      await appendAuditEvent(tx, { tenantId: odd.id, userId: null, organisationId: null, role: null, ip: '::1', userAgent: 'test\nagent' }, { action: 'test.odd', resourceType: 'tenant', details });
    }
  });
  await source.asOwner(async (owner) => {
    await owner.execute(sql`update tenant set settings = '{"big": 123456789012345678901234567890, "fraction": 0.1, "text": "tab\\there"}'::jsonb where slug = 'kantfall'`);
    // A JSON null is a value, not SQL NULL; a timestamp with microseconds and an odd offset; bigint past 2^53.
    await owner.execute(sql`insert into tenant (slug, name, settings, created_at) values ('jsonnull', '', 'null'::jsonb, '1999-12-31 23:59:59.999999+14')`);
    await owner.execute(sql`insert into rate_limit (id, key, count, last_request) values ('big', 'k', 2147483647, 9007199254740993)`);
    await owner.execute(sql`update ${user} set image = '' where email = 'admin@demo.samverka.se'`);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverka-backup-'));
  file = join(dir, 'backup.jsonl.gz');
  source = (await openScratchDatabase('bk_src')).database;
  target = (await openScratchDatabase('bk_dst')).database;
  app = await buildApp({ config, database: source, secrets, logger: false });
  await app.ready();
  await fillSource();
  before = await snapshot(source);
});

afterAll(async () => {
  await app?.close();
  await source?.close();
  await target?.close();
  await dropScratchDatabases('bk_src', 'bk_dst', 'bk_dmg', 'bk_src_app');
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips every row of every table exactly, and the audit chains still verify', async () => {
    const progress: number[] = [];
    const written = await writeBackup(source, file, { onProgress: (done) => progress.push(done) });
    const totalRows = Object.values(before).reduce((n, rows) => n + rows.length, 0);
    expect(written.rows).toBe(totalRows);
    expect(progress.at(-1)).toBe(totalRows);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restored = await restoreBackup(target, file);
    expect(restored.rows).toBe(totalRows);
    const after = await snapshot(target);
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(14);
    expect(after).toEqual(before);
    expect(after.tenant!.some((row) => row.includes(',null,"1999-12-31'))).toBe(true);
    expect(after.rate_limit!.join()).toContain('9007199254740993');

    const chains = await verifyAllChains(target.db);
    // The demo's two tenants (Gävle and its exchange partner Sandviken), the odd one, and the security log.
    expect(chains.length).toBe(4);
    expect(chains.every((c) => c.firstBrokenLink === null)).toBe(true);
    expect(chains.reduce((n, c) => n + c.eventsChecked, 0)).toBeGreaterThan(10);
  });

  it('keeps encrypted fields encrypted in the file', () => {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    expect(text).toContain('Demosdotter'); // names are plain: the file must be protected like the database
    expect(text).not.toContain('201003149828');
    expect(text).not.toContain('20100314-9828');
  });

  it('refuses a database that holds data, and with --force wipes it (audit log included) and restores', async () => {
    await expect(restoreBackup(target, file)).rejects.toBeInstanceOf(RestoreRefusedError);
    await target.asOwner((owner) => owner.execute(sql`update tenant set name = 'ändrad' where slug = 'kantfall'`));
    const restored = await restoreBackup(target, file, { force: true });
    expect(restored.wiped).toBe(true);
    expect(await snapshot(target)).toEqual(before);
    // The append-only trigger was disabled only inside the restore's transaction: it refuses again.
    expect(await failure(target.asOwner((owner) => owner.execute(sql`delete from audit_event`)))).toMatch(/append-only/);
    expect(await failure(target.asOwner((owner) => owner.execute(sql`truncate audit_event cascade`)))).toMatch(/append-only/);
  });

  it('restores nothing from a damaged or truncated file', async () => {
    const empty = (await openScratchDatabase('bk_dmg')).database;
    try {
      const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
      const rowIndex = lines.findIndex((line) => line.includes('Demosdotter'));
      const damaged = join(dir, 'damaged.jsonl.gz');
      writeFileSync(damaged, gzipSync(lines.filter((_, i) => i !== rowIndex).join('\n')));
      await expect(restoreBackup(empty, damaged)).rejects.toBeInstanceOf(BackupFormatError);
      const edited = join(dir, 'edited.jsonl.gz');
      writeFileSync(edited, gzipSync(lines.map((line, i) => (i === rowIndex ? line.replace('Demosdotter', 'Demosdottir') : line)).join('\n')));
      await expect(restoreBackup(empty, edited)).rejects.toThrow(/checksum/);
      const truncated = join(dir, 'truncated.jsonl.gz');
      writeFileSync(truncated, gzipSync(lines.slice(0, rowIndex + 1).join('\n')));
      await expect(restoreBackup(empty, truncated)).rejects.toThrow(/truncated/);
      const rows = await snapshot(empty);
      expect(Object.values(rows).every((r) => r.length === 0)).toBe(true);
    } finally {
      await empty.close();
    }
  });

  it('refuses a backup from another schema version', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations = header.migrations.slice(0, -1);
    const older = join(dir, 'older.jsonl.gz');
    writeFileSync(older, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    await expect(restoreBackup(target, older, { force: true })).rejects.toThrow(/different schema version/);
  });

  it('refuses to back up as a role that row-level security would filter (the backup would silently miss data)', async () => {
    const url = await createScratchDatabase('bk_src_app');
    let limited: Database;
    if (url) {
      const appRoleUrl = new URL(url);
      appRoleUrl.searchParams.set('options', '-c role=samverka_app');
      await (await openDatabase({ kind: 'postgres', url, poolSize: 1 }, { migrate: true })).close();
      limited = await openDatabase({ kind: 'postgres', url: appRoleUrl.toString(), poolSize: 1 }, { migrate: false });
    } else {
      const embedded = await openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true });
      // PGlite's owner work runs on its one connection: stay in the application role instead.
      limited = { ...embedded, asOwner: (work) => work(embedded.db) };
    }
    try {
      await expect(writeBackup(limited, join(dir, 'limited.jsonl.gz'))).rejects.toThrow(/BYPASSRLS/);
      expect(() => statSync(join(dir, 'limited.jsonl.gz.partial'))).toThrow();
    } finally {
      await limited.close();
    }
  });
});
