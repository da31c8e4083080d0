import type { Tx } from '../../db/client';
import type { Actor } from '../../policy/actor';
import type { ConcernDecision, ConcernStatus, ProtectionAssessment } from '../../../shared/concerns';
import type { ConcernCrypto } from './concern-crypto';
import { updateConcern, type ConcernRow } from './concern-record';
import { statusAfter } from './status';
import { appendTimeline } from './timeline';

/**
 * Skyddsbedömning: recorded with who and when. The reporter's status becomes "under bedömning".
 */
export async function recordAssessment(
  tx: Tx,
  actor: Actor,
  crypto: ConcernCrypto,
  row: ConcernRow,
  input: { result: ProtectionAssessment; note?: string | undefined },
): Promise<Record<string, unknown>> {
  const now = new Date();
  await updateConcern(tx, row, { assessmentResult: input.result, assessedAt: now, assessedBy: actor.userId, status: statusAfter('assess', row.status as ConcernStatus) }, now);
  await appendTimeline(tx, crypto, { tenantId: row.tenantId, concernId: row.id, type: 'assessed', actorUserId: actor.userId, details: { result: input.result }, note: input.note });
  return { result: input.result };
}

/**
 * Beslut om utredning: recorded with who and when; the concern is then closed for the channel.
 * The reporter sees "avslutad", and the decision itself only if they reported under the duty to
 * report (the only feedback the law allows without consent).
 */
export async function recordDecision(
  tx: Tx,
  actor: Actor,
  crypto: ConcernCrypto,
  row: ConcernRow,
  input: { decision: ConcernDecision; note?: string | undefined },
): Promise<Record<string, unknown>> {
  const now = new Date();
  const feedback = row.reporterDutyToReport ? input.decision : null;
  await updateConcern(
    tx,
    row,
    { decision: input.decision, decidedAt: now, decidedBy: actor.userId, feedback, status: statusAfter('decide', row.status as ConcernStatus) },
    now,
  );
  await appendTimeline(tx, crypto, {
    tenantId: row.tenantId,
    concernId: row.id,
    type: 'decided',
    actorUserId: actor.userId,
    details: { decision: input.decision, feedbackToReporter: feedback !== null },
    note: input.note,
  });
  return { decision: input.decision, feedbackToReporter: feedback !== null };
}
