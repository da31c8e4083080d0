import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import type { Database, Db } from '../../src/server/db/client';
import { auditChainHead, auditEvent, auditPurgePoint, sspfSetting } from '../../src/server/db/schema';
import { appendAuditEvents } from '../../src/server/audit/append';
import { eventHash } from '../../src/server/audit/chain';
import { actAsOf } from '../../src/server/clock';
import { verifyTenantChain } from '../../src/server/audit/verify';
import { generateSigningKey } from '../../src/server/audit/signing-key';
import { readLastCheckpoint, takeCheckpoint } from '../../src/server/audit/take-checkpoint';
import { verifyAgainstCheckpoint } from '../../src/server/audit/verify-checkpoint';
import { purgeAuditLog } from '../../src/server/audit/purge';
import { verifyAuditLog } from '../../src/cli/actions/audit-checkpoint';
import { purgeAuditFromCli } from '../../src/cli/actions/audit-purge';
import { testConfig } from '../support/config';

// Audit log retention (issue 12 §6): events older than the tenant's period are purged lane by lane,
// the chains are verified from the purge point, and the purge is itself audited and signed.
let t: TestApp;
let dir: string;
const key = generateSigningKey();
const { signer } = key;
beforeAll(async () => {
  t = await TestApp.start();
  dir = mkdtempSync(join(tmpdir(), 'samverka-audit-purge-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const newFile = () => join(dir, `checkpoints-${(files += 1)}.jsonl`);
const yearsAgo = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};

async function appendEvents(tenant: { id: string }, count: number, note = 'event'): Promise<void> {
  const actor = { tenantId: tenant.id, userId: null, organisationId: null, role: null, ip: null, userAgent: null };
  const entries = Array.from({ length: count }, (_, i) => ({ action: 'test.event', resourceType: 'test', details: { n: i, note } }));
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => appendAuditEvents(tx, actor, entries));
}

/** A tenant whose administrator has confirmed the retention periods, with the audit log's period in years. */
async function confirmedTenant(auditYears = 10): Promise<TestTenant> {
  const tenant = await t.tenant();
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.insert(sspfSetting).values({ tenantId: tenant.id, auditRetentionYears: auditYears, retentionConfirmedAt: new Date(), retentionConfirmedBy: 'someone' }),
  );
  return tenant;
}

/** As the owner, past the append-only trigger: the attacker with database access. */
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

const purgePoints = (tenant: TestTenant) =>
  inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.select().from(auditPurgePoint).where(eq(auditPurgePoint.tenantId, tenant.id)).orderBy(asc(auditPurgePoint.lane)),
  );

