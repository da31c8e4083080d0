import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tenant } from '../db/schema';
import { checkSignature, parseCheckpoint, sameHeads, signCheckpoint, type ChainHead, type Checkpoint, type CheckpointReason } from './checkpoint';
import { appendCheckpoint, readLastLine } from './checkpoint-file';
import type { CheckpointSigner } from './signing-key';
import { anchorsByTenant } from './verify-checkpoint';
import { verifyTenantChainAnchored } from './verify';

export interface TakeCheckpointOptions {
  file: string;
  signer: CheckpointSigner;
  reason: CheckpointReason;
  /** Skip writing when no chain moved since the file's last checkpoint (the interval job: an idle server adds no lines). */
  skipUnchanged?: boolean;
  /** Sign even though the chains disagree with the last checkpoint: an operator's decision after review (a restore to an earlier point). */
  force?: boolean;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Only these tenants (tests sharing a database); default every tenant. */
  tenantIds?: readonly string[];
}

/** The chains disagree with the last checkpoint (or it was altered): signing now would bless the change. */
export class CheckpointRefusedError extends Error {}

/**
 * Verifies every chain from the file's last checkpoint (only the events since, and that the events it
 * signed still carry its hashes; a tenant it did not hold from its genesis), then signs the heads
 * that verification saw and appends them. Never signs over a disagreement: otherwise a rewrite made
 * before one checkpoint would be blessed by the next, and `audit verify` reads only the last.
 * Returns the checkpoint, or null when skipped.
 */
export async function takeCheckpoint(db: Db, options: TakeCheckpointOptions): Promise<Checkpoint | null> {
  const { file, signer } = options;
  const previous = lastCheckpoint(file, options.force ?? false);
  if (previous && previous.keyId === signer.keyId && !checkSignature(previous, signer).valid && !options.force) {
    throw new CheckpointRefusedError(`the last checkpoint in ${file} does not match its signature (the file was altered): not signing after it`);
  }
  // Another key's checkpoint (a rotated key) cannot be checked here; the chains are then verified from their genesis.
  const anchors = previous && previous.keyId === signer.keyId ? anchorsByTenant(previous) : new Map<string, never[]>();
  const tenantIds = options.tenantIds;
  if (tenantIds) for (const id of [...anchors.keys()]) if (!tenantIds.includes(id)) anchors.delete(id);
  const tenants = await db
    .select({ id: tenant.id })
    .from(tenant)
    .where(tenantIds ? inArray(tenant.id, [...tenantIds]) : undefined)
    .orderBy(asc(tenant.id));

  const heads: ChainHead[] = [];
  const problems: string[] = [];
  const present = new Set(tenants.map((t) => t.id));
  for (const id of anchors.keys()) if (!present.has(id)) problems.push(`tenant ${id} is in the last checkpoint but not in the database`);
  options.onProgress?.(0, tenants.length);
  for (const [i, { id }] of tenants.entries()) {
    const report = await verifyTenantChainAnchored(db, id, anchors.get(id) ?? [], { resume: true });
    const issue = report.firstBrokenLink ?? report.checkpointBreak;
    if (issue) problems.push(`tenant ${id}, lane ${issue.lane}, seq ${issue.seq}: ${issue.reason}`);
    for (const head of report.heads) heads.push({ tenantId: id, ...head });
    options.onProgress?.(i + 1, tenants.length);
  }
  if (problems.length > 0 && !options.force) {
    throw new CheckpointRefusedError(`the audit chains disagree with the last checkpoint, not signing: ${problems.join('; ')}`);
  }
  if (options.skipUnchanged) {
    if (heads.length === 0) return null;
    if (previous && previous.keyId === signer.keyId && sameHeads(previous, heads)) return null;
  }
  const checkpoint = signCheckpoint(heads, signer, options.reason, options.now);
  appendCheckpoint(file, checkpoint);
  return checkpoint;
}

/** The file's last checkpoint; throws when the last line is not one (torn or altered). */
export function readLastCheckpoint(file: string): Checkpoint | null {
  const line = readLastLine(file);
  return line === null ? null : parseCheckpoint(line);
}

/** An unreadable last line (altered, or torn by a crash while writing) stops the signing until an operator forces it. */
function lastCheckpoint(file: string, force: boolean): Checkpoint | null {
  try {
    return readLastCheckpoint(file);
  } catch (error) {
    if (force) return null;
    throw new CheckpointRefusedError(`the last line of ${file} is ${(error as Error).message}: not signing after it`);
  }
}
