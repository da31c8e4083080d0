import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditChainHead, auditEvent, tenant } from '../db/schema';
import { eventHash, genesisHash } from './chain';

export interface BrokenLink {
  tenantId: string;
  lane: number;
  seq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';
}

export interface ChainReport {
  tenantId: string;
  eventsChecked: number;
  firstBrokenLink: BrokenLink | null;
}

const BATCH = 1000;

/** Recomputes a tenant's chains and reports the first broken link, if any. */
export async function verifyTenantChain(
  db: Db,
  tenantId: string,
  onProgress?: (checked: number) => void,
): Promise<ChainReport> {
  // One snapshot for heads and events: under READ COMMITTED, an event committed between reading
  // the heads and reading its lane would show as a false head_mismatch on a busy system.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', '', true)`);
    const heads = await tx.select().from(auditChainHead).where(eq(auditChainHead.tenantId, tenantId)).orderBy(asc(auditChainHead.lane));
    let checked = 0;
    for (const head of heads) {
      let prevHash = genesisHash(tenantId, head.lane);
      let expectedSeq = 1;
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
    }
    return report(checked, null);
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });

  function report(eventsChecked: number, firstBrokenLink: BrokenLink | null): ChainReport {
    return { tenantId, eventsChecked, firstBrokenLink };
  }
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
