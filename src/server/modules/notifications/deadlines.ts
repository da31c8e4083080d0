import { and, eq, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { inContext } from '../../db/context';
import { concern, deadlineNotice } from '../../db/schema';
import { ASSESSMENT_NEAR_HOURS, CONCERN_PATHS, DECISION_NEAR_DAYS } from '../../../shared/concerns';
import { notify } from './notify';
import { kickIfQueued } from './outbox-signal';
import { allTenantIds } from './tenants';

export type DeadlineKind = 'assessment' | 'decision';

export interface NearingDeadline {
  concernId: string;
  deadline: DeadlineKind;
  dueAt: Date;
  receivingOrganisationId: string;
  assignedUserId: string | null;
}

const ASSESSMENT_NEAR_MS = ASSESSMENT_NEAR_HOURS * 3_600_000;
const DECISION_NEAR_MS = DECISION_NEAR_DAYS * 86_400_000;

/**
 * Open concerns about a person whose protection assessment or decision is still to be made and
 * falls due within its "near" window (or has passed). The same window as the inbox's colours.
 */
export async function findConcernsWithNearingDeadlines(tx: Tx, tenantId: string, now: Date): Promise<NearingDeadline[]> {
  const assessmentHorizon = new Date(now.getTime() + ASSESSMENT_NEAR_MS);
  const decisionHorizon = new Date(now.getTime() + DECISION_NEAR_MS);
  const rows = await tx
    .select({
      id: concern.id,
      receivingOrganisationId: concern.receivingOrganisationId,
      assignedUserId: concern.assignedUserId,
      assessedAt: concern.assessedAt,
      assessmentDueAt: concern.assessmentDueAt,
      decisionDueAt: concern.decisionDueAt,
    })
    .from(concern)
    .where(
      and(
        eq(concern.tenantId, tenantId),
        eq(concern.kind, 'person'),
        ne(concern.status, 'avslutad'),
        isNull(concern.closedAt),
        isNull(concern.decidedAt),
        or(
          and(isNull(concern.assessedAt), isNotNull(concern.assessmentDueAt), lte(concern.assessmentDueAt, assessmentHorizon)),
          and(isNotNull(concern.decisionDueAt), lte(concern.decisionDueAt, decisionHorizon)),
        ),
      ),
    );
  const found: NearingDeadline[] = [];
  for (const row of rows) {
    const base = { concernId: row.id, receivingOrganisationId: row.receivingOrganisationId, assignedUserId: row.assignedUserId };
    if (!row.assessedAt && row.assessmentDueAt && row.assessmentDueAt <= assessmentHorizon) found.push({ ...base, deadline: 'assessment', dueAt: row.assessmentDueAt });
    if (row.decisionDueAt && row.decisionDueAt <= decisionHorizon) found.push({ ...base, deadline: 'decision', dueAt: row.decisionDueAt });
  }
  return found;
}

/**
 * Tells each concern's inbox (and its case officer, if assigned) once per deadline that it is near.
 * The notice row and the notifications commit together, so a deadline is announced exactly once
 * even with several server processes running the job.
 */
export async function notifyNearingDeadlines(database: Database, now: Date = new Date(), tenantIds?: readonly string[]): Promise<number> {
  let announced = 0;
  for (const tenantId of await allTenantIds(database.db, tenantIds)) {
    announced += await inContext(database.db, { tenantId, userId: null }, async (tx) => {
      let count = 0;
      for (const nearing of await findConcernsWithNearingDeadlines(tx, tenantId, now)) {
        const inserted = await tx
          .insert(deadlineNotice)
          .values({ tenantId, concernId: nearing.concernId, deadline: nearing.deadline, notifiedAt: now })
          .onConflictDoNothing()
          .returning({ concernId: deadlineNotice.concernId });
        if (inserted.length === 0) continue;
        await notify(tx, {
          tenantId,
          kind: 'concern.deadline_near',
          link: CONCERN_PATHS.concern(nearing.concernId),
          organisationId: nearing.receivingOrganisationId,
          userIds: nearing.assignedUserId ? [nearing.assignedUserId] : undefined,
        });
        count += 1;
      }
      return count;
    });
  }
  kickIfQueued();
  return announced;
}
