import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { openDatabase, type Database, type Db } from '../../src/server/db/client';
import { auditChainHead, auditEvent } from '../../src/server/db/schema';
import { appendAuditEvents } from '../../src/server/audit/append';
import { eventHash, genesisHash, AUDIT_LANES } from '../../src/server/audit/chain';
import { verifyTenantChain } from '../../src/server/audit/verify';
import { checkSignature } from '../../src/server/audit/checkpoint';
import { generateSigningKey, parseVerifyKey } from '../../src/server/audit/signing-key';
import { CheckpointRefusedError, readLastCheckpoint, takeCheckpoint } from '../../src/server/audit/take-checkpoint';
import { verifyAgainstCheckpoint } from '../../src/server/audit/verify-checkpoint';
import { startCheckpointJob } from '../../src/server/audit/checkpoint-job';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database';
import { createTenant } from '../../src/server/modules/tenants/create-tenant';
import { serverCheckpointSettings } from '../../src/server/audit/checkpoint-settings';
import { testConfig } from '../support/config';

// Anchoring the audit chains: someone who can rewrite the database (a superuser) can rewrite an
// event and recompute every later hash, so the chains alone look intact. A checkpoint of every
// chain head, signed with a key that is not in the database and kept in a file outside it, still
// holds the old hash at the position it signed: the rewrite is detected and the lane named.

let t: TestApp;
let dir: string;
const { signer } = generateSigningKey();
beforeAll(async () => {
  t = await TestApp.start();
  dir = mkdtempSync(join(tmpdir(), 'samverka-checkpoint-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const newFile = () => join(dir, `checkpoints-${(files += 1)}.jsonl`);

async function appendEvents(tenant: { id: string }, count: number): Promise<void> {
  const actor = { tenantId: tenant.id, userId: null, organisationId: null, role: null, ip: null, userAgent: null };
  const entries = Array.from({ length: count }, (_, i) => ({ action: 'test.event', resourceType: 'test', details: { n: i, note: 'original' } }));
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => appendAuditEvents(tx, actor, entries));
}

async function tenantWithEvents(count: number): Promise<TestTenant & { lane: number }> {
  const tenant = await t.tenant();
  await appendEvents(tenant, count);
  const [first] = await t.auditEvents(tenant);
  return { ...tenant, lane: first?.lane ?? 0 };
}

/** As the schema owner, in the tenant's context (needed where the owner is not a superuser), past the append-only trigger. */
async function asOwnerBehindTrigger(database: Database, tenantId: string, work: (owner: Db) => Promise<void>): Promise<void> {
  await database.asOwner((ownerDb) =>
    ownerDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      await tx.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
      await work(tx as unknown as Db);
      await tx.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    }),
  );
}

/**
 * The attack: rewrite one event's details, then recompute the hash (and previous hash) of it and
 * of every later event on its lane with audit/chain.ts, and move the head, so the chain is
 * consistent in itself again.
 */
async function rewriteAndRecompute(database: Database, tenantId: string, lane: number, seq: number): Promise<void> {
  await asOwnerBehindTrigger(database, tenantId, async (owner) => {
    const where = and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.lane, lane));
    await owner.update(auditEvent).set({ details: { n: 0, note: 'rewritten' } }).where(and(where, eq(auditEvent.seq, seq)));
    const [before] = await owner.select().from(auditEvent).where(and(where, eq(auditEvent.seq, seq - 1)));
    let prevHash = before?.hash ?? genesisHash(tenantId, lane);
    const later = await owner.select().from(auditEvent).where(and(where, gte(auditEvent.seq, seq))).orderBy(asc(auditEvent.seq));
    for (const row of later) {
      const hash = eventHash(prevHash, { ...row, tenantId, lane });
      await owner.update(auditEvent).set({ prevHash, hash }).where(and(where, eq(auditEvent.seq, row.seq)));
      prevHash = hash;
    }
    await owner.update(auditChainHead).set({ hash: prevHash }).where(and(eq(auditChainHead.tenantId, tenantId), eq(auditChainHead.lane, lane)));
  });
}

