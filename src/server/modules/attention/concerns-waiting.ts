import { and, desc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concern } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import { hasRole } from '../../policy/rules';
import type { ConcernStatus } from '../../../shared/concerns';
import { ATTENTION_LIMIT, type ConcernItem } from '../../../shared/attention';
import { concernResource, referenceOf, type ConcernRow } from '../concerns/concern-record';
import { deadlinesOf } from '../concerns/present-concern';
import type { CardList } from './card-list';

/**
 * Open concerns about a person in my organisation's inbox that wait for me: for the intake unit those
 * nobody has taken yet and those assigned to me, for a case officer those assigned to me (the inbox's
 * own rule, concerns/inbox.ts, narrowed to what is mine to do). The nearest deadline first.
 */
function waitingFor(actor: Actor): SQL {
  const own = and(eq(concern.receivingOrganisationId, actor.organisationId), eq(concern.kind, 'person'), ne(concern.status, 'avslutad'));
  if (hasRole(actor, 'mottagning')) return and(own, or(isNull(concern.assignedUserId), eq(concern.assignedUserId, actor.userId)))!;
  if (hasRole(actor, 'handlaggare')) return and(own, eq(concern.assignedUserId, actor.userId))!;
  return sql`false`;
}

/** The deadline still open: the protection assessment until it is recorded, then the decision. */
const nextDeadlineSql = sql`case when ${concern.assessedAt} is null then ${concern.assessmentDueAt} else ${concern.decisionDueAt} end`;

export async function concernsWaiting(tx: Tx, actor: Actor, now: Date): Promise<CardList<ConcernItem>> {
  const found = await tx
    .select({ row: concern, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(concern)
    .where(and(eq(concern.tenantId, actor.tenantId), waitingFor(actor)))
    .orderBy(sql`${nextDeadlineSql} asc nulls last`, desc(concern.receivedAt), concern.id)
    .limit(ATTENTION_LIMIT);
  // The SQL narrows; the policy decides row by row, so it stays the one authority.
  const rows: ConcernRow[] = found.map((f) => f.row).filter((row) => can(actor, 'read', concernResource(row)));
  return {
    total: found[0]?.total ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      reference: referenceOf(row),
      status: row.status as ConcernStatus,
      receivedAt: row.receivedAt.toISOString(),
      assignedToMe: row.assignedUserId === actor.userId,
      nextDeadline: nextDeadline(row, now),
      href: `/mottagning/${row.id}`,
    })),
    persons: rows.filter((row) => row.personId !== null).map((row) => ({ resourceType: 'concern', resourceId: row.id, personId: row.personId! })),
  };
}

function nextDeadline(row: ConcernRow, now: Date): ConcernItem['nextDeadline'] {
  const { deadlines } = deadlinesOf(row, now);
  if (!deadlines) return null;
  if (!deadlines.protectionAssessment.doneAt) return { kind: 'protectionAssessment', dueAt: deadlines.protectionAssessment.dueAt, state: deadlines.protectionAssessment.state };
  if (!deadlines.decision.doneAt) return { kind: 'decision', dueAt: deadlines.decision.dueAt, state: deadlines.decision.state };
  return null;
}
