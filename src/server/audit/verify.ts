import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { auditChainHead, auditEvent, auditPurgePoint, tenant } from '../db/schema';
import { eventHash, genesisHash } from './chain';

export interface BrokenLink {
  tenantId: string;
  lane: number;
  seq: number;
  /** `sequence_gap` also when a lane starts after a purge point that the newest purge record in the chain does not state. */
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';
}

export interface ChainReport {
  tenantId: string;
  eventsChecked: number;
  firstBrokenLink: BrokenLink | null;
}

const BATCH = 1000;

/** A position a signed checkpoint vouches for: the event at `seq` on the lane must still hash to `hash`. */
export interface ChainAnchor {
  lane: number;
  seq: number;
  hash: string;
}

/** Where the chains no longer agree with a checkpoint, although they may be consistent in themselves. */
export interface CheckpointBreak {
  tenantId: string;
  lane: number;
  seq: number;
  /** `checkpoint_mismatch`: the event there hashes to something else (rewritten, chain recomputed). `checkpoint_missing`: the chain no longer reaches that far. */
  reason: 'checkpoint_mismatch' | 'checkpoint_missing';
}

export interface AnchoredChainReport extends ChainReport {
  checkpointBreak: CheckpointBreak | null;
  /** The heads as this verification's snapshot saw them: what a new checkpoint may sign once all is well. */
  heads: ChainAnchor[];
}

/** Recomputes a tenant's chains and reports the first broken link, if any. */
export async function verifyTenantChain(
  db: Db,
  tenantId: string,
  onProgress?: (checked: number) => void,
): Promise<ChainReport> {
  const { tenantId: id, eventsChecked, firstBrokenLink } = await verifyTenantChainAnchored(db, tenantId, [], { onProgress });
  return { tenantId: id, eventsChecked, firstBrokenLink };
}

/**
 * Recomputes a tenant's chains as verifyTenantChain does, and also compares the recomputed hash at
 * each anchored position with the checkpoint's: a chain rewritten and recomputed from some event on
 * is consistent in itself, but no longer reaches the hash the checkpoint signed.
 *
 * `resume`: start each anchored lane at its anchor instead of at the genesis: the stored event there
 * must still carry the signed hash, and only the events after it are recomputed. What the next
 * checkpoint checks before signing (only the new events), and how the chains will be verified from
 * a checkpoint at the purge point once older events are purged (issue 12).
 */
