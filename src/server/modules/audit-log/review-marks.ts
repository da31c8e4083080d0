import type { Tx } from '../../db/client';
import { logReviewMark } from '../../db/schema';
import { conflict } from '../../http/errors';
import type { LogReviewMarkInput } from '../../../shared/log-review';

/** The person an `outsider` flag is about (its key names them), for the audit event of the mark. */
export function personOfFlagKey(input: Pick<LogReviewMarkInput, 'kind' | 'key'>): string | null {
  return input.kind === 'outsider' ? (input.key.split(':')[2] ?? null) : null;
}

/** Marks a flag reviewed. A flag is marked once (409 after that): a mark is never changed or taken back. */
export async function markFlagReviewed(tx: Tx, tenantId: string, input: LogReviewMarkInput, userId: string): Promise<{ id: string; reviewedAt: string }> {
  const [row] = await tx
    .insert(logReviewMark)
    .values({ tenantId, kind: input.kind, flagKey: input.key, reviewedBy: userId, comment: input.comment })
    .onConflictDoNothing()
    .returning({ id: logReviewMark.id, reviewedAt: logReviewMark.reviewedAt });
  if (!row) throw conflict();
  return { id: row.id, reviewedAt: row.reviewedAt.toISOString() };
}