describe('signed checkpoints of the audit chain heads', () => {
  it('holds every lane of every tenant with its sequence number and hash, signed, as the file keeps it', async () => {
    const busy = await tenantWithEvents(3);
    const quiet = await t.tenant();
    const file = newFile();
    const checkpoint = (await takeCheckpoint(t.database.db, { file, signer, reason: 'on-demand' }))!;
    const [newest] = (await t.auditEvents(busy)).filter((e) => e.seq === 3);
    const headsOf = (tenantId: string) => checkpoint.heads.filter((h) => h.tenantId === tenantId);
    expect(headsOf(busy.id)).toHaveLength(AUDIT_LANES);
    expect(headsOf(busy.id).find((h) => h.lane === busy.lane)).toEqual({ tenantId: busy.id, lane: busy.lane, seq: 3, hash: newest!.hash });
    expect(headsOf(quiet.id)).toEqual(Array.from({ length: AUDIT_LANES }, (_, lane) => ({ tenantId: quiet.id, lane, seq: 0, hash: genesisHash(quiet.id, lane) })));
    expect(checkpoint).toMatchObject({ format: 'samverka-audit-checkpoint/1', reason: 'on-demand', keyId: signer.keyId });
    expect(readLastCheckpoint(file)).toEqual(checkpoint);
    expect(checkSignature(checkpoint, signer)).toEqual({ valid: true });
  });

  it('verifies an untouched log, and still verifies after the heads moved on and new tenants came', async () => {
    const tenant = await tenantWithEvents(4);
    const file = newFile();
    // Scoped to this test's tenants: other test files break their own chains on the same database on purpose.
    await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds: [tenant.id] });
    const untouched = await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds: [tenant.id] });
    expect(untouched.intact).toBe(true);

    await appendEvents(tenant, 2);
    const newcomer = await tenantWithEvents(1);
    const later = await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds: [tenant.id, newcomer.id] });
    expect(later.intact).toBe(true);
    expect(later.reports.find((r) => r.tenantId === tenant.id)).toMatchObject({ tenantId: tenant.id, eventsChecked: 6, firstBrokenLink: null, checkpointBreak: null });
    expect(later.reports.find((r) => r.tenantId === newcomer.id)).toMatchObject({ eventsChecked: 1, checkpointBreak: null });
  });

  it('detects an event rewritten before the checkpoint with every later hash recomputed, naming the tenant and lane', async () => {
    const tenant = await tenantWithEvents(5);
    const bystander = await tenantWithEvents(2);
    const file = newFile();
    const tenantIds = [tenant.id, bystander.id];
    await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds });
    await appendEvents(tenant, 1); // the head moves on after the checkpoint, as on a running system

    await rewriteAndRecompute(t.database, tenant.id, tenant.lane, 2);
    const rewritten = (await t.auditEvents(tenant)).find((e) => e.seq === 2);
    expect(rewritten!.details).toEqual({ n: 0, note: 'rewritten' });
    // The attacker's chain is consistent in itself: plain verification sees nothing.
    expect(await verifyTenantChain(t.database.db, tenant.id)).toEqual({ tenantId: tenant.id, eventsChecked: 6, firstBrokenLink: null });

    const result = await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds });
    expect(result.intact).toBe(false);
    expect(result.signature).toEqual({ valid: true });
    expect(result.reports.find((r) => r.tenantId === tenant.id)!.checkpointBreak).toEqual({
      tenantId: tenant.id,
      lane: tenant.lane,
      seq: 5,
      reason: 'checkpoint_mismatch',
    });
    expect(result.reports.find((r) => r.tenantId === bystander.id)!.checkpointBreak).toBeNull();
  });

  it('never signs over a rewrite: the next checkpoint refuses, naming the lane, until an operator forces it', async () => {
    const tenant = await tenantWithEvents(4);
    const file = newFile();
    const tenantIds = [tenant.id];
    await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds });
    await appendEvents(tenant, 2);
    // New events since the last checkpoint are verified from it and signed.
    const next = (await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds }))!;
    expect(next.heads.find((h) => h.lane === tenant.lane)!.seq).toBe(6);

    await rewriteAndRecompute(t.database, tenant.id, tenant.lane, 3);
    const refused = takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds });
    await expect(refused).rejects.toBeInstanceOf(CheckpointRefusedError);
    await expect(refused).rejects.toThrow(`tenant ${tenant.id}, lane ${tenant.lane}, seq 6: checkpoint_mismatch`);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    // After review (say, a restore to an earlier point), the operator signs the chains as they now are.
    const forced = (await takeCheckpoint(t.database.db, { file, signer, reason: 'on-demand', tenantIds, force: true }))!;
    expect(forced.heads.find((h) => h.lane === tenant.lane)!.hash).not.toBe(next.heads.find((h) => h.lane === tenant.lane)!.hash);
  });

  it('detects events deleted back past the checkpoint with the head moved back', async () => {
    const tenant = await tenantWithEvents(4);
    const file = newFile();
    await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds: [tenant.id] });
    const second = (await t.auditEvents(tenant)).find((e) => e.seq === 2)!;
    await asOwnerBehindTrigger(t.database, tenant.id, async (owner) => {
      await owner.delete(auditEvent).where(and(eq(auditEvent.tenantId, tenant.id), eq(auditEvent.lane, tenant.lane), gte(auditEvent.seq, 3)));
      await owner.update(auditChainHead).set({ seq: 2, hash: second.hash }).where(and(eq(auditChainHead.tenantId, tenant.id), eq(auditChainHead.lane, tenant.lane)));
    });
    expect((await verifyTenantChain(t.database.db, tenant.id)).firstBrokenLink).toBeNull();
    const result = await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds: [tenant.id] });
    expect(result.intact).toBe(false);
    expect(result.reports.find((r) => r.tenantId === tenant.id)!.checkpointBreak).toEqual({ tenantId: tenant.id, lane: tenant.lane, seq: 4, reason: 'checkpoint_missing' });
  });

  it('detects a checkpoint line altered in the file (signature mismatch) and one signed by another key', async () => {
    const tenant = await tenantWithEvents(3);
    const file = newFile();
    const checkpoint = (await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds: [tenant.id] }))!;
    // Someone rewrote the log, recomputed the chain, and "fixed" the checkpoint's hash for that lane to match.
    await rewriteAndRecompute(t.database, tenant.id, tenant.lane, 2);
    const forgedHash = (await t.auditEvents(tenant)).find((e) => e.seq === 3)!.hash;
    expect(forgedHash).not.toBe(checkpoint.heads.find((h) => h.tenantId === tenant.id && h.lane === tenant.lane)!.hash);
    const altered = {
      ...checkpoint,
      heads: checkpoint.heads.map((h) => (h.tenantId === tenant.id && h.lane === tenant.lane ? { ...h, hash: forgedHash } : h)),
    };
    writeFileSync(file, `${JSON.stringify(altered)}\n`, { flag: 'a' });
    const fromFile = readLastCheckpoint(file)!;
    expect(checkSignature(fromFile, signer)).toEqual({ valid: false, reason: 'bad_signature' });
    await expect(takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds: [tenant.id] })).rejects.toThrow(/does not match its signature/);
    const result = await verifyAgainstCheckpoint(t.database.db, fromFile, signer, { tenantIds: [tenant.id] });
    expect(result.intact).toBe(false);
    expect(result.signature).toEqual({ valid: false, reason: 'bad_signature' });
    // The forged heads match the rewritten chain: only the signature gives it away.
    expect(result.reports.every((r) => !r.firstBrokenLink && !r.checkpointBreak)).toBe(true);

    const stranger = generateSigningKey().signer;
    expect(checkSignature(checkpoint, stranger)).toEqual({ valid: false, reason: 'other_key' });
    // An auditor holding only the public key verifies the genuine line.
    const publicOnly = parseVerifyKey(signer.publicKey.export({ format: 'pem', type: 'spki' }).toString());
    expect(checkSignature(checkpoint, publicOnly)).toEqual({ valid: true });
  });

  it('the interval job writes a checkpoint at start, and no new line while no chain has moved', async () => {
    const tenant = await tenantWithEvents(1);
    const file = newFile();
    const log = { info: () => {}, error: (details: object) => expect.fail(JSON.stringify(details)) };
    const lines = () => readFileSync(file, 'utf8').trim().split('\n').length;
    const runOnce = async () => {
      // Scoped to this test's tenant: other test files append to theirs on the same database meanwhile.
      const job = startCheckpointJob(t.database, { file, signer, minutes: 60, log, tenantIds: [tenant.id] });
      await job.whenIdle();
      await job.stop();
    };
    await runOnce();
    expect(lines()).toBe(1);
    await runOnce();
    expect(lines()).toBe(1);
    await appendEvents(tenant, 1);
    await runOnce();
    expect(lines()).toBe(2);
    expect(readLastCheckpoint(file)!.heads.find((h) => h.tenantId === tenant.id && h.lane === tenant.lane)!.seq).toBe(2);
  });
});

