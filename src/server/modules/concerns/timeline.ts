import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concernEvent, user } from '../../db/schema';
import type { TimelineEntry } from '../../../shared/concerns-triage';
import type { ConcernCrypto } from './concern-crypto';

export type TimelineType = TimelineEntry['type'];

export interface TimelineStep {
  tenantId: string;
  concernId: string;
  type: TimelineType;
  actorUserId: string;
  /** Structured, non-personal facts only (keys and ids). Free text goes in `note`, encrypted. */
  details?: Record<string, unknown>;
  note?: string | undefined;
}

/** Appends a step to the concern's chronology, in the caller's transaction. */
export async function appendTimeline(tx: Tx, crypto: ConcernCrypto, step: TimelineStep): Promise<void> {
  await tx.insert(concernEvent).values({
    tenantId: step.tenantId,
    concernId: step.concernId,
    type: step.type,
    actorUserId: step.actorUserId,
    details: step.details ?? {},
    noteEncrypted: step.note ? crypto.encryptNote(step.tenantId, step.concernId, step.note) : null,
  });
}

/** The chronology, oldest first, with each step's note decrypted. */
export async function readTimeline(tx: Tx, crypto: ConcernCrypto, tenantId: string, concernId: string): Promise<TimelineEntry[]> {
  const rows = await tx
    .select({
      id: concernEvent.id,
      type: concernEvent.type,
      at: concernEvent.occurredAt,
      actorUserId: concernEvent.actorUserId,
      actorName: user.name,
      details: concernEvent.details,
      noteEncrypted: concernEvent.noteEncrypted,
    })
    .from(concernEvent)
    .leftJoin(user, eq(user.id, concernEvent.actorUserId))
    .where(and(eq(concernEvent.tenantId, tenantId), eq(concernEvent.concernId, concernId)))
    .orderBy(asc(concernEvent.occurredAt), asc(concernEvent.id));
  return rows.map((row) => ({
    id: row.id,
    type: row.type as TimelineType,
    at: row.at.toISOString(),
    actor: row.actorUserId ? { userId: row.actorUserId, name: row.actorName } : null,
    details: (row.details ?? {}) as Record<string, unknown>,
    note: crypto.decryptNote(tenantId, concernId, row.noteEncrypted),
  }));
}
