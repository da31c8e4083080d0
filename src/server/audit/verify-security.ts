import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { genesisHash } from './chain';
import { SECURITY_CHAIN_ID, securityEventHash } from './security-chain';
import { uuidArray } from './security-log';
import type { AnchoredChainReport, BrokenLink } from './verify';

const BATCH = 1000;

interface StoredSecurityEvent extends Record<string, unknown> {
  lane: number;
  seq: number | string;
  id: string;
  occurred_at: string;
  kind: string;
  outcome: string;
  user_id: string | null;
  email_key: string | null;
  tenant_ids: string[] | string | null;
  ip: string | null;
  user_agent: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes the security log's chains (sign-in events, one global chain in lanes) exactly as a
 * tenant's audit chains are recomputed (verify.ts), and reports the first broken link. It reads
 * through app_security_chain_heads/_events (migration 0020): the application role sees no events of
 * its own, and a verification must see them all. One snapshot, as for the audit chains.
 * The report has the shape of a tenant's, with the chain id where the tenant id stands.
 */
export async function verifySecurityChain(db: Db, onProgress?: (checked: number) => void): Promise<AnchoredChainReport> {
  return db.transaction((tx) => verifySecurityChainIn(tx, onProgress), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** The same, inside a transaction the caller holds (a test that alters a row and rolls it back). */
export async function verifySecurityChainIn(tx: Tx, onProgress?: (checked: number) => void): Promise<AnchoredChainReport> {
  const headRows = await tx.execute<{ lane: number; seq: number | string; hash: string }>(sql`select lane, seq, hash from app_security_chain_heads()`);
  const heads = headRows.rows.map((h) => ({ lane: Number(h.lane), seq: Number(h.seq), hash: h.hash }));
  const report = (checked: number, firstBrokenLink: BrokenLink | null): AnchoredChainReport => ({
    tenantId: SECURITY_CHAIN_ID,
    eventsChecked: checked,
    firstBrokenLink,
    checkpointBreak: null,
    heads,
  });
  let checked = 0;
  for (const head of heads) {
    let prevHash = genesisHash(SECURITY_CHAIN_ID, head.lane);
    let expectedSeq = 1;
    for (;;) {
      const { rows } = await tx.execute<StoredSecurityEvent>(
        sql`select * from app_security_chain_events(${head.lane}::int, ${expectedSeq - 1}::bigint, ${BATCH}::int)`,
      );
      for (const row of rows) {
        const seq = Number(row.seq);
        const at = { tenantId: SECURITY_CHAIN_ID, lane: head.lane, seq };
        if (seq !== expectedSeq) return report(checked, { ...at, seq: expectedSeq, reason: 'sequence_gap' });
        if (row.prev_hash !== prevHash) return report(checked, { ...at, reason: 'prev_hash_mismatch' });
        const recomputed = securityEventHash(prevHash, {
          lane: head.lane,
          seq,
          id: row.id,
          occurredAt: new Date(row.occurred_at),
          kind: row.kind,
          outcome: row.outcome,
          userId: row.user_id,
          emailKey: row.email_key,
          tenantIds: uuidArray(row.tenant_ids),
          ip: row.ip,
          userAgent: row.user_agent,
          details: row.details ?? null,
        });
        if (recomputed !== row.hash) return report(checked, { ...at, reason: 'hash_mismatch' });
        prevHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked);
      if (rows.length < BATCH) break;
    }
    // Deleting the newest events would leave an intact but shorter chain; the head remembers.
    if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
      return report(checked, { tenantId: SECURITY_CHAIN_ID, lane: head.lane, seq: expectedSeq, reason: 'head_mismatch' });
    }
  }
  return report(checked, null);
}
