import type { Tx } from '../../db/client';
import type { Actor } from '../../policy/actor';
import type { CloseReason, ConcernStatus } from '../../../shared/concerns';
import type { ConcernCrypto } from './concern-crypto';
import { updateConcern, type ConcernRow } from './concern-record';
import { statusAfter } from './status';
import { appendTimeline } from './timeline';

/** Closes a report with a reason (a duplicate, nothing to act on, a place report handled). */
export async function closeConcern(
  tx: Tx,
  actor: Actor,
  crypto: ConcernCrypto,
  row: ConcernRow,
  input: { reason: CloseReason; note?: string | undefined },
): Promise<Record<string, unknown>> {
  const now = new Date();
  await updateConcern(tx, row, { closeReason: input.reason, closedAt: now, closedBy: actor.userId, status: statusAfter('close', row.status as ConcernStatus) }, now);
  await appendTimeline(tx, crypto, { tenantId: row.tenantId, concernId: row.id, type: 'closed', actorUserId: actor.userId, details: { reason: input.reason }, note: input.note });
  return { reason: input.reason };
}
