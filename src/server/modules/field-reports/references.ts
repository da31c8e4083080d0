import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, organisation, place, presenceEntry } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { FieldReportParsedInput } from '../../../shared/field-reports';

/**
 * A report may only point at the tenant's own places, areas, organisations and presence entries.
 * The foreign keys would refuse another tenant's place with a 500; this refuses it with a 400 naming
 * the field, and reads presence entries under RLS, so an entry the author may not see is "unknown" too.
 */
export async function checkReferences(tx: Tx, tenantId: string, actorOrganisationId: string, input: FieldReportParsedInput): Promise<void> {
  const fields: Record<string, string> = {};
  if (input.placeId) {
    const [row] = await tx.select({ id: place.id }).from(place).where(and(eq(place.tenantId, tenantId), eq(place.id, input.placeId)));
    if (!row) fields.placeId = 'unknown_reference';
  }
  if (input.areaId) {
    const [row] = await tx.select({ id: area.id }).from(area).where(and(eq(area.tenantId, tenantId), eq(area.id, input.areaId)));
    if (!row) fields.areaId = 'unknown_reference';
  }
  if (input.presenceEntryId) {
    const [row] = await tx
      .select({ id: presenceEntry.id })
      .from(presenceEntry)
      .where(and(eq(presenceEntry.tenantId, tenantId), eq(presenceEntry.id, input.presenceEntryId)));
    if (!row) fields.presenceEntryId = 'unknown_reference';
  }
  const others = input.otherOrganisationIds;
  if (others.includes(actorOrganisationId)) fields.otherOrganisationIds = 'duplicate_values';
  else if (others.length > 0) {
    const rows = await tx
      .select({ id: organisation.id })
      .from(organisation)
      .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, others)));
    if (rows.length !== others.length) fields.otherOrganisationIds = 'unknown_reference';
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
}
