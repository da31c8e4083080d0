import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import { boundingBox, type AreaGeometry } from '../../../shared/geojson';
import type { Area, AreaKind } from '../../../shared/places';
import { assignPlacesToArea } from './area-assignment';
import type { AreaResource } from './policy';

export function areaResource(tenantId: string, id: string | null): AreaResource {
  return { kind: 'area', tenantId, id };
}

export type AreaRow = typeof area.$inferSelect & { placeCount: number };

// Written out: inside a subquery drizzle may leave columns unqualified, and "id" would then be the place's.
const placeCount = sql<number>`(select count(*)::int from place p where p.tenant_id = "area"."tenant_id" and p.area_id = "area"."id" and p.active)`;

/** Areas with how many active places each holds, in one query. */
function selectAreas(tx: Tx) {
  return tx
    .select({
      tenantId: area.tenantId,
      id: area.id,
      name: area.name,
      kind: area.kind,
      geometry: area.geometry,
      minLatitude: area.minLatitude,
      minLongitude: area.minLongitude,
      maxLatitude: area.maxLatitude,
      maxLongitude: area.maxLongitude,
      active: area.active,
      createdAt: area.createdAt,
      updatedAt: area.updatedAt,
      updatedBy: area.updatedBy,
      placeCount,
    })
    .from(area);
}

export async function findArea(tx: Tx, tenantId: string, id: string): Promise<AreaRow | null> {
  const [row] = await selectAreas(tx)
    .where(and(eq(area.tenantId, tenantId), eq(area.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listAreas(tx: Tx, tenantId: string): Promise<AreaRow[]> {
  return selectAreas(tx)
    .where(and(eq(area.tenantId, tenantId), eq(area.active, true)))
    .orderBy(asc(sql`lower(${area.name})`), asc(area.id));
}

export function presentArea(actor: Actor, row: AreaRow): Area {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as AreaKind,
    geometry: row.geometry as AreaGeometry,
    bbox: { minLatitude: row.minLatitude, minLongitude: row.minLongitude, maxLatitude: row.maxLatitude, maxLongitude: row.maxLongitude },
    placeCount: row.placeCount,
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(actor, areaResource(row.tenantId, row.id)),
  };
}

export interface AreaValues {
  name: string;
  kind: AreaKind;
  geometry: AreaGeometry;
}

/** Creates an area and gives it the places inside it that have no area yet. */
export async function createArea(tx: Tx, tenantId: string, values: AreaValues, userId: string): Promise<{ row: AreaRow; placesAssigned: number }> {
  const box = boundingBox(values.geometry);
  const [inserted] = await tx
    .insert(area)
    .values({ tenantId, name: values.name, kind: values.kind, geometry: values.geometry, ...box, updatedBy: userId })
    .returning({ id: area.id });
  const placesAssigned = await assignPlacesToArea(tx, tenantId, { id: inserted!.id, geometry: values.geometry, ...box });
  return { row: (await findArea(tx, tenantId, inserted!.id))!, placesAssigned };
}

/**
 * Renames or redraws an area. A redrawn area takes the places without an area that now lie inside
 * it; places already in it keep it (an explicit choice is not undone by a redrawing).
 */
export async function updateArea(tx: Tx, before: AreaRow, values: AreaValues, userId: string): Promise<{ row: AreaRow; changed: string[]; placesAssigned: number }> {
  const box = boundingBox(values.geometry);
  await tx
    .update(area)
    .set({ name: values.name, kind: values.kind, geometry: values.geometry, ...box, updatedAt: new Date(), updatedBy: userId })
    .where(and(eq(area.tenantId, before.tenantId), eq(area.id, before.id)));
  const redrawn = JSON.stringify(before.geometry) !== JSON.stringify(values.geometry);
  let placesAssigned = 0;
  if (redrawn) {
    placesAssigned = await assignPlacesToArea(tx, before.tenantId, { id: before.id, geometry: values.geometry, ...box });
  }
  const changed = [before.name !== values.name && 'name', before.kind !== values.kind && 'kind', redrawn && 'geometry'].filter((v): v is string => typeof v === 'string');
  return { row: (await findArea(tx, before.tenantId, before.id))!, changed, placesAssigned };
}

/** An archived area keeps its row (presence entries may point at it); its places no longer belong to it. */
export async function archiveArea(tx: Tx, before: AreaRow, userId: string): Promise<AreaRow> {
  await tx.update(place).set({ areaId: null }).where(and(eq(place.tenantId, before.tenantId), eq(place.areaId, before.id)));
  await tx
    .update(area)
    .set({ active: false, updatedAt: new Date(), updatedBy: userId })
    .where(and(eq(area.tenantId, before.tenantId), eq(area.id, before.id)));
  return (await findArea(tx, before.tenantId, before.id))!;
}
