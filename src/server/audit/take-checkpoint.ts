import type { Db } from '../db/client';
import { parseCheckpoint, readChainHeads, sameHeads, signCheckpoint, type Checkpoint, type CheckpointReason } from './checkpoint';
import { appendCheckpoint, readLastLine } from './checkpoint-file';
import type { CheckpointSigner } from './signing-key';

export interface TakeCheckpointOptions {
  file: string;
  signer: CheckpointSigner;
  reason: CheckpointReason;
  /** Skip writing when no chain moved since the file's last checkpoint (the interval job: an idle server adds no lines). */
  skipUnchanged?: boolean;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Only these tenants (tests sharing a database); default every tenant. */
  tenantIds?: readonly string[];
}

/** Reads every chain head, signs them and appends the checkpoint. Returns it, or null when skipped. */
export async function takeCheckpoint(db: Db, options: TakeCheckpointOptions): Promise<Checkpoint | null> {
  const heads = await readChainHeads(db, options.onProgress, options.tenantIds);
  if (options.skipUnchanged) {
    if (heads.length === 0) return null;
    const last = lastCheckpointOrNull(options.file);
    if (last && last.keyId === options.signer.keyId && sameHeads(last, heads)) return null;
  }
  const checkpoint = signCheckpoint(heads, options.signer, options.reason, options.now);
  appendCheckpoint(options.file, checkpoint);
  return checkpoint;
}

/** The file's last checkpoint; throws when the last line is not one (torn or altered). */
export function readLastCheckpoint(file: string): Checkpoint | null {
  const line = readLastLine(file);
  return line === null ? null : parseCheckpoint(line);
}

function lastCheckpointOrNull(file: string): Checkpoint | null {
  try {
    return readLastCheckpoint(file);
  } catch {
    return null; // an unreadable last line is no reason to skip: write a good one after it
  }
}
