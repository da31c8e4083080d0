import { and, desc, eq, inArray, lt, gte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client';
import { caseAction, caseMeeting, organisation, person, sspfCase, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import type { OrganisationType } from '../../../shared/organisations';
import type { InformationCategory } from '../../../shared/sharing';
import { ACTION_TYPE_CATEGORY, decodeCaseListCursor, encodeCaseListCursor, type ActionType, type CaseStatus, type CaseSummary, type caseListQuerySchema } from '../../../shared/cases';
import { ageOn, consentViewOf, todayInSweden } from '../consents/consent-state';
import { loadConsentsOfPersons } from '../consents/load-consents';
import { activeMembers, caseResource } from './case-record';
import { isDirector } from './policy';
import { caseVisibility, type Party } from './visibility';

const OPEN_ACTION_STATUSES = ['planerad', 'pagar'];

/**
 * The actor's cases, as summaries: those they direct or sit on the team of, narrowed to the ones where
 * they see at least one section (a mentor whose consent was withdrawn no longer finds the case here).
 *
 * One page at a time (issue 12 §3), newest change first (updated_at desc, id desc), from the keyset
 * cursor of the page before. The page is cut in SQL before any per-case work, so the work and the
 * audit events the route appends grow with the page, not with the caseload. The visibility filter
 * runs after the cut and may leave a page short (even empty); `nextCursor` comes from the rows SQL
 * returned, so the next page starts after the last row reached, seen or not, and nothing is skipped.
 *
 * Its own queries, a fixed number whatever the number of cases (issue 12 §3): the cases with their
 * person and director, then for all of them at once the teams, the owners, the consents, the overdue
 * actions and the next meetings. Each case is judged as the case page judges it (cases/visibility.ts,
 * then `can(read)`), without loading the whole case: the summary needs only which sections are shown,
 * and factors decide only the mapping sections, which never make a case readable on their own (without
 * the summary the viewer is excluded, and the director always sees it).
 */
export async function listCases(
  tx: Tx,
  actor: Actor,
  query: z.infer<typeof caseListQuerySchema>,
  on = todayInSweden(),
): Promise<{ cases: CaseSummary[]; nextCursor: string | null }> {
  const { tenantId } = actor;
  const directed = sql`select c.id from sspf_case c where c.tenant_id = ${tenantId} and c.director_user_id = ${actor.userId} and c.owner_organisation_id = ${actor.organisationId}`;
  const onTeam = sql`select m.case_id from case_member m where m.tenant_id = ${tenantId} and m.user_id = ${actor.userId} and m.organisation_id = ${actor.organisationId} and m.removed_at is null`;
  const reached: SQL = query.mine ? sql`${sspfCase.id} in (${directed})` : sql`${sspfCase.id} in (${directed} union ${onTeam})`;
  // The schema has already refused a cursor that does not decode (400 on `cursor`).
  const after = query.cursor ? decodeCaseListCursor(query.cursor) : null;
  const fetched = await tx
    .select({
      tenantId: sspfCase.tenantId,
      id: sspfCase.id,
      personId: sspfCase.personId,
      status: sspfCase.status,
      directorUserId: sspfCase.directorUserId,
      ownerOrganisationId: sspfCase.ownerOrganisationId,
      protectedDecisionAllow: sspfCase.protectedDecisionAllow,
      openedAt: sspfCase.openedAt,
      updatedAt: sspfCase.updatedAt,
      // To the microsecond, as stored: a JavaScript Date keeps only milliseconds, and a cursor cut to
      // the millisecond would skip a case changed later in the same millisecond.
      position: sql<string>`to_char(${sspfCase.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      protectedIdentity: person.protectedIdentity,
      directorName: user.name,
    })
    .from(sspfCase)
    .leftJoin(person, and(eq(person.tenantId, sspfCase.tenantId), eq(person.id, sspfCase.personId)))
    .leftJoin(user, eq(user.id, sspfCase.directorUserId))
    .where(
      and(
        eq(sspfCase.tenantId, tenantId),
        reached,
        query.status ? eq(sspfCase.status, query.status) : undefined,
        query.personId ? eq(sspfCase.personId, query.personId) : undefined,
        after ? sql`(${sspfCase.updatedAt}, ${sspfCase.id}) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(sspfCase.updatedAt), desc(sspfCase.id))
    .limit(query.limit + 1);
  const rows = fetched.slice(0, query.limit);
  const last = rows.at(-1);
  const nextCursor = fetched.length > query.limit && last ? encodeCaseListCursor({ updatedAt: last.position, id: last.id }) : null;
  if (rows.length === 0) return { cases: [], nextCursor };

  const caseIds = rows.map((row) => row.id);
  const members = await activeMembers(tx, tenantId, caseIds);
  const owners = await tx
    .select({ id: organisation.id, type: organisation.type, isAuthority: organisation.isAuthority })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, [...new Set(rows.map((row) => row.ownerOrganisationId))])));
  const consents = await loadConsentsOfPersons(
    tx,
    tenantId,
    rows.filter((row) => row.birthDate !== null).map((row) => ({ id: row.personId, birthDate: row.birthDate! })),
  );
  // Only what the summary counts: open actions past their date, and the next meeting not yet held.
  const overdue = await tx
    .select({ caseId: caseAction.caseId, type: caseAction.type, responsibleUserId: caseAction.responsibleUserId })
    .from(caseAction)
    .where(and(eq(caseAction.tenantId, tenantId), inArray(caseAction.caseId, caseIds), inArray(caseAction.status, OPEN_ACTION_STATUSES), lt(caseAction.dueOn, on)));
  const meetings = await tx
    .select({ caseId: caseMeeting.caseId, heldOn: sql<string>`min(${caseMeeting.heldOn})::text` })
    .from(caseMeeting)
    .where(and(eq(caseMeeting.tenantId, tenantId), inArray(caseMeeting.caseId, caseIds), eq(caseMeeting.held, false), gte(caseMeeting.heldOn, on)))
    .groupBy(caseMeeting.caseId);

  const ownerById = new Map(owners.map((o) => [o.id, { type: o.type as OrganisationType, isAuthority: o.isAuthority }]));
  const membersByCase = groupBy(members, (m) => m.caseId);
  const overdueByCase = groupBy(overdue, (a) => a.caseId);
  const nextMeetingByCase = new Map(meetings.map((m) => [m.caseId, m.heldOn]));
  const viewerParty: Party = { type: actor.organisationType, isAuthority: actor.organisationIsAuthority };
  // Crime information never reaches an organisation that is not a public authority (GDPR art. 10), as in case-view.ts.
  const actionAllowed = (type: string) => actor.organisationIsAuthority || ACTION_TYPE_CATEGORY[type as ActionType] !== 'polis';

  const summaries: CaseSummary[] = [];
  for (const row of rows) {
    const personAge = row.birthDate ? ageOn(row.birthDate, on) : 0;
    const consentView = consentViewOf(consents.get(row.personId) ?? null, on);
    const visibility = caseVisibility(
      { userId: actor.userId, organisationId: actor.organisationId, organisation: viewerParty, isDirector: isDirector(actor, row) },
      {
        owner: ownerById.get(row.ownerOrganisationId) ?? { type: 'annan', isAuthority: false },
        personAge,
        protectedIdentity: (row.protectedIdentity ?? 'none') !== 'none',
        sharingDecided: row.protectedDecisionAllow === true,
        on,
      },
      (category: InformationCategory) => consentView.stateFor({ organisationId: actor.organisationId, userId: actor.userId }, category),
      [],
    );
    const resource = caseResource(row, membersByCase.get(row.id) ?? [], visibility.visibleCount);
    if (!can(actor, 'read', resource)) continue;
    const late = overdueByCase.get(row.id) ?? [];
    const overdueActions = visibility.visible('plan')
      ? late.filter((a) => actionAllowed(a.type)).length
      : visibility.visible('actions_own')
        ? late.filter((a) => a.responsibleUserId === actor.userId && actionAllowed(a.type)).length
        : 0;
    summaries.push({
      id: row.id,
      personId: row.personId,
      personName: row.firstName !== null ? `${row.firstName} ${row.lastName}` : '',
      personAge,
      status: row.status as CaseStatus,
      directorUserId: row.directorUserId,
      directorName: row.directorName ?? '',
      openedAt: row.openedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      overdueActions,
      nextMeetingOn: visibility.visible('meetings') ? (nextMeetingByCase.get(row.id) ?? null) : null,
    });
  }
  return { cases: summaries, nextCursor };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
