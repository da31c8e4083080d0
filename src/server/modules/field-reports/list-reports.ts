import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, fieldReport, organisation, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import type { FieldReport } from '../../../shared/field-reports';
import { maySeeVisibility } from './policy';
import type { FieldReportRow } from './file-report';

/**
 * The tenant's field reports the actor may see, newest occasion first. Row-level security already
 * leaves out what the actor's organisation may not see; the policy's own rule is applied again, so the
 * answer does not depend on one wall alone.
 */
export async function listFieldReports(tx: Tx, actor: Actor, query: { placeId?: string; limit: number }): Promise<FieldReportRow[]> {
  const conditions = [eq(fieldReport.tenantId, actor.tenantId)];
  if (query.placeId) conditions.push(eq(fieldReport.placeId, query.placeId));
  const rows = await tx
    .select()
    .from(fieldReport)
    .where(and(...conditions))
    .orderBy(desc(fieldReport.startedAt), asc(fieldReport.id))
    .limit(query.limit);
  return rows.filter((row) => maySeeVisibility(actor, { organisationId: row.organisationId, visibility: row.visibility as FieldReport['visibility'] }));
}

/** Names of the organisations, places and areas the rows point at, in three small queries. */
export async function presentFieldReports(tx: Tx, actor: Actor, rows: FieldReportRow[]): Promise<FieldReport[]> {
  const organisationIds = [...new Set(rows.flatMap((row) => [row.organisationId, ...row.otherOrganisationIds]))];
  const placeIds = [...new Set(rows.flatMap((row) => (row.placeId ? [row.placeId] : [])))];
  const areaIds = [...new Set(rows.flatMap((row) => (row.areaId ? [row.areaId] : [])))];
  const toMap = (rows: Array<{ id: string; name: string }>) => new Map(rows.map((row) => [row.id, row.name] as const));
  const organisations = toMap(
    organisationIds.length === 0
      ? []
      : await tx.select({ id: organisation.id, name: organisation.name }).from(organisation).where(and(eq(organisation.tenantId, actor.tenantId), inArray(organisation.id, organisationIds))),
  );
  const places = toMap(
    placeIds.length === 0 ? [] : await tx.select({ id: place.id, name: place.name }).from(place).where(and(eq(place.tenantId, actor.tenantId), inArray(place.id, placeIds))),
  );
  const areas = toMap(areaIds.length === 0 ? [] : await tx.select({ id: area.id, name: area.name }).from(area).where(and(eq(area.tenantId, actor.tenantId), inArray(area.id, areaIds))));
  const named = (map: Map<string, string>, id: string | null) => (id ? { id, name: map.get(id) ?? '' } : null);
  return rows.map((row) => ({
    id: row.id,
    organisation: named(organisations, row.organisationId)!,
    otherOrganisations: row.otherOrganisationIds.map((id) => named(organisations, id)!),
    presenceEntryId: row.presenceEntryId,
    place: named(places, row.placeId),
    area: named(areas, row.areaId),
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt.toISOString(),
    staffCount: row.staffCount,
    youthUnder13: row.youthUnder13,
    youth13To15: row.youth13To15,
    youth16To17: row.youth16To17,
    youth18Plus: row.youth18Plus,
    mood: row.mood as FieldReport['mood'],
    observations: row.observations ?? '',
    forSituationPicture: row.forSituationPicture,
    visibility: row.visibility as FieldReport['visibility'],
    mine: row.reportedBy === actor.userId,
    receivedAt: row.receivedAt.toISOString(),
  }));
}
