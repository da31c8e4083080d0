import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, organisation, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import type { OpeningHours, Place, PlaceListQuery, PlaceType } from '../../../shared/places';
import type { AreaGeometry } from '../../../shared/geojson';
import type { PlaceResource } from './policy';

export function placeResource(tenantId: string, id: string | null): PlaceResource {
  return { kind: 'place', tenantId, id };
}

/** A place with the names it is shown with: its area's and its responsible organisation's. */
export type PlaceRow = typeof place.$inferSelect & { areaName: string | null; responsibleOrganisationName: string | null };

const columns = {
  tenantId: place.tenantId,
  id: place.id,
  name: place.name,
  type: place.type,
  latitude: place.latitude,
  longitude: place.longitude,
  geometry: place.geometry,
  address: place.address,
  digitalLocation: place.digitalLocation,
  areaId: place.areaId,
  responsibleOrganisationId: place.responsibleOrganisationId,
  contactName: place.contactName,
  contactPhone: place.contactPhone,
  contactEmail: place.contactEmail,
  openingHours: place.openingHours,
  notes: place.notes,
  active: place.active,
  createdAt: place.createdAt,
  updatedAt: place.updatedAt,
  updatedBy: place.updatedBy,
  areaName: area.name,
  responsibleOrganisationName: organisation.name,
};

/** Places with their names joined in: ONE query however many places the tenant has (no N+1). */
function selectPlaces(tx: Tx, where: SQL | undefined) {
  return tx
    .select(columns)
    .from(place)
    .leftJoin(area, and(eq(area.tenantId, place.tenantId), eq(area.id, place.areaId)))
    .leftJoin(organisation, and(eq(organisation.tenantId, place.tenantId), eq(organisation.id, place.responsibleOrganisationId)))
    .where(where);
}

/** Every query names its tenant as well: row-level security is the second wall, not the only one. */
export async function findPlace(tx: Tx, tenantId: string, id: string): Promise<PlaceRow | null> {
  const [row] = await selectPlaces(tx, and(eq(place.tenantId, tenantId), eq(place.id, id))).limit(1);
  return row ?? null;
}

export async function listPlaces(tx: Tx, tenantId: string, query: PlaceListQuery): Promise<PlaceRow[]> {
  const conditions = [eq(place.tenantId, tenantId), eq(place.active, query.archived !== 'true')];
  if (query.type) conditions.push(eq(place.type, query.type));
  if (query.areaId) conditions.push(eq(place.areaId, query.areaId));
  return selectPlaces(tx, and(...conditions)).orderBy(asc(sql`lower(${place.name})`), asc(place.id));
}

export function presentPlace(actor: Actor, row: PlaceRow): Place {
  return {
    id: row.id,
    name: row.name,
    type: row.type as PlaceType,
    position: row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : null,
    geometry: (row.geometry as AreaGeometry | null) ?? null,
    address: row.address,
    digitalLocation: row.digitalLocation,
    areaId: row.areaId,
    areaName: row.areaName,
    responsibleOrganisationId: row.responsibleOrganisationId,
    responsibleOrganisationName: row.responsibleOrganisationName,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    openingHours: row.openingHours as OpeningHours,
    notes: row.notes,
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(actor, placeResource(row.tenantId, row.id)),
  };
}
