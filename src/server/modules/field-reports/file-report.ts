import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { fieldReport } from '../../db/schema';
import { conflict } from '../../http/errors';
import type { Actor } from '../../policy/actor';
import type { FieldReportParsedInput } from '../../../shared/field-reports';
import { checkReferences } from './references';

export type FieldReportRow = typeof fieldReport.$inferSelect;

/**
 * Files a field report under the id the phone made for it. The same id sent again (a queued report
 * whose first answer never arrived) finds the report already there and returns it unchanged: the
 * first one sent wins, and `created` is false. The key is (tenant, id), so another tenant's report
 * with the same id is a different report. An id another user in the tenant already used is refused
 * as a conflict without saying more (a random UUID never collides by chance).
 */
export async function fileFieldReport(tx: Tx, actor: Actor, input: FieldReportParsedInput): Promise<{ row: FieldReportRow; created: boolean }> {
  const existing = await findOwn(tx, actor, input.id);
  if (existing) return { row: existing, created: false };
  await checkReferences(tx, actor.tenantId, actor.organisationId, input);
  const [row] = await tx
    .insert(fieldReport)
    .values({
      tenantId: actor.tenantId,
      id: input.id,
      organisationId: actor.organisationId,
      otherOrganisationIds: input.otherOrganisationIds,
      presenceEntryId: input.presenceEntryId,
      placeId: input.placeId,
      areaId: input.areaId,
      startedAt: new Date(input.startedAt),
      endedAt: new Date(input.endedAt),
      staffCount: input.staffCount,
      youthUnder13: input.youthUnder13,
      youth13To15: input.youth13To15,
      youth16To17: input.youth16To17,
      youth18Plus: input.youth18Plus,
      mood: input.mood,
      observations: input.observations === '' ? null : input.observations,
      forSituationPicture: input.forSituationPicture,
      visibility: input.visibility,
      reportedBy: actor.userId,
    })
    .onConflictDoNothing({ target: [fieldReport.tenantId, fieldReport.id] })
    .returning();
  if (row) return { row, created: true };
  // Two sends of the same report racing each other: the other one won. Anything else is someone else's id.
  const raced = await findOwn(tx, actor, input.id);
  if (raced) return { row: raced, created: false };
  throw conflict({ id: 'field_report_id_taken' });
}

async function findOwn(tx: Tx, actor: Actor, id: string): Promise<FieldReportRow | null> {
  const [row] = await tx
    .select()
    .from(fieldReport)
    .where(and(eq(fieldReport.tenantId, actor.tenantId), eq(fieldReport.id, id), eq(fieldReport.reportedBy, actor.userId)));
  return row ?? null;
}
