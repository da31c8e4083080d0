import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, place } from '../../db/schema';
import { containsPoint, type AreaGeometry } from '../../../shared/geojson';

/**
 * Which area a point lies in: the bounding boxes kept beside each area narrow it down in SQL, and
 * the point-in-polygon test runs on those few in TypeScript (no PostGIS). Where areas overlap, the
 * smallest box wins: a school catchment inside a district is the more specific answer.
 */
export async function areaContaining(tx: Tx, tenantId: string, latitude: number, longitude: number): Promise<string | null> {
  const candidates = await tx
    .select({ id: area.id, geometry: area.geometry })
    .from(area)
    .where(
      and(
        eq(area.tenantId, tenantId),
        eq(area.active, true),
        lte(area.minLatitude, latitude),
        gte(area.maxLatitude, latitude),
        lte(area.minLongitude, longitude),
        gte(area.maxLongitude, longitude),
      ),
    )
    .orderBy(sql`(${area.maxLatitude} - ${area.minLatitude}) * (${area.maxLongitude} - ${area.minLongitude})`, area.id);
  return candidates.find((candidate) => containsPoint(candidate.geometry as AreaGeometry, latitude, longitude))?.id ?? null;
}

/**
 * A new or redrawn area takes the places inside it that have no area yet. Places already in an area
 * (explicitly or found earlier) keep it. Returns how many places were assigned.
 */
export async function assignPlacesToArea(
  tx: Tx,
  tenantId: string,
  areaRow: { id: string; geometry: AreaGeometry; minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number },
): Promise<number> {
  const candidates = await tx
    .select({ id: place.id, latitude: place.latitude, longitude: place.longitude })
    .from(place)
    .where(
      and(
        eq(place.tenantId, tenantId),
        isNull(place.areaId),
        gte(place.latitude, areaRow.minLatitude),
        lte(place.latitude, areaRow.maxLatitude),
        gte(place.longitude, areaRow.minLongitude),
        lte(place.longitude, areaRow.maxLongitude),
      ),
    );
  const inside = candidates.filter((row) => containsPoint(areaRow.geometry, row.latitude!, row.longitude!)).map((row) => row.id);
  if (inside.length === 0) return 0;
  await tx
    .update(place)
    .set({ areaId: areaRow.id })
    .where(and(eq(place.tenantId, tenantId), inArray(place.id, inside)));
  return inside.length;
}
