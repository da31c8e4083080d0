import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concern } from '../../db/schema';
import type { ConcernKind, ConcernStatus } from '../../../shared/concerns';
import type { ConcernResource } from './policy';
import type { ConcernState } from './status';

export type ConcernRow = typeof concern.$inferSelect;

/** Loads one report of the tenant, or null. Row-level security hides other tenants' rows as well. */
export async function findConcern(tx: Tx, tenantId: string, id: string): Promise<ConcernRow | null> {
  const [row] = await tx
    .select()
    .from(concern)
    .where(and(eq(concern.tenantId, tenantId), eq(concern.id, id)))
    .limit(1);
  return row ?? null;
}

/** Locks the row for a state change: two officers acting at once must not both move it. */
export async function lockConcern(tx: Tx, tenantId: string, id: string): Promise<ConcernRow | null> {
  const [row] = await tx
    .select()
    .from(concern)
    .where(and(eq(concern.tenantId, tenantId), eq(concern.id, id)))
    .limit(1)
    .for('update');
  return row ?? null;
}

type ResourceFields = Pick<ConcernRow, 'tenantId' | 'id' | 'kind' | 'receivingOrganisationId' | 'assignedUserId'>;

export function concernResource(row: ResourceFields): ConcernResource {
  return {
    kind: 'concern',
    tenantId: row.tenantId,
    id: row.id,
    concernKind: row.kind as ConcernKind,
    receivingOrganisationId: row.receivingOrganisationId,
    assignedUserId: row.assignedUserId,
  };
}

/** The channel as a whole: the inbox and the routing rules. */
export function channelResource(tenantId: string): ConcernResource {
  return { kind: 'concern', tenantId, id: null, concernKind: null, receivingOrganisationId: null, assignedUserId: null };
}

export function stateOf(row: Pick<ConcernRow, 'kind' | 'status' | 'assessedAt' | 'decidedAt' | 'personId'>): ConcernState {
  return { kind: row.kind, status: row.status as ConcernStatus, assessedAt: row.assessedAt, decidedAt: row.decidedAt, personId: row.personId };
}

const REFERENCE_PREFIX: Record<ConcernKind, string> = { person: 'OR', place: 'PL' };

/**
 * "OR-2026-0042": a report's reference, to say on the phone and write in a journal. Numbered per
 * tenant, kind and year by the database (migration 0017); nothing to guess a receipt code from.
 */
export function referenceOf(row: Pick<ConcernRow, 'kind' | 'referenceYear' | 'referenceNumber'>): string {
  const prefix = REFERENCE_PREFIX[row.kind as ConcernKind] ?? 'OR';
  return `${prefix}-${row.referenceYear}-${String(row.referenceNumber).padStart(4, '0')}`;
}

/** Writes a change to a locked row. A change of the public status also moves the date the reporter sees. */
export async function updateConcern(tx: Tx, row: ConcernRow, changes: Partial<typeof concern.$inferInsert>, now = new Date()): Promise<void> {
  const statusChanged = changes.status !== undefined && changes.status !== row.status;
  await tx
    .update(concern)
    .set({ ...changes, updatedAt: now, ...(statusChanged ? { statusChangedAt: now } : {}) })
    .where(and(eq(concern.tenantId, row.tenantId), eq(concern.id, row.id)));
}
