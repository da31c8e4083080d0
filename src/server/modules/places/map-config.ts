import type { Config } from '../../config';
import type { MapConfig } from '../../../shared/places';

/**
 * The map's tile source. Without SAMVERKA_MAP_TILES the map draws places and areas on a plain
 * background and the browser loads nothing from another host; with it, the CSP's img-src allows
 * exactly that template's origin (`tileOrigin`, used in app.ts) and nothing else.
 */
export function mapConfigOf(config: Pick<Config, 'SAMVERKA_MAP_TILES' | 'SAMVERKA_MAP_ATTRIBUTION'>): MapConfig {
  return { tiles: config.SAMVERKA_MAP_TILES ?? null, attribution: config.SAMVERKA_MAP_TILES ? (config.SAMVERKA_MAP_ATTRIBUTION ?? null) : null };
}

/** `https://tiles.example:8443/{z}/{x}/{y}.png` → `https://tiles.example:8443`. */
export function tileOrigin(template: string): string {
  return new URL(template.replaceAll('{', '').replaceAll('}', '')).origin;
}

/** A raster URL template with one fixed host: http(s), {z}, {x} and {y}, no {s} subdomains (the CSP names one host). */
export function isTileTemplate(value: string): boolean {
  if (!/^https?:\/\/[^/{}]+\//.test(value)) return false;
  if (!['{z}', '{x}', '{y}'].every((part) => value.includes(part))) return false;
  try {
    tileOrigin(value);
    return true;
  } catch {
    return false;
  }
}
