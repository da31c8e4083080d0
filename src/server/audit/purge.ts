import { and, asc, eq, gt, gte, lte, min, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { inContext } from '../db/context';
import { auditChainHead, auditEvent, auditPurgePoint, sspfSetting, tenant } from '../db/schema';
import { DEFAULT_AUDIT_RETENTION_YEARS } from '../../shared/retention';
import { appendAuditEvent } from './append';
import type { ChainAnchor } from './verify';
import { verifyTenantChainAnchored } from './verify';
import { anchorsByTenant } from './verify-checkpoint';
import { CheckpointRefusedError, takeCheckpoint } from './take-checkpoint';
import type { Checkpoint } from './checkpoint';
import type { CheckpointSigner } from './signing-key';

export interface AuditPurgeOptions {
  /** The checkpoint file and key: the purge signs the chains before it deletes and after (a dry run needs neither). */
  file?: string | null;
  signer?: CheckpointSigner | null;
  /** Count what would go, delete and sign nothing. */
  dryRun?: boolean;
  now?: Date;
  /** Purge only these tenants; every tenant without it. */
  only?: readonly string[];
  /** Tests sharing one database: every pass (the purge and its checkpoints) limited to these tenants. */
  tenantIds?: readonly string[];
}

export interface LanePurge {
  lane: number;
  /** The last purged event: the lane now starts after it. */
  seq: number;
  hash: string;
  /** Events removed from this lane by this purge. */
  purged: number;
}

export interface TenantAuditPurge {
  tenantId: string;
  years: number;
  /** Events that occurred before this instant were due. */
  before: Date;
  /** Nothing was deleted: the periods are not confirmed, or the chains do not verify (the evidence stays). */
  refused: 'not_confirmed' | 'chain_broken' | null;
  purged: number;
  lanes: LanePurge[];
}

export interface AuditPurgeResult {
  tenants: TenantAuditPurge[];
  /** The checkpoints signed with reason `purge`: before deleting (what nothing may be purged past) and after. */
  checkpoints: Checkpoint[];
}

/**
 * Audit log retention (issue 12): per tenant, the events older than its period (default ten years)
 * are deleted, lane by lane and only as a prefix of each chain, and verification then starts from
 * the last purged event's hash, which is kept per lane (`audit_purge_point`).
 *
 * In order: (1) a checkpoint (reason `purge`) verifies every chain from the last one and signs the
 * heads, so nothing is purged past a signed position and nothing is purged over a rewrite; (2) per
 * tenant whose periods an administrator has confirmed, the whole chain is verified against that
 * checkpoint, then, as the owner in one transaction, the purge points are recorded, the events at
 * or before them deleted (the append-only trigger lets exactly these through, migration 0019) and
 * an `audit.purge` event records the points inside the chain itself; (3) a second checkpoint signs
 * the heads with the purge record in them.
 */
export async function purgeAuditLog(database: Database, options: AuditPurgeOptions): Promise<AuditPurgeResult> {
  const now = options.now ?? new Date();
  const tenants = await database.db
    .select({ id: tenant.id })
    .from(tenant)
    .orderBy(asc(tenant.id))
    .then((rows) => rows.map((r) => r.id).filter((id) => (!options.only || options.only.includes(id)) && (!options.tenantIds || options.tenantIds.includes(id))));
  const checkpoints: Checkpoint[] = [];
  const { file, signer } = options;
  if (!options.dryRun && (!file || !signer)) throw new Error('the audit purge signs a checkpoint before and after it deletes: a signing key and a checkpoint file are needed');
  const sign = async () => {
    const checkpoint = await takeCheckpoint(database.db, { file: file!, signer: signer!, reason: 'purge', now: new Date(), tenantIds: options.tenantIds });
    checkpoints.push(checkpoint!);
    return checkpoint!;
  };
  const before = options.dryRun ? null : await sign();
  const anchors = before ? anchorsByTenant(before) : new Map<string, ChainAnchor[]>();
  const results: TenantAuditPurge[] = [];
  for (const tenantId of tenants) {
    results.push(await purgeTenant(database, tenantId, now, options.dryRun ?? false, anchors.get(tenantId) ?? []));
  }
  if (!options.dryRun && results.some((r) => r.purged > 0)) await sign();
  return { tenants: results, checkpoints };
}

export { CheckpointRefusedError };

async function purgeTenant(database: Database, tenantId: string, now: Date, dryRun: boolean, anchors: readonly ChainAnchor[]): Promise<TenantAuditPurge> {
  const setting = await inContext(database.db, { tenantId, userId: null }, async (tx) => {
    const [row] = await tx
      .select({ years: sspfSetting.auditRetentionYears, confirmedAt: sspfSetting.retentionConfirmedAt })
      .from(sspfSetting)
      .where(eq(sspfSetting.tenantId, tenantId));
    return { years: row?.years ?? DEFAULT_AUDIT_RETENTION_YEARS, confirmed: Boolean(row?.confirmedAt) };
  });
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - setting.years);
  const result: TenantAuditPurge = { tenantId, years: setting.years, before: cutoff, refused: null, purged: 0, lanes: [] };
  if (!setting.confirmed && !dryRun) return { ...result, refused: 'not_confirmed' };
  if (!dryRun) {
    // Deleting evidence of a rewrite would hide it: the whole chain must verify, and reach the checkpoint just signed.
    const report = await verifyTenantChainAnchored(database.db, tenantId, anchors);
    if (report.firstBrokenLink || report.checkpointBreak) return { ...result, refused: 'chain_broken' };
  }
  const signedUpTo = new Map(anchors.map((a) => [a.lane, a.seq]));
  const work = async (tx: Tx) => {
    const plans = await planLanes(tx, tenantId, cutoff, dryRun ? null : signedUpTo);
    if (dryRun || plans.length === 0) return plans;
    await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
    for (const plan of plans) {
      await tx
        .insert(auditPurgePoint)
        .values({ tenantId, lane: plan.lane, seq: plan.seq, hash: plan.hash, purgedAt: now })
        .onConflictDoUpdate({ target: [auditPurgePoint.tenantId, auditPurgePoint.lane], set: { seq: plan.seq, hash: plan.hash, purgedAt: now } });
      await tx.delete(auditEvent).where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.lane, plan.lane), lte(auditEvent.seq, plan.seq)));
    }
    const points = await tx
      .select({ lane: auditPurgePoint.lane, seq: auditPurgePoint.seq, hash: auditPurgePoint.hash })
      .from(auditPurgePoint)
      .where(eq(auditPurgePoint.tenantId, tenantId))
      .orderBy(asc(auditPurgePoint.lane));
    const purged = plans.reduce((sum, p) => sum + p.purged, 0);
    // The purge records itself in the chain: the system acts, and every lane's point is in the hashed details.
    await appendAuditEvent(tx, { tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: null }, {
      action: 'audit.purge',
      resourceType: 'audit_log',
      details: { before: cutoff.toISOString(), years: setting.years, purged, lanes: points },
    });
    return plans;
  };
  const plans = dryRun
    ? await inContext(database.db, { tenantId, userId: null }, work)
    : await database.asOwner((owner) => inContext(owner, { tenantId, userId: null }, work));
  return { ...result, purged: plans.reduce((sum, p) => sum + p.purged, 0), lanes: plans };
}