export async function verifyTenantChainAnchored(
  db: Db,
  tenantId: string,
  anchors: readonly ChainAnchor[],
  options: { onProgress?: (checked: number) => void; resume?: boolean } = {},
): Promise<AnchoredChainReport> {
  const { onProgress, resume = false } = options;
  const anchorOf = new Map(anchors.map((a) => [a.lane, a]));
  let checkpointBreak: CheckpointBreak | null = null;
  let seenHeads: ChainAnchor[] = [];
  const noteBreak = (lane: number, seq: number, reason: CheckpointBreak['reason']) => {
    checkpointBreak ??= { tenantId, lane, seq, reason };
  };
  // One snapshot for heads and events: under READ COMMITTED, an event committed between reading
  // the heads and reading its lane would show as a false head_mismatch on a busy system.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', '', true)`);
    const heads = await tx.select().from(auditChainHead).where(eq(auditChainHead.tenantId, tenantId)).orderBy(asc(auditChainHead.lane));
    seenHeads = heads.map(({ lane, seq, hash }) => ({ lane, seq, hash }));
    // After the audit purge (audit/purge.ts) a lane starts after its last purged event, with that event's hash.
    const purgePoints = await tx
      .select({ lane: auditPurgePoint.lane, seq: auditPurgePoint.seq, hash: auditPurgePoint.hash })
      .from(auditPurgePoint)
      .where(eq(auditPurgePoint.tenantId, tenantId));
    const startOf = new Map(purgePoints.map((p) => [p.lane, p]));
    // A lane the checkpoint knows whose head row has gone: it no longer reaches the checkpoint.
    for (const anchor of anchors) {
      if (!heads.some((h) => h.lane === anchor.lane)) noteBreak(anchor.lane, anchor.seq, 'checkpoint_missing');
    }
    let checked = 0;
    for (const head of heads) {
      const start = startOf.get(head.lane) ?? { seq: 0, hash: genesisHash(tenantId, head.lane) };
      let prevHash = start.hash;
      const anchor = anchorOf.get(head.lane);
      if (anchor?.seq === start.seq && anchor.hash !== prevHash) noteBreak(head.lane, start.seq, 'checkpoint_mismatch');
      // The purge never goes past a signed position (it signs the heads first): one that did removed what a checkpoint vouched for.
      if (anchor && anchor.seq < start.seq) noteBreak(head.lane, anchor.seq, 'checkpoint_missing');
      let expectedSeq = start.seq + 1;
      if (resume && anchor && anchor.seq > start.seq) {
        const [stored] = await tx
          .select({ hash: auditEvent.hash })
          .from(auditEvent)
          .where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.lane, head.lane), eq(auditEvent.seq, anchor.seq)));
        if (!stored) noteBreak(head.lane, anchor.seq, 'checkpoint_missing');
        else if (stored.hash !== anchor.hash) noteBreak(head.lane, anchor.seq, 'checkpoint_mismatch');
        if (!stored || stored.hash !== anchor.hash) continue;
        prevHash = anchor.hash;
        expectedSeq = anchor.seq + 1;
      }
      for (;;) {
        const rows = await tx
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.lane, head.lane), gt(auditEvent.seq, expectedSeq - 1)))
          .orderBy(asc(auditEvent.seq))
          .limit(BATCH);
        for (const row of rows) {
          const at = { tenantId, lane: head.lane, seq: row.seq };
          if (row.seq !== expectedSeq) return report(checked, { ...at, seq: expectedSeq, reason: 'sequence_gap' });
          if (row.prevHash !== prevHash) return report(checked, { ...at, reason: 'prev_hash_mismatch' });
          if (eventHash(prevHash, row) !== row.hash) return report(checked, { ...at, reason: 'hash_mismatch' });
          if (anchor && anchor.seq === row.seq && anchor.hash !== row.hash) noteBreak(head.lane, row.seq, 'checkpoint_mismatch');
          prevHash = row.hash;
          expectedSeq += 1;
          checked += 1;
        }
        onProgress?.(checked);
        if (rows.length < BATCH) break;
      }
      // Deleting the newest events would leave an intact but shorter chain; the head remembers.
      if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
        return report(checked, { tenantId, lane: head.lane, seq: expectedSeq, reason: 'head_mismatch' });
      }
      // Events deleted back past the checkpoint, the head moved back with them: intact but shorter.
      if (anchor && anchor.seq > head.seq) noteBreak(head.lane, anchor.seq, 'checkpoint_missing');
    }
    if (purgePoints.length > 0) {
      const mismatch = await purgeRecordMismatch(tx, tenantId, purgePoints);
      // The events before the lane's start are gone, and no purge record accounts for them.
      if (mismatch) return report(checked, { tenantId, lane: mismatch.lane, seq: mismatch.seq + 1, reason: 'sequence_gap' });
    }
    return report(checked, null);
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });

  function report(eventsChecked: number, firstBrokenLink: BrokenLink | null): AnchoredChainReport {
    return { tenantId, eventsChecked, firstBrokenLink, checkpointBreak, heads: seenHeads };
  }
}

/**
 * The purge points live in a table the owner writes; the newest `audit.purge` event records them
 * too, inside the chain (and so under the next signed checkpoint). A purge point moved or removed
 * afterwards (to hide deleted events behind a "purge") disagrees with that record.
 */
async function purgeRecordMismatch(tx: Tx, tenantId: string, points: readonly ChainAnchor[]): Promise<ChainAnchor | null> {
  const [record] = await tx
    .select({ details: auditEvent.details })
    .from(auditEvent)
    .where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.action, 'audit.purge')))
    .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.seq))
    .limit(1);
  const recorded = new Map(((record?.details as { lanes?: ChainAnchor[] } | null)?.lanes ?? []).map((p) => [p.lane, p]));
  for (const point of points) {
    const said = recorded.get(point.lane);
    if (!said || said.seq !== point.seq || said.hash !== point.hash) return point;
  }
  return recorded.size === points.length ? null : ([...recorded.values()].find((p) => !points.some((q) => q.lane === p.lane)) ?? null);
}

export async function verifyAllChains(db: Db, onProgress?: (checked: number) => void): Promise<ChainReport[]> {
  const tenants = await db.select({ id: tenant.id }).from(tenant).orderBy(asc(tenant.id));
  const reports: ChainReport[] = [];
  let before = 0;
  for (const { id } of tenants) {
    const result = await verifyTenantChain(db, id, (n) => onProgress?.(before + n));
    before += result.eventsChecked;
    reports.push(result);
  }
  return reports;
}
