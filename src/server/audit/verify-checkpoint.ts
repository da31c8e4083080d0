import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tenant } from '../db/schema';
import { checkSignature, type Checkpoint, type SignatureCheck } from './checkpoint';
import type { CheckpointVerifier } from './signing-key';
import { verifyTenantChainAnchored, type AnchoredChainReport, type ChainAnchor } from './verify';

export interface CheckpointVerification {
  signature: SignatureCheck;
  /** Tenants the checkpoint holds heads for that the database no longer has. */
  missingTenantIds: string[];
  reports: AnchoredChainReport[];
  /** True only when the signature holds, no tenant is missing, and every chain is intact and reaches the checkpoint. */
  intact: boolean;
}

/** The checkpoint's heads as anchors per tenant. */
export function anchorsByTenant(checkpoint: Pick<Checkpoint, 'heads'>): Map<string, ChainAnchor[]> {
  const byTenant = new Map<string, ChainAnchor[]>();
  for (const { tenantId, lane, seq, hash } of checkpoint.heads) {
    const list = byTenant.get(tenantId) ?? [];
    list.push({ lane, seq, hash });
    byTenant.set(tenantId, list);
  }
  return byTenant;
}

/**
 * Checks the signature, then recomputes every tenant's chains against the checkpoint's heads.
 * Heads that moved on since (new events) are fine: only the positions the checkpoint signed must
 * still hold the same hash. Tenants created after the checkpoint are verified as chains only.
 */
export async function verifyAgainstCheckpoint(
  db: Db,
  checkpoint: Checkpoint,
  verifier: CheckpointVerifier,
  options: { onProgress?: (checked: number) => void; tenantIds?: readonly string[] } = {},
): Promise<CheckpointVerification> {
  const { onProgress, tenantIds } = options;
  const signature = checkSignature(checkpoint, verifier);
  const anchors = anchorsByTenant(checkpoint);
  // Only these tenants (tests sharing a database with others' deliberately broken chains).
  if (tenantIds) for (const id of [...anchors.keys()]) if (!tenantIds.includes(id)) anchors.delete(id);
  const tenants = await db
    .select({ id: tenant.id })
    .from(tenant)
    .where(tenantIds ? inArray(tenant.id, [...tenantIds]) : undefined)
    .orderBy(asc(tenant.id));
  const present = new Set(tenants.map((t) => t.id));
  const missingTenantIds = [...anchors.keys()].filter((id) => !present.has(id));
  const reports: AnchoredChainReport[] = [];
  let before = 0;
  for (const { id } of tenants) {
    const report = await verifyTenantChainAnchored(db, id, anchors.get(id) ?? [], { onProgress: (n) => onProgress?.(before + n) });
    before += report.eventsChecked;
    reports.push(report);
  }
  const intact = signature.valid && missingTenantIds.length === 0 && reports.every((r) => !r.firstBrokenLink && !r.checkpointBreak);
  return { signature, missingTenantIds, reports, intact };
}
