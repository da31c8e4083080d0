import { cellToLatLng, latLngToCell } from 'h3-js';

/**
 * Hot-spots are counted in H3 cells kept as a plain text column on each event (no PostGIS: the
 * embedded database runs the same SQL). Resolution 9 cells are about 0.1 km² (edge ≈ 200 m): small
 * enough to name a square or a bus stop, large enough that a cell count is not a single doorway.
 */
export const EVENT_CELL_RESOLUTION = 9;

/** The H3 cell (resolution 9) of a WGS 84 point. */
export function cellOf(latitude: number, longitude: number): string {
  return latLngToCell(latitude, longitude, EVENT_CELL_RESOLUTION);
}

/** The centre of a cell, for drawing a hot-spot without sending any event's own point. */
export function cellCentre(cell: string): { latitude: number; longitude: number } {
  const [latitude, longitude] = cellToLatLng(cell);
  return { latitude, longitude };
}

/** The grid step of "ungefärligt läge", in metres. */
export const APPROXIMATE_STEP_METRES = 250;
const METRES_PER_DEGREE_LATITUDE = 111_320;

/**
 * "Ungefärligt läge": the point snapped to a grid of about 250 m, so a stored point says "near the
 * square", not "at that entrance". Latitude steps are fixed; longitude steps widen towards the poles
 * so the cell stays about 250 m wide (in Gävle a degree of longitude is only ≈ 54 km).
 */
export function approximatePoint(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const latitudeStep = APPROXIMATE_STEP_METRES / METRES_PER_DEGREE_LATITUDE;
  const snappedLatitude = Math.round(latitude / latitudeStep) * latitudeStep;
  const cosine = Math.max(Math.cos((snappedLatitude * Math.PI) / 180), 0.01);
  const longitudeStep = APPROXIMATE_STEP_METRES / (METRES_PER_DEGREE_LATITUDE * cosine);
  const snappedLongitude = Math.round(longitude / longitudeStep) * longitudeStep;
  return { latitude: round6(snappedLatitude), longitude: round6(snappedLongitude) };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
