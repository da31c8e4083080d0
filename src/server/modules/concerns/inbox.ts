import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concern } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import { hasRole } from '../../policy/rules';
import { CONCERN_STATUSES } from '../../../shared/concerns';
import type { InboxQuery, InboxRow } from '../../../shared/concerns-triage';
import type { ConcernCrypto } from './concern-crypto';
import { concernResource, type ConcernRow } from './concern-record';
import { presentInboxRow, userNames } from './present-concern';

export interface InboxPage {
  rows: InboxRow[];
  total: number;
  /** The registered persons behind the rows shown (each read is audited with its person). */
  linked: { concernId: string; personId: string }[];
}

/**
 * The SQL side of the `read` rule in policy.ts; keep the two in step (the tests cover both). The
 * list is narrowed in SQL so that counts and pages hold only what the actor may see, and `can()`
 * then decides row by row, so the policy stays the one authority.
 */
function visibleTo(actor: Actor): SQL {
  const own = eq(concern.receivingOrganisationId, actor.organisationId);
  if (hasRole(actor, 'mottagning')) return and(own, eq(concern.kind, 'person'))!;
  if (hasRole(actor, 'handlaggare')) return and(own, eq(concern.kind, 'person'), eq(concern.assignedUserId, actor.userId))!;
  if (hasRole(actor, 'est_rapportor', 'koordinator')) return and(own, eq(concern.kind, 'place'))!;
  return sql`false`;
}

/** An open deadline has passed: the assessment (same day) or the decision (14 days). */
const overdueSql = sql`(${concern.status} <> 'avslutad' and ${concern.kind} = 'person' and (
  (${concern.assessedAt} is null and ${concern.assessmentDueAt} < now()) or
  (${concern.decidedAt} is null and ${concern.decisionDueAt} < now())))`;

/** The next open deadline, for sorting; none for closed concerns and place reports. */
const nextDeadlineSql = sql`case when ${concern.status} = 'avslutad' or ${concern.kind} <> 'person' then null
  when ${concern.assessedAt} is null then ${concern.assessmentDueAt} else ${concern.decisionDueAt} end`;

function ordering(sort: InboxQuery['sort']): SQL[] {
  switch (sort) {
    case 'received_asc':
      return [asc(concern.receivedAt), asc(concern.id)];
    case 'deadline':
      return [sql`${nextDeadlineSql} asc nulls last`, desc(concern.receivedAt), asc(concern.id)];
    case 'status':
      return [
        sql`array_position(array[${sql.join(CONCERN_STATUSES.map((s) => sql`${s}`), sql`, `)}]::text[], ${concern.status})`,
        desc(concern.receivedAt),
        asc(concern.id),
      ];
    default:
      return [desc(concern.receivedAt), asc(concern.id)];
  }
}

export async function readInbox(tx: Tx, actor: Actor, crypto: ConcernCrypto, query: InboxQuery, now = new Date()): Promise<InboxPage> {
  const filters: (SQL | undefined)[] = [eq(concern.tenantId, actor.tenantId), visibleTo(actor)];
  filters.push(query.status ? inArray(concern.status, query.status) : ne(concern.status, 'avslutad'));
  if (query.kind) filters.push(eq(concern.kind, query.kind));
  if (query.assigned === 'none') filters.push(isNull(concern.assignedUserId));
  else if (query.assigned) filters.push(eq(concern.assignedUserId, query.assigned === 'me' ? actor.userId : query.assigned));
  if (query.overdue !== undefined) filters.push(query.overdue ? overdueSql : sql`not ${overdueSql}`);

  const found = await tx
    .select({ row: concern, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(concern)
    .where(and(...filters))
    .orderBy(...ordering(query.sort))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const rows: ConcernRow[] = found.map((f) => f.row).filter((row) => can(actor, 'read', concernResource(row)));
  const names = await userNames(tx, rows.map((row) => row.assignedUserId));
  return {
    rows: rows.map((row) => presentInboxRow(actor, crypto, row, names, now)),
    total: found[0]?.total ?? 0,
    linked: rows.filter((row) => row.personId !== null).map((row) => ({ concernId: row.id, personId: row.personId! })),
  };
}
