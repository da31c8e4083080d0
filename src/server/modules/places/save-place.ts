import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation, place, area } from '../../db/schema';
import { invalid } from '../../http/errors';
import { centreOf } from '../../../shared/geojson';
import type { PlaceInputParsed } from '../../../shared/places';
import { areaContaining } from './area-assignment';
import { findPlace, type PlaceRow } from './place-queries';

/** The columns a place input sets: the position (or the centre of its drawn area) and the area it lies in. */
async function columnsOf(tx: Tx, tenantId: string, input: PlaceInputParsed, userId: string) {
  if (input.responsibleOrganisationId) {
    const [found] = await tx
      .select({ id: organisation.id })
      .from(organisation)
      .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, input.responsibleOrganisationId)));
    // Another tenant's organisation and none at all are the same refusal.
    if (!found) throw invalid({ responsibleOrganisationId: 'invalid' });
  }
  if (input.areaId) {
    const [found] = await tx.select({ id: area.id }).from(area).where(and(eq(area.tenantId, tenantId), eq(area.id, input.areaId), eq(area.active, true)));
    if (!found) throw invalid({ areaId: 'invalid' });
  }
  const position = input.position ?? (input.geometry ? centreOf(input.geometry) : null);
  const areaId = input.areaId ?? (position ? await areaContaining(tx, tenantId, position.latitude, position.longitude) : null);
  return {
    name: input.name,
    type: input.type,
    latitude: position?.latitude ?? null,
    longitude: position?.longitude ?? null,
    geometry: input.geometry,
    address: input.address,
    digitalLocation: input.digitalLocation,
    areaId,
    responsibleOrganisationId: input.responsibleOrganisationId,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
    openingHours: input.openingHours,
    notes: input.notes,
    updatedBy: userId,
  };
}

export async function createPlace(tx: Tx, tenantId: string, input: PlaceInputParsed, userId: string): Promise<PlaceRow> {
  const values = await columnsOf(tx, tenantId, input, userId);
  const [row] = await tx.insert(place).values({ tenantId, ...values }).returning({ id: place.id });
  return (await findPlace(tx, tenantId, row!.id))!;
}

const AUDITED_FIELDS = [
  'name',
  'type',
  'latitude',
  'longitude',
  'geometry',
  'address',
  'digitalLocation',
  'areaId',
  'responsibleOrganisationId',
  'contactName',
  'contactPhone',
  'contactEmail',
  'openingHours',
  'notes',
] as const;

/** Replaces the place's fields; returns which fields changed (names only: the audit is no second copy). */
export async function updatePlace(tx: Tx, before: PlaceRow, input: PlaceInputParsed, userId: string): Promise<{ row: PlaceRow; changed: string[] }> {
  const values = await columnsOf(tx, before.tenantId, input, userId);
  await tx
    .update(place)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(place.tenantId, before.tenantId), eq(place.id, before.id)));
  const row = (await findPlace(tx, before.tenantId, before.id))!;
  const changed = AUDITED_FIELDS.filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(row[field] ?? null));
  return { row, changed };
}

/** Archiving keeps the place (presence entries and field reports point at it) but takes it off the register. */
export async function setPlaceActive(tx: Tx, before: PlaceRow, active: boolean, userId: string): Promise<PlaceRow> {
  await tx
    .update(place)
    .set({ active, updatedAt: new Date(), updatedBy: userId })
    .where(and(eq(place.tenantId, before.tenantId), eq(place.id, before.id)));
  return (await findPlace(tx, before.tenantId, before.id))!;
}
