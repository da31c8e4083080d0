/**
 * GeoJSON for areas (RFC 7946), checked in plain TypeScript: no PostGIS, no geometry engine. The
 * server refuses bad geometry with a message per field (`geometry.coordinates.0: ring_not_closed`),
 * and the web client runs the same checks on a pasted or uploaded file before sending it.
 *
 * Only what an area needs is accepted: a Polygon or a MultiPolygon, bare, as a Feature, or as a
 * FeatureCollection of those. Positions are [longitude, latitude] in WGS 84.
 */

export type Position = [number, number];
export type LinearRing = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LinearRing[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** One refusal: where in the document (a path from its root) and the message id (server/http/messages.ts). */
export interface GeometryIssue {
  path: (string | number)[];
  message: GeometryMessage;
}

export type GeometryMessage =
  | 'geojson_not_object'
  | 'geojson_unsupported_type'
  | 'geojson_no_polygons'
  | 'geometry_coordinates_not_array'
  | 'geometry_position_invalid'
  | 'geometry_coordinate_out_of_range'
  | 'geometry_ring_too_few_points'
  | 'geometry_ring_not_closed'
  | 'geometry_ring_self_intersects'
  | 'geometry_too_many_points';

/** Enough for a detailed district boundary; the self-intersection test is quadratic in a ring's points. */
export const MAX_POINTS_PER_GEOMETRY = 5000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one geometry; returns every issue found (at most one per ring), paths relative to `base`. */
export function validateAreaGeometry(value: unknown, base: (string | number)[] = []): GeometryIssue[] {
  if (!isObject(value)) return [{ path: base, message: 'geojson_not_object' }];
  if (value.type !== 'Polygon' && value.type !== 'MultiPolygon') return [{ path: [...base, 'type'], message: 'geojson_unsupported_type' }];
  const coordinates = value.coordinates;
  const at = [...base, 'coordinates'];
  if (!Array.isArray(coordinates) || coordinates.length === 0) return [{ path: at, message: 'geometry_coordinates_not_array' }];
  const polygons: { rings: unknown[]; path: (string | number)[] }[] =
    value.type === 'Polygon' ? [{ rings: coordinates, path: at }] : coordinates.map((rings, index) => ({ rings: rings as unknown[], path: [...at, index] }));
  const issues: GeometryIssue[] = [];
  let points = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon.rings) || polygon.rings.length === 0) {
      issues.push({ path: polygon.path, message: 'geometry_coordinates_not_array' });
      continue;
    }
    polygon.rings.forEach((ring, index) => {
      points += Array.isArray(ring) ? ring.length : 0;
      const issue = validateRing(ring, [...polygon.path, index]);
      if (issue) issues.push(issue);
    });
  }
  if (points > MAX_POINTS_PER_GEOMETRY) return [{ path: at, message: 'geometry_too_many_points' }];
  return issues;
}

function validateRing(ring: unknown, path: (string | number)[]): GeometryIssue | null {
  if (!Array.isArray(ring)) return { path, message: 'geometry_coordinates_not_array' };
  for (let index = 0; index < ring.length; index += 1) {
    const position: unknown = ring[index];
    if (!Array.isArray(position) || position.length < 2 || position.length > 3 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return { path: [...path, index], message: 'geometry_position_invalid' };
    }
    const [longitude, latitude] = position as number[];
    if (longitude! < -180 || longitude! > 180 || latitude! < -90 || latitude! > 90) return { path: [...path, index], message: 'geometry_coordinate_out_of_range' };
  }
  const positions = ring as number[][];
  // A closed ring repeats its first position last: a triangle is four positions.
  if (positions.length < 4) return { path, message: 'geometry_ring_too_few_points' };
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return { path, message: 'geometry_ring_not_closed' };
  if (positions.length <= MAX_POINTS_PER_GEOMETRY && selfIntersects(positions)) return { path, message: 'geometry_ring_self_intersects' };
  return null;
}

/** Whether two edges of a closed ring that are not neighbours touch or cross (a bow tie, a figure eight). */
export function selfIntersects(ring: readonly (readonly number[])[]): boolean {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i += 1) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    for (let j = i + 1; j < edges; j += 1) {
      // Neighbouring edges share a vertex by construction; so do the first and the last.
      if (j === i + 1 || (i === 0 && j === edges - 1)) continue;
      if (segmentsIntersect(a, b, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

function orientation(p: readonly number[], q: readonly number[], r: readonly number[]): number {
  const value = (q[1]! - p[1]!) * (r[0]! - q[0]!) - (q[0]! - p[0]!) * (r[1]! - q[1]!);
  return value === 0 ? 0 : value > 0 ? 1 : 2;
}

function onSegment(p: readonly number[], q: readonly number[], r: readonly number[]): boolean {
  return q[0]! <= Math.max(p[0]!, r[0]!) && q[0]! >= Math.min(p[0]!, r[0]!) && q[1]! <= Math.max(p[1]!, r[1]!) && q[1]! >= Math.min(p[1]!, r[1]!);
}

function segmentsIntersect(p1: readonly number[], q1: readonly number[], p2: readonly number[], q2: readonly number[]): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, q2, q1)) return true;
  if (o3 === 0 && onSegment(p2, p1, q2)) return true;
  if (o4 === 0 && onSegment(p2, q1, q2)) return true;
  return false;
}

