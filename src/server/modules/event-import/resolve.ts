import { createHash } from 'node:crypto';
import type { ImportCandidate, RawIssue } from './candidate';
import { normalizeName } from './normalize';

/** What the tenant has that a row may name: its active categories, places and areas. */
export interface ImportCatalogue {
  categories: { code: string; nameSv: string; nameEn: string }[];
  places: { id: string; name: string; address: string | null }[];
  areas: { id: string; name: string }[];
}

export interface ResolvedRow {
  row: number;
  status: 'ok' | 'error' | 'skipped';
  /** Unique per tenant and source: `polisen:<id>`, `csv:<organisation>:<id>`, or `csv:<organisation>:h:<hash of the content>`. */
  externalRef: string | null;
  /** The event's id, made from the tenant and the external ref: the same row imported again is the same event. */
  id: string | null;
  category: string | null;
  placeId: string | null;
  placeName: string | null;
  areaId: string | null;
  areaName: string | null;
  candidate: ImportCandidate;
  errors: RawIssue[];
  notes: RawIssue[];
}

function index<T>(items: T[], ...keys: ((item: T) => string | null)[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys) {
      const value = key(item);
      if (!value) continue;
      const name = normalizeName(value);
      const list = map.get(name) ?? [];
      if (!list.includes(item)) list.push(item);
      map.set(name, list);
    }
  }
  return map;
}

/** A uuid (version 8, "custom") from a hash: stable for the same tenant and external ref. */
export function eventIdOf(tenantId: string, externalRef: string): string {
  const hex = createHash('sha256').update(`${tenantId}\n${externalRef}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Names of the catalogue found as whole words in a text (the police's location and summary). */
function namedIn<T extends { name: string }>(text: string, items: T[]): T[] {
  const haystack = ` ${normalizeName(text)} `;
  return items.filter((item) => {
    const name = normalizeName(item.name);
    return name.length >= 3 && haystack.includes(` ${name} `);
  });
}

/**
 * Checks each row against the tenant's register: the category by code or name, the place by name or
 * address, the area by name (CSV); for the police's feed, a place or area named in its text. Gives
 * each good row its external ref and id, and marks a second row of the same event in the file.
 */
export function resolveCandidates(
  candidates: ImportCandidate[],
  catalogue: ImportCatalogue,
  context: { tenantId: string; organisationId: string; source: 'csv' | 'police_json' },
): ResolvedRow[] {
  const categories = index(catalogue.categories, (c) => c.code, (c) => c.nameSv, (c) => c.nameEn);
  const placesByName = index(catalogue.places, (p) => p.name);
  const placesByAddress = index(catalogue.places, (p) => p.address);
  const areas = index(catalogue.areas, (a) => a.name);
  const known = catalogue.categories.map((c) => c.nameSv).join(', ');
  const seen = new Map<string, number>();

  return candidates.map((candidate) => {
    const { row } = candidate;
    const errors = [...candidate.errors];
    const notes = [...candidate.skipReasons];
    const result: ResolvedRow = { row, status: 'ok', externalRef: null, id: null, category: null, placeId: null, placeName: null, areaId: null, areaName: null, candidate, errors, notes };

    if (candidate.category !== null) {
      const match = categories.get(normalizeName(candidate.category))?.[0];
      if (match) result.category = match.code;
      else errors.push({ row, field: candidate.fields.category, code: 'category_unknown', params: { value: candidate.category.slice(0, 60), known } });
    }

    if (context.source === 'police_json') {
      if (notes.length === 0 && errors.length === 0) {
        const places = namedIn(candidate.locationText ?? '', catalogue.places);
        const named = namedIn(candidate.locationText ?? '', catalogue.areas);
        if (places.length === 1) [result.placeId, result.placeName] = [places[0]!.id, places[0]!.name];
        else if (named.length === 1) [result.areaId, result.areaName] = [named[0]!.id, named[0]!.name];
        else notes.push({ row, field: 'location.name', code: 'police_location_unknown' });
      }
    } else {
      const hasPoint = candidate.latitude !== null;
      if (candidate.placeName !== null) {
        const matches = placesByName.get(normalizeName(candidate.placeName)) ?? [];
        if (matches.length === 1) [result.placeId, result.placeName] = [matches[0]!.id, matches[0]!.name];
        else if (!hasPoint) errors.push({ row, field: candidate.fields.place, code: matches.length > 1 ? 'place_ambiguous' : 'place_unknown', params: { value: candidate.placeName.slice(0, 80) } });
      } else if (candidate.address !== null) {
        const matches = placesByAddress.get(normalizeName(candidate.address)) ?? [];
        if (matches.length === 1) [result.placeId, result.placeName] = [matches[0]!.id, matches[0]!.name];
        else if (!hasPoint) errors.push({ row, field: 'adress', code: 'address_unknown' });
      }
      if (candidate.areaName !== null) {
        const match = areas.get(normalizeName(candidate.areaName))?.[0];
        if (match) [result.areaId, result.areaName] = [match.id, match.name];
        else errors.push({ row, field: 'område', code: 'area_unknown', params: { value: candidate.areaName.slice(0, 80) } });
      }
      if (result.placeId === null && result.areaId === null && !hasPoint && candidate.placeName === null && candidate.address === null && candidate.areaName === null) {
        errors.push({ row, field: candidate.fields.place, code: 'location_required' });
      }
    }

    if (errors.length > 0) result.status = 'error';
    else if (notes.length > 0) result.status = 'skipped';
    else {
      result.externalRef = externalRefOf(candidate, result, context);
      const first = seen.get(result.externalRef);
      if (first !== undefined) {
        errors.push({ row, field: candidate.fields.externalId, code: 'duplicate_in_file', params: { other: first } });
        result.status = 'error';
      } else {
        seen.set(result.externalRef, row);
        result.id = eventIdOf(context.tenantId, result.externalRef);
      }
    }
    return result;
  });
}

function externalRefOf(candidate: ImportCandidate, result: ResolvedRow, context: { organisationId: string; source: string }): string {
  if (context.source === 'police_json') return `polisen:${candidate.externalId}`;
  if (candidate.externalId !== null) return `csv:${context.organisationId}:${candidate.externalId}`;
  const content = [
    candidate.occurredFrom?.toISOString(),
    candidate.occurredTo?.toISOString(),
    result.category,
    result.placeId,
    result.areaId,
    candidate.latitude,
    candidate.longitude,
    candidate.peopleCount,
    candidate.severity,
    candidate.description,
  ].join('\n');
  return `csv:${context.organisationId}:h:${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}
