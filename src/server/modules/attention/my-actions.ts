import { and, asc, eq, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { ACTION_TYPE_CATEGORY, ACTION_TYPES, type ActionStatus, type ActionType } from '../../../shared/cases';
import { ATTENTION_LIMIT, type ActionItem } from '../../../shared/attention';
import { isOverdue } from '../cases/case-view';
import type { CaseAccess } from './case-access';
import type { CardList } from './card-list';

/** Action types whose description is crime information: never shown to an organisation that is not a public authority. */
const CRIME_ACTION_TYPES = ACTION_TYPES.filter((type) => ACTION_TYPE_CATEGORY[type] === 'polis');

/**
 * My overdue and upcoming actions: planned or ongoing actions in the open cases I reach that I am
 * responsible for, or my organisation is (where I see the whole plan), and, for the director, every
 * overdue action of the case. Where I see only my own actions (associations, businesses, mentors),
 * only the ones assigned to me. The most urgent first: by due day.
 */
export async function myActions(tx: Tx, actor: Actor, cases: readonly CaseAccess[], today: string): Promise<CardList<ActionItem>> {
  const planCases = cases.filter((c) => c.plan).map((c) => c.caseId);
  const ownOnlyCases = cases.filter((c) => !c.plan && c.actionsOwn).map((c) => c.caseId);
  const directed = cases.filter((c) => c.director && c.plan).map((c) => c.caseId);
  const mine = eq(caseAction.responsibleUserId, actor.userId);
  const reachable: SQL[] = [];
  if (planCases.length > 0) {
    const ours = or(mine, eq(caseAction.responsibleOrganisationId, actor.organisationId))!;
    const overdueDirected = directed.length > 0 ? and(inArray(caseAction.caseId, directed), lt(caseAction.dueOn, today)) : undefined;
    reachable.push(and(inArray(caseAction.caseId, planCases), or(ours, overdueDirected))!);
  }
  if (ownOnlyCases.length > 0) reachable.push(and(inArray(caseAction.caseId, ownOnlyCases), mine)!);
  if (reachable.length === 0) return { total: 0, items: [] };

  const rows = await tx
    .select({
      id: caseAction.id,
      caseId: caseAction.caseId,
      type: caseAction.type,
      status: caseAction.status,
      dueOn: caseAction.dueOn,
      responsibleUserId: caseAction.responsibleUserId,
      total: sql<number>`count(*) over()`.mapWith(Number),
    })
    .from(caseAction)
    .where(
      and(
        eq(caseAction.tenantId, actor.tenantId),
        inArray(caseAction.status, ['planerad', 'pagar']),
        or(...reachable),
        // Crime information never reaches an organisation that is not a public authority (GDPR art. 10).
        actor.organisationIsAuthority ? undefined : notInArray(caseAction.type, CRIME_ACTION_TYPES),
      ),
    )
    .orderBy(asc(caseAction.dueOn), asc(caseAction.id))
    .limit(ATTENTION_LIMIT);
  const byCase = new Map(cases.map((c) => [c.caseId, c]));
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      personName: byCase.get(row.caseId)?.personName ?? '',
      type: row.type as ActionType,
      status: row.status as ActionStatus,
      dueOn: row.dueOn,
      overdue: isOverdue(row.dueOn, row.status, today),
      mine: row.responsibleUserId === actor.userId,
      href: `/samverkan/${row.caseId}`,
    })),
    persons: rows.map((row) => ({ resourceType: 'case', resourceId: row.caseId, personId: byCase.get(row.caseId)!.personId })),
  };
}