describe('audit log retention', () => {
  it('purges the events older than the period, keeps the newer ones, and audit verify passes from the purge point', async () => {
    const tenant = await confirmedTenant(10);
    await actAsOf(yearsAgo(12), () => appendEvents(tenant, 5, 'old'));
    await appendEvents(tenant, 3, 'new');
    // A tenant whose every event is old: its lanes are purged up to their heads.
    const dormant = await confirmedTenant(10);
    await actAsOf(yearsAgo(11), () => appendEvents(dormant, 4, 'old'));
    const tenantIds = [tenant.id, dormant.id];
    const file = newFile();

    const result = await purgeAuditLog(t.database, { file, signer, tenantIds });
    const mine = result.tenants.find((r) => r.tenantId === tenant.id)!;
    expect(mine).toMatchObject({ refused: null, purged: 5, years: 10 });
    expect(result.tenants.find((r) => r.tenantId === dormant.id)).toMatchObject({ refused: null, purged: 4 });

    // Newer events kept, older gone; the purge point is the last purged event.
    const left = await t.auditEvents(tenant);
    expect(left.filter((e) => e.action === 'test.event').map((e) => (e.details as { note: string }).note)).toEqual(['new', 'new', 'new']);
    const cutoff = yearsAgo(10);
    expect(left.every((e) => e.occurredAt >= cutoff)).toBe(true);
    const [point] = await purgePoints(tenant);
    expect(point).toMatchObject({ lane: mine.lanes[0]!.lane, seq: 5, hash: mine.lanes[0]!.hash });

    // The purge is recorded: an audit event by the system, with the points, and two signed checkpoints with reason purge.
    const [record] = await t.auditEvents(tenant, 'audit.purge');
    expect(record).toMatchObject({ actorUserId: null, resourceType: 'audit_log', outcome: 'allowed' });
    expect(record!.details).toMatchObject({ years: 10, purged: 5, lanes: [{ lane: point!.lane, seq: 5, hash: point!.hash }] });
    expect(result.checkpoints.map((c) => c.reason)).toEqual(['purge', 'purge']);
    expect(readLastCheckpoint(file)).toEqual(result.checkpoints[1]);

    // Verification starts at the purge point: the chains, the checkpoint, and `samverka audit verify` itself.
    expect(await verifyTenantChain(t.database.db, tenant.id)).toEqual({ tenantId: tenant.id, eventsChecked: 4, firstBrokenLink: null });
    expect(await verifyTenantChain(t.database.db, dormant.id)).toMatchObject({ eventsChecked: 1, firstBrokenLink: null });
    expect((await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds })).intact).toBe(true);
    const config = testConfig({ SAMVERKA_AUDIT_SIGNING_KEY: key.privateKeyBase64, SAMVERKA_AUDIT_CHECKPOINT_FILE: file });
    const cli = await verifyAuditLog(t.database, config, { slug: tenant.slug });
    expect(cli.ok, cli.lines.join('\n')).toBe(true);
    expect(cli.lines.join('\n')).toContain('4 events checked, intact, matches the checkpoint');

    // Life goes on: new events, the next interval checkpoint resumes from the purge checkpoint, and all verifies.
    await appendEvents(dormant, 2, 'new');
    await takeCheckpoint(t.database.db, { file, signer, reason: 'interval', tenantIds });
    expect((await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds })).intact).toBe(true);
    // Nothing more is due: a second purge deletes nothing.
    expect((await purgeAuditLog(t.database, { file, signer, tenantIds })).tenants.map((r) => r.purged)).toEqual([0, 0]);
  });

  it('still detects a tampered event after the purge point, and a rewrite recomputed against the purge checkpoint', async () => {
    const tenant = await confirmedTenant(10);
    await actAsOf(yearsAgo(12), () => appendEvents(tenant, 3, 'old'));
    await appendEvents(tenant, 4, 'new');
    const file = newFile();
    const [lane] = (await purgeAuditLog(t.database, { file, signer, tenantIds: [tenant.id] })).tenants[0]!.lanes;
    const where = and(eq(auditEvent.tenantId, tenant.id), eq(auditEvent.lane, lane!.lane));

    // A field changed in place: the hash no longer matches, at that event.
    await asOwnerBehindTrigger(t.database, tenant.id, (owner) => owner.update(auditEvent).set({ details: { n: 0, note: 'tampered' } }).where(and(where, eq(auditEvent.seq, 5))).then(() => {}));
    expect((await verifyTenantChain(t.database.db, tenant.id)).firstBrokenLink).toEqual({ tenantId: tenant.id, lane: lane!.lane, seq: 5, reason: 'hash_mismatch' });

    // The same with every later hash recomputed: consistent in itself, but not at the position the purge checkpoint signed.
    await asOwnerBehindTrigger(t.database, tenant.id, async (owner) => {
      let prevHash = lane!.hash;
      for (const row of await owner.select().from(auditEvent).where(and(where, gte(auditEvent.seq, 4))).orderBy(asc(auditEvent.seq))) {
        const hash = eventHash(prevHash, { ...row, tenantId: tenant.id, lane: lane!.lane });
        await owner.update(auditEvent).set({ prevHash, hash }).where(and(where, eq(auditEvent.seq, row.seq)));
        prevHash = hash;
      }
      await owner.update(auditChainHead).set({ hash: prevHash }).where(and(eq(auditChainHead.tenantId, tenant.id), eq(auditChainHead.lane, lane!.lane)));
    });
    expect((await verifyTenantChain(t.database.db, tenant.id)).firstBrokenLink).toBeNull();
    const checked = await verifyAgainstCheckpoint(t.database.db, readLastCheckpoint(file)!, signer, { tenantIds: [tenant.id] });
    expect(checked.intact).toBe(false);
    expect(checked.reports[0]!.checkpointBreak).toMatchObject({ lane: lane!.lane, reason: 'checkpoint_mismatch' });
  });

  it('sees events removed behind a purge point moved on by someone with database access', async () => {
    const tenant = await confirmedTenant(10);
    await actAsOf(yearsAgo(12), () => appendEvents(tenant, 2, 'old'));
    await appendEvents(tenant, 4, 'new');
    const file = newFile();
    const [lane] = (await purgeAuditLog(t.database, { file, signer, tenantIds: [tenant.id] })).tenants[0]!.lanes;
    const where = and(eq(auditEvent.tenantId, tenant.id), eq(auditEvent.lane, lane!.lane));
    // Delete the first kept event and claim it was purged: the table now says the lane starts after seq 3.
    await asOwnerBehindTrigger(t.database, tenant.id, async (owner) => {
      const [third] = await owner.select().from(auditEvent).where(and(where, eq(auditEvent.seq, 3)));
      await owner.update(auditPurgePoint).set({ seq: 3, hash: third!.hash }).where(and(eq(auditPurgePoint.tenantId, tenant.id), eq(auditPurgePoint.lane, lane!.lane)));
      await owner.delete(auditEvent).where(and(where, eq(auditEvent.seq, 3)));
    });
    expect((await verifyTenantChain(t.database.db, tenant.id)).firstBrokenLink).toEqual({ tenantId: tenant.id, lane: lane!.lane, seq: 4, reason: 'sequence_gap' });
  });

  it('refuses a tenant whose periods are not confirmed, counts in a dry run, and keeps the log append-only otherwise', async () => {
    const unconfirmed = await t.tenant();
    await actAsOf(yearsAgo(12), () => appendEvents(unconfirmed, 3, 'old'));
    const confirmed = await confirmedTenant(10);
    await actAsOf(yearsAgo(12), () => appendEvents(confirmed, 2, 'old'));
    await appendEvents(confirmed, 1, 'new');
    const tenantIds = [unconfirmed.id, confirmed.id];
    const file = newFile();

    const dry = await purgeAuditLog(t.database, { dryRun: true, tenantIds });
    // A dry run counts for every tenant, confirmed or not.
    expect(dry.tenants.find((r) => r.tenantId === unconfirmed.id)).toMatchObject({ refused: null, purged: 3 });
    expect(dry.tenants.find((r) => r.tenantId === confirmed.id)).toMatchObject({ refused: null, purged: 2 });
    expect(dry.checkpoints).toEqual([]);
    expect(await t.auditEvents(confirmed, 'test.event')).toHaveLength(3);

    const real = await purgeAuditLog(t.database, { file, signer, tenantIds });
    expect(real.tenants.find((r) => r.tenantId === unconfirmed.id)).toMatchObject({ refused: 'not_confirmed', purged: 0 });
    expect(await t.auditEvents(unconfirmed, 'test.event')).toHaveLength(3);
    expect(await t.auditEvents(unconfirmed, 'audit.purge')).toEqual([]);
    expect(real.tenants.find((r) => r.tenantId === confirmed.id)).toMatchObject({ refused: null, purged: 2 });

    // The trigger lets the owner delete only in a purge, and only up to the purge point.
    const deleteAsOwner = (seqAtLeast: number, purging: boolean) =>
      t.database.asOwner((owner) =>
        owner.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.tenant_id', ${confirmed.id}, true), set_config('app.audit_purge', ${purging ? 'on' : 'off'}, true)`);
          await tx.delete(auditEvent).where(and(eq(auditEvent.tenantId, confirmed.id), gte(auditEvent.seq, seqAtLeast)));
        }),
      );
    await expect(deleteAsOwner(1, false)).rejects.toThrow();
    await expect(deleteAsOwner(3, true)).rejects.toThrow();
    const app = inContext(t.database.db, { tenantId: confirmed.id, userId: null }, async (tx) => {
      await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
      await tx.delete(auditEvent).where(eq(auditEvent.tenantId, confirmed.id));
    });
    await expect(app).rejects.toThrow();
    expect(await verifyTenantChain(t.database.db, confirmed.id)).toMatchObject({ firstBrokenLink: null });
  });

  it('samverka audit purge: counts in a dry run, refuses an unknown tenant, and purges nothing while any chain is broken', async () => {
    const tenant = await confirmedTenant(10);
    await actAsOf(yearsAgo(12), () => appendEvents(tenant, 3, 'old'));
    const unconfirmed = await t.tenant();
    const file = newFile();
    const config = testConfig({ SAMVERKA_AUDIT_SIGNING_KEY: key.privateKeyBase64, SAMVERKA_AUDIT_CHECKPOINT_FILE: file });

    const dry = await purgeAuditFromCli(t.database, config, { dryRun: true, slug: tenant.slug });
    expect(dry.ok).toBe(true);
    expect(dry.lines[0]).toMatch(new RegExp(`^${tenant.slug} \\(.*\\): would purge 3 events \\(period 10 y, before `));
    expect(dry.lines).toContain('Dry run: nothing was deleted. 3 audit events are due.');
    expect(await t.auditEvents(tenant, 'test.event')).toHaveLength(3);

    // Someone rewrote an event of another tenant: a real purge signs nothing and deletes nothing, anywhere.
    const bystander = await t.tenant();
    await appendEvents(bystander, 2);
    await asOwnerBehindTrigger(t.database, bystander.id, (owner) =>
      owner.update(auditEvent).set({ details: { n: 0, note: 'tampered' } }).where(and(eq(auditEvent.tenantId, bystander.id), eq(auditEvent.seq, 1))).then(() => {}),
    );
    await expect(purgeAuditFromCli(t.database, config, { dryRun: false, slug: tenant.slug })).rejects.toThrow(/Refused, nothing was deleted/);
    expect(await t.auditEvents(tenant, 'test.event')).toHaveLength(3);
    await expect(purgeAuditFromCli(t.database, config, { dryRun: false, slug: 'finns-inte' })).rejects.toThrow('No tenant with the slug finns-inte');
    expect((await purgeAuditFromCli(t.database, config, { dryRun: true, slug: unconfirmed.slug })).lines[0]).toContain('would purge 0 events');
  });
});