describe('where the key and the checkpoints come from', () => {
  const postgres = { DATABASE_URL: 'postgres://samverka@db.invalid/samverka', SAMVERKA_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SAMVERKA_AUTH_SECRET: 'x'.repeat(32) };

  it('refuses to start a production server on PostgreSQL without a signing key and a checkpoint file', () => {
    const production = testConfig({ ...postgres, NODE_ENV: 'production' });
    expect(() => serverCheckpointSettings(production, () => {})).toThrow(/SAMVERKA_AUDIT_SIGNING_KEY and SAMVERKA_AUDIT_CHECKPOINT_FILE must be set in production/);
    const keyOnly = testConfig({ ...postgres, NODE_ENV: 'production', SAMVERKA_AUDIT_SIGNING_KEY: generateSigningKey().privateKeyBase64 });
    expect(() => serverCheckpointSettings(keyOnly, () => {})).toThrow(/SAMVERKA_AUDIT_CHECKPOINT_FILE must be set/);
    const complete = testConfig({ ...postgres, NODE_ENV: 'production', SAMVERKA_AUDIT_SIGNING_KEY: generateSigningKey().privateKeyPem, SAMVERKA_AUDIT_CHECKPOINT_FILE: join(dir, 'prod.jsonl') });
    expect(serverCheckpointSettings(complete, () => {})).toMatchObject({ file: join(dir, 'prod.jsonl') });
  });

  it('runs a development server on PostgreSQL without checkpoints, warning loudly', () => {
    const warnings: string[] = [];
    expect(serverCheckpointSettings(testConfig(postgres), (message) => warnings.push(message))).toBeNull();
    expect(warnings.join('\n')).toMatch(/NOT anchored/);
  });

  it('gives the embedded demo a generated key in its data directory and a checkpoint file beside it, once', () => {
    const dataDir = join(dir, 'demo', 'data');
    const warnings: string[] = [];
    const first = serverCheckpointSettings(testConfig({ SAMVERKA_DATA_DIR: dataDir }), (message) => warnings.push(message))!;
    expect(first.file).toBe(join(dir, 'demo', 'audit-checkpoints.jsonl'));
    expect(readFileSync(join(dataDir, 'audit-signing-key.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(warnings.join('\n')).toMatch(/Generated a demo audit signing key/);
    const again = serverCheckpointSettings(testConfig({ SAMVERKA_DATA_DIR: dataDir }), () => {})!;
    expect(again.signer.keyId).toBe(first.signer.keyId);
  });

  it('refuses a signing key that is not an Ed25519 private key, naming the variable', () => {
    expect(() => testConfig({ SAMVERKA_AUDIT_SIGNING_KEY: randomBytes(32).toString('base64') })).toThrow(/SAMVERKA_AUDIT_SIGNING_KEY must be an Ed25519 private key/);
    expect(() => testConfig({ SAMVERKA_AUDIT_VERIFY_KEY: generateSigningKey().privateKeyBase64 })).toThrow(/SAMVERKA_AUDIT_VERIFY_KEY must be an Ed25519 public key/);
  });
});

describe('samverka audit checkpoint / verify', () => {
  let env: Record<string, string>;
  let cliDir: string;
  beforeAll(async () => {
    cliDir = mkdtempSync(join(tmpdir(), 'samverka-checkpoint-cli-'));
    const url = await createScratchDatabase('checkpoint_cli');
    const key = generateSigningKey();
    env = {
      SAMVERKA_AUDIT_SIGNING_KEY: key.privateKeyBase64,
      SAMVERKA_AUDIT_CHECKPOINT_FILE: join(cliDir, 'elsewhere', 'checkpoints.jsonl'),
      ...(url
        ? {
            DATABASE_URL: url,
            SAMVERKA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
            SAMVERKA_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
            SAMVERKA_AUTH_SECRET: randomBytes(32).toString('base64url'),
          }
        : { SAMVERKA_DATA_DIR: join(cliDir, 'data') }),
    };
  });
  afterAll(async () => {
    await dropScratchDatabases('checkpoint_cli');
    rmSync(cliDir, { recursive: true, force: true });
  });

  const samverka = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), ...args], {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '', HOME: cliDir, LOG_LEVEL: 'silent', SAMVERKA_DEMO: 'false', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  /** The CLI's database, opened in this process between commands (the embedded one belongs to one process at a time). */
  async function withCliDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase(
      env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 } : { kind: 'embedded', dataDir: join(env.SAMVERKA_DATA_DIR!, 'pgdata') },
      { migrate: true },
    );
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  it('checkpoints, verifies, and names the tenant and lane of a recomputed chain', async () => {
    const tenant = await withCliDatabase(async (database) => {
      const created = await createTenant(database.db, { slug: 'ljusdal', name: 'Ljusdal' });
      const actor = { tenantId: created.id, userId: null, organisationId: null, role: null, ip: null, userAgent: null };
      await inContext(database.db, { tenantId: created.id, userId: null }, (tx) =>
        appendAuditEvents(tx, actor, [1, 2, 3].map((n) => ({ action: 'test.event', resourceType: 'test', details: { n } }))),
      );
      const [event] = await inContext(database.db, { tenantId: created.id, userId: null }, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.tenantId, created.id)));
      return { id: created.id, lane: event!.lane };
    });
    const checkpoint = await samverka(['audit', 'checkpoint']);
    expect(checkpoint.status, checkpoint.stderr).toBe(0);
    expect(checkpoint.stdout).toMatch(/Checkpoint written to .*checkpoints\.jsonl: 8 chain heads in 1 tenants/);
    const verified = await samverka(['audit', 'verify']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/signature valid/);
    expect(verified.stdout).toMatch(/ljusdal \(Ljusdal\): 3 events checked, intact, matches the checkpoint/);

    await withCliDatabase((database) => rewriteAndRecompute(database, tenant.id, tenant.lane, 1));
    const broken = await samverka(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`ljusdal (Ljusdal): 3 events checked, intact, but DIFFERS FROM THE CHECKPOINT at lane ${tenant.lane}, seq 3`);
    const refused = await samverka(['audit', 'checkpoint']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Refused: the audit chains disagree with the last checkpoint, not signing: tenant ${tenant.id}, lane ${tenant.lane}, seq 3: checkpoint_mismatch`);
  }, 120_000);
});
