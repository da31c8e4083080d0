import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, organisation, place, tenant } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { defaultFieldReportVisibility, type FieldReportOptions } from '../../../shared/field-reports';

/**
 * What the form offers: the tenant's active places and areas, and its other active organisations (who
 * else was there). No personal data: the phone keeps this to fill in a report without a connection.
 */
export async function fieldReportOptions(tx: Tx, actor: Actor, abilities: Record<string, boolean>): Promise<FieldReportOptions> {
  // One after another: a transaction is one connection, and node-postgres runs one query at a time on it.
  const places = await tx
    .select({ id: place.id, name: place.name, type: place.type })
    .from(place)
    .where(and(eq(place.tenantId, actor.tenantId), eq(place.active, true)))
    .orderBy(asc(place.name));
  const areas = await tx
    .select({ id: area.id, name: area.name })
    .from(area)
    .where(and(eq(area.tenantId, actor.tenantId), eq(area.active, true)))
    .orderBy(asc(area.name));
  const organisations = await tx
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.tenantId, actor.tenantId), eq(organisation.active, true)))
    .orderBy(asc(organisation.name));
  const [tenantRow] = await tx.select({ slug: tenant.slug }).from(tenant).where(eq(tenant.id, actor.tenantId));
  return {
    tenantId: actor.tenantId,
    tenantSlug: tenantRow?.slug ?? '',
    organisation: { id: actor.organisationId, name: actor.organisationName, type: actor.organisationType },
    defaultVisibility: defaultFieldReportVisibility(actor.organisationType),
    places,
    areas,
    organisations: organisations.filter((row) => row.id !== actor.organisationId),
    abilities,
  };
}
