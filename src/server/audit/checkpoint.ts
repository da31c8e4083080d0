import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import type { CheckpointSigner, CheckpointVerifier } from './signing-key';

/**
 * A signed statement of where every audit chain stood: for each tenant and lane, the sequence
 * number and hash of its newest event. Anyone who later rewrites an event at or before that
 * position changes the hash there, even if they recompute the rest of the chain, and cannot
 * sign a new checkpoint without the key, which is not in the database.
 *
 * General on purpose: the audit purge (issue 12) will keep a checkpoint at the purge point and
 * verify the remaining events from it, so `reason` says why it was taken.
 */
export const CHECKPOINT_FORMAT = 'samverka-audit-checkpoint/1';

export type CheckpointReason = 'interval' | 'on-demand' | 'purge';

export interface ChainHead {
  tenantId: string;
  lane: number;
  seq: number;
  hash: string;
}

const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  createdAt: z.iso.datetime(),
  reason: z.enum(['interval', 'on-demand', 'purge']),
  keyId: z.string().min(1),
  heads: z.array(
    z.object({
      tenantId: z.guid(),
      lane: z.number().int().min(0),
      seq: z.number().int().min(0),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  signature: z.string().min(1),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export function signCheckpoint(heads: readonly ChainHead[], signer: CheckpointSigner, reason: CheckpointReason, now = new Date()): Checkpoint {
  const sorted = [...heads].sort((a, b) => (a.tenantId === b.tenantId ? a.lane - b.lane : a.tenantId < b.tenantId ? -1 : 1));
  const unsigned = { format: CHECKPOINT_FORMAT, createdAt: now.toISOString(), reason, keyId: signer.keyId, heads: sorted } as const;
  const signature = sign(null, signedBytes(unsigned), signer.privateKey).toString('base64');
  return { ...unsigned, heads: sorted.map((h) => ({ ...h })), signature };
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'other_key' | 'bad_signature' };

export function checkSignature(checkpoint: Checkpoint, verifier: CheckpointVerifier): SignatureCheck {
  if (checkpoint.keyId !== verifier.keyId) return { valid: false, reason: 'other_key' };
  const ok = verify(null, signedBytes(checkpoint), verifier.publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return ok ? { valid: true } : { valid: false, reason: 'bad_signature' };
}

/** One JSON line; throws with a short message when the line is not a checkpoint. */
export function parseCheckpoint(line: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  const result = checkpointSchema.safeParse(value);
  if (!result.success) throw new Error(`not a checkpoint (${result.error.issues[0]!.path.join('.') || 'format'})`);
  return result.data;
}

/** True when no chain has moved since `previous`: nothing new to anchor. */
export function sameHeads(previous: Pick<Checkpoint, 'heads'>, heads: readonly ChainHead[]): boolean {
  if (previous.heads.length !== heads.length) return false;
  const before = new Map(previous.heads.map((h) => [`${h.tenantId}/${h.lane}`, h]));
  return heads.every((h) => {
    const old = before.get(`${h.tenantId}/${h.lane}`);
    return old !== undefined && old.seq === h.seq && old.hash === h.hash;
  });
}

/** What is signed: the fields in a fixed order, so no JSON key order or whitespace can change it. */
function signedBytes(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const text = JSON.stringify([
    checkpoint.format,
    checkpoint.createdAt,
    checkpoint.reason,
    checkpoint.keyId,
    checkpoint.heads.map((h) => [h.tenantId, h.lane, h.seq, h.hash]),
  ]);
  return Buffer.from(text, 'utf8');
}
