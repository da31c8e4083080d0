import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseEvent, caseMember, organisation, sspfCase, user } from '../../db/schema';
import type { CaseSection, CaseStatus } from '../../../shared/cases';
import type { CaseResource } from './policy';
import { now } from '../../clock';

export type CaseRow = typeof sspfCase.$inferSelect;

/** Loads one case of the tenant, or null; `lock` for a change (two people acting at once must not both move it). */
export async function findCase(tx: Tx, tenantId: string, id: string, lock = false): Promise<CaseRow | null> {
  const query = tx
    .select()
    .from(sspfCase)
    .where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.id, id)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export interface MemberRow {
  id: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  caseRole: string;
  addedAt: Date;
  legalBasis: string | null;
}

/** The active team of one or more cases, with names. */
export async function activeMembers(tx: Tx, tenantId: string, caseIds: readonly string[]): Promise<(MemberRow & { caseId: string })[]> {
  if (caseIds.length === 0) return [];
  return tx
    .select({
      id: caseMember.id,
      caseId: caseMember.caseId,
      userId: caseMember.userId,
      name: user.name,
      organisationId: caseMember.organisationId,
      organisationName: organisation.name,
      caseRole: caseMember.caseRole,
      addedAt: caseMember.addedAt,
      legalBasis: caseMember.legalBasis,
    })
    .from(caseMember)
    .innerJoin(user, eq(user.id, caseMember.userId))
    .innerJoin(organisation, and(eq(organisation.tenantId, caseMember.tenantId), eq(organisation.id, caseMember.organisationId)))
    .where(and(eq(caseMember.tenantId, tenantId), inArray(caseMember.caseId, [...caseIds]), isNull(caseMember.removedAt)))
    .orderBy(caseMember.addedAt);
}

export function caseResource(row: Pick<CaseRow, 'tenantId' | 'id' | 'status' | 'directorUserId' | 'ownerOrganisationId'>, members: readonly { userId: string; organisationId: string }[], visibleSectionCount = 0): CaseResource {
  return {
    kind: 'case',
    tenantId: row.tenantId,
    id: row.id,
    status: row.status as CaseStatus,
    directorUserId: row.directorUserId,
    ownerOrganisationId: row.ownerOrganisationId,
    members: members.map(({ userId, organisationId }) => ({ userId, organisationId })),
    visibleSectionCount,
  };
}

/** Cases as a whole: the list, and opening a new one. */
export function casesResource(tenantId: string): CaseResource {
  return { kind: 'case', tenantId, id: null, status: null, directorUserId: null, ownerOrganisationId: null, members: [], visibleSectionCount: 0 };
}

export interface CaseEventInput {
  type: string;
  /** The section the entry reveals: a viewer who may not see it does not see the entry. */
  section: CaseSection | null;
  /** Ids, keys and counts only: never free text. */
  details?: Record<string, unknown>;
}

/** Appends one step to the case's chronology, in the caller's transaction. */
export async function appendCaseEvent(tx: Tx, row: Pick<CaseRow, 'tenantId' | 'id' | 'personId'>, actorUserId: string, event: CaseEventInput): Promise<void> {
  await tx.insert(caseEvent).values({ tenantId: row.tenantId, caseId: row.id, personId: row.personId, type: event.type, section: event.section, actorUserId, details: event.details ?? {} });
}

export async function touchCase(tx: Tx, row: Pick<CaseRow, 'tenantId' | 'id'>, changes: Partial<typeof sspfCase.$inferInsert> = {}): Promise<void> {
  await tx
    .update(sspfCase)
    .set({ ...changes, updatedAt: now() })
    .where(and(eq(sspfCase.tenantId, row.tenantId), eq(sspfCase.id, row.id)));
}