/** One area to create from an imported document: its geometry and, when the feature had one, its name. */
export interface ImportedArea {
  name: string | null;
  geometry: AreaGeometry;
  path: (string | number)[];
}

/**
 * Reads an imported document: a bare Polygon/MultiPolygon, a Feature, or a FeatureCollection of them.
 * Returns the areas, or every issue (nothing is imported when one feature is bad).
 */
export function readAreaImport(document: unknown, base: (string | number)[] = []): { areas: ImportedArea[]; issues: GeometryIssue[] } {
  if (!isObject(document)) return { areas: [], issues: [{ path: base, message: 'geojson_not_object' }] };
  const features: { feature: unknown; path: (string | number)[] }[] = [];
  if (document.type === 'FeatureCollection') {
    if (!Array.isArray(document.features) || document.features.length === 0) {
      return { areas: [], issues: [{ path: [...base, 'features'], message: 'geojson_no_polygons' }] };
    }
    document.features.forEach((feature, index) => features.push({ feature, path: [...base, 'features', index] }));
  } else if (document.type === 'Feature') {
    features.push({ feature: document, path: base });
  } else {
    const issues = validateAreaGeometry(document, base);
    return issues.length > 0 ? { areas: [], issues } : { areas: [{ name: null, geometry: normalise(document as unknown as AreaGeometry), path: base }], issues: [] };
  }
  const areas: ImportedArea[] = [];
  const issues: GeometryIssue[] = [];
  for (const { feature, path } of features) {
    if (!isObject(feature) || feature.type !== 'Feature') {
      issues.push({ path: [...path, 'type'], message: 'geojson_unsupported_type' });
      continue;
    }
    const found = validateAreaGeometry(feature.geometry, [...path, 'geometry']);
    if (found.length > 0) {
      issues.push(...found);
      continue;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    const name = [properties.name, properties.namn, properties.NAMN, properties.Name].find((value) => typeof value === 'string' && value.trim() !== '') as string | undefined;
    areas.push({ name: name?.trim().slice(0, 200) ?? null, geometry: normalise(feature.geometry as AreaGeometry), path });
  }
  return { areas, issues };
}

/** Keeps only type and coordinates (2D): foreign members and altitudes are not stored. */
export function normalise(geometry: AreaGeometry): AreaGeometry {
  const ring = (r: LinearRing): LinearRing => r.map((p) => [p[0], p[1]]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
}

export interface BoundingBox {
  minLatitude: number;
  minLongitude: number;
  maxLatitude: number;
  maxLongitude: number;
}

export function polygonsOf(geometry: AreaGeometry): LinearRing[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function boundingBox(geometry: AreaGeometry): BoundingBox {
  let minLatitude = 90;
  let minLongitude = 180;
  let maxLatitude = -90;
  let maxLongitude = -180;
  for (const polygon of polygonsOf(geometry)) {
    for (const [longitude, latitude] of polygon[0] ?? []) {
      minLatitude = Math.min(minLatitude, latitude);
      maxLatitude = Math.max(maxLatitude, latitude);
      minLongitude = Math.min(minLongitude, longitude);
      maxLongitude = Math.max(maxLongitude, longitude);
    }
  }
  return { minLatitude, minLongitude, maxLatitude, maxLongitude };
}

/** Ray casting: whether a point lies inside a ring (on the edge counts as inside or outside, whichever the arithmetic says). */
function inRing(longitude: number, latitude: number, ring: LinearRing): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > latitude !== yj > latitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point is inside a Polygon or MultiPolygon: inside an outer ring and in none of its holes. */
export function containsPoint(geometry: AreaGeometry, latitude: number, longitude: number): boolean {
  return polygonsOf(geometry).some(
    ([outer, ...holes]) => outer !== undefined && inRing(longitude, latitude, outer) && !holes.some((hole) => inRing(longitude, latitude, hole)),
  );
}

/** The mean of a geometry's outer-ring vertices (without the closing repeat): a marker position for a place drawn as an area. */
export function centreOf(geometry: AreaGeometry): { latitude: number; longitude: number } {
  let latitude = 0;
  let longitude = 0;
  let count = 0;
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0] ?? [];
    for (const [x, y] of outer.slice(0, -1)) {
      longitude += x;
      latitude += y;
      count += 1;
    }
  }
  return count === 0 ? { latitude: 0, longitude: 0 } : { latitude: latitude / count, longitude: longitude / count };
}
