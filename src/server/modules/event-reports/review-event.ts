import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, eventReport, place } from '../../db/schema';
import { AppError, invalid } from '../../http/errors';
import type { Actor } from '../../policy/actor';
import { cellOf } from '../../../shared/event-cells';
import type { EventReviewInput } from '../../../shared/event-reports';
import { activeCategoryCodes } from './categories';
import { factsOf } from './insert-events';
import { now } from '../../clock';
import { runEventsChanged } from './events-hooks';
import type { EventReportRow } from './list-events';


/**
 * Staff confirm a citizen's report (it then counts in the lägesbild), possibly under another category
 * and at a place or area they now know, or reject it (it stays, uncounted, for the record). A report
 * is reviewed once; the caller audits the decision with the before and after category.
 */
export async function reviewEvent(tx: Tx, actor: Actor, row: EventReportRow, input: EventReviewInput): Promise<EventReportRow> {
  if (row.status !== 'unverified') throw new AppError(409, 'conflict', { decision: 'event_already_reviewed' });
  const fields: Record<string, string> = {};
  const changes: Partial<typeof eventReport.$inferInsert> = {};
  if (input.decision === 'confirm') {
    if (input.category && input.category !== row.category) {
      if (!(await activeCategoryCodes(tx, actor.tenantId)).has(input.category)) fields.category = 'unknown_category';
      changes.category = input.category;
    }
    if (input.placeId) {
      const [found] = await tx
        .select({ areaId: place.areaId, latitude: place.latitude, longitude: place.longitude })
        .from(place)
        .where(and(eq(place.tenantId, actor.tenantId), eq(place.id, input.placeId)));
      if (!found) fields.placeId = 'unknown_reference';
      else {
        changes.placeId = input.placeId;
        changes.areaId = input.areaId ?? found.areaId;
        if (found.latitude !== null && found.longitude !== null) changes.cell = cellOf(found.latitude, found.longitude);
      }
    }
    if (input.areaId) {
      const [found] = await tx.select({ id: area.id }).from(area).where(and(eq(area.tenantId, actor.tenantId), eq(area.id, input.areaId)));
      if (!found) fields.areaId = 'unknown_reference';
      else changes.areaId = input.areaId;
    }
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  const [updated] = await tx
    .update(eventReport)
    .set({ ...changes, status: input.decision === 'confirm' ? 'verified' : 'rejected', reviewedBy: actor.userId, reviewedAt: now() })
    .where(and(eq(eventReport.tenantId, actor.tenantId), eq(eventReport.id, row.id), eq(eventReport.status, 'unverified')))
    .returning();
  // Two reviewers at once: the other one was first.
  if (!updated) throw new AppError(409, 'conflict', { decision: 'event_already_reviewed' });
  await runEventsChanged(tx, actor.tenantId, [factsOf(row)], [factsOf(updated)]);
  return updated;
}