/**
 * Per lane, the prefix that is due: every event up to (not including) the first one at or after
 * the cutoff, never past the position the purge's checkpoint signed (`signedUpTo`; null for a dry
 * run, which signs nothing), and only what an earlier purge left.
 */
async function planLanes(tx: Tx, tenantId: string, cutoff: Date, signedUpTo: ReadonlyMap<number, number> | null): Promise<LanePurge[]> {
  const heads = await tx.select().from(auditChainHead).where(eq(auditChainHead.tenantId, tenantId)).orderBy(asc(auditChainHead.lane));
  const points = new Map(
    (await tx.select().from(auditPurgePoint).where(eq(auditPurgePoint.tenantId, tenantId))).map((p) => [p.lane, p.seq]),
  );
  const plans: LanePurge[] = [];
  for (const head of heads) {
    const start = points.get(head.lane) ?? 0;
    const [kept] = await tx
      .select({ seq: min(auditEvent.seq) })
      .from(auditEvent)
      .where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.lane, head.lane), gt(auditEvent.seq, start), gte(auditEvent.occurredAt, cutoff)));
    let upTo = kept?.seq != null ? Number(kept.seq) - 1 : head.seq;
    if (signedUpTo) upTo = Math.min(upTo, signedUpTo.get(head.lane) ?? 0);
    if (upTo <= start) continue;
    const [last] = await tx
      .select({ hash: auditEvent.hash })
      .from(auditEvent)
      .where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.lane, head.lane), eq(auditEvent.seq, upTo)));
    if (!last) continue;
    plans.push({ lane: head.lane, seq: upTo, hash: last.hash, purged: upTo - start });
  }
  return plans;
}
