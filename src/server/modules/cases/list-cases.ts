import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client';
import { caseMember, sspfCase } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import type { CaseSummary, caseListQuerySchema } from '../../../shared/cases';
import type { CaseCrypto } from './case-crypto';
import { viewCase } from './case-view';

/**
 * The actor's cases: those they direct or sit on the team of, narrowed to the ones where they see at
 * least one section (a mentor whose consent was withdrawn no longer finds the case here).
 */
export async function listCases(tx: Tx, actor: Actor, crypto: CaseCrypto, query: z.infer<typeof caseListQuerySchema>): Promise<CaseSummary[]> {
  const memberOf = tx
    .select({ caseId: caseMember.caseId })
    .from(caseMember)
    .where(and(eq(caseMember.tenantId, actor.tenantId), eq(caseMember.userId, actor.userId), eq(caseMember.organisationId, actor.organisationId), isNull(caseMember.removedAt)));
  const directed = and(eq(sspfCase.directorUserId, actor.userId), eq(sspfCase.ownerOrganisationId, actor.organisationId));
  const rows = await tx
    .select()
    .from(sspfCase)
    .where(
      and(
        eq(sspfCase.tenantId, actor.tenantId),
        query.mine ? directed : or(directed, inArray(sspfCase.id, memberOf)),
        query.status ? eq(sspfCase.status, query.status) : undefined,
        query.personId ? eq(sspfCase.personId, query.personId) : undefined,
      ),
    )
    .orderBy(desc(sspfCase.updatedAt));
  const summaries: CaseSummary[] = [];
  for (const row of rows) {
    const view = await viewCase(tx, actor, crypto, row);
    if (!can(actor, 'read', view.resource)) continue;
    const { detail } = view;
    summaries.push({
      id: detail.id,
      personId: detail.personId,
      personName: detail.personName,
      personAge: detail.personAge,
      status: detail.status,
      directorUserId: detail.directorUserId,
      directorName: detail.directorName,
      openedAt: detail.openedAt,
      updatedAt: detail.updatedAt,
      overdueActions: detail.overdueActions,
      nextMeetingOn: detail.nextMeetingOn,
    });
  }
  return summaries;
}
