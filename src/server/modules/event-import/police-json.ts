import type { ImportCandidate, RawIssue } from './candidate';
import { checkDescription } from './csv-rows';
import { policeTypeMapping } from './police-types';

/**
 * Reads the police's public event feed (the shape of https://polisen.se/api/events):
 * `[{ id, datetime: "2026-12-04 21:14:00 +01:00", name, summary, url, type, location: { name, gps: "lat,lng" } }]`.
 *
 * Where: the feed's `location` is the municipality, and `gps` is the municipality's centre, not the
 * event's place. Stored as a point, every event in town would make one false hot-spot there. So the
 * place or area is the one of the tenant's register named in `location.name` or in the summary (a
 * later step, resolve.ts, with `locationText`); `gps` is checked for shape and not stored.
 */
export function policeCandidates(content: string, now: Date): { candidates: ImportCandidate[]; fileErrors: RawIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return { candidates: [], fileErrors: [{ row: 0, field: '', code: 'json_invalid' }] };
  }
  if (!Array.isArray(data)) return { candidates: [], fileErrors: [{ row: 0, field: '', code: 'json_not_array' }] };
  return { candidates: data.map((entry: unknown, index) => candidateOf(entry, index + 1, now)), fileErrors: [] };
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})$/;
const GPS = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

function parseDatetime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATETIME.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', zone] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const instant = new Date(`${year}-${month}-${day}T${hour!.padStart(2, '0')}:${minute}:${second}${offset}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function candidateOf(entry: unknown, row: number, now: Date): ImportCandidate {
  const errors: RawIssue[] = [];
  const skipReasons: RawIssue[] = [];
  const base: ImportCandidate = {
    row,
    externalId: null,
    occurredFrom: null,
    occurredTo: null,
    category: null,
    placeName: null,
    address: null,
    areaName: null,
    latitude: null,
    longitude: null,
    approximate: false,
    peopleCount: null,
    severity: 1,
    description: '',
    locationText: null,
    fields: { category: 'type', place: 'location.name', externalId: 'id', description: 'summary' },
    errors,
    skipReasons,
  };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    errors.push({ row, field: '', code: 'police_not_object' });
    return base;
  }
  const event = entry as Record<string, unknown>;
  const id = typeof event.id === 'number' ? event.id : typeof event.id === 'string' && /^\d+$/.test(event.id) ? Number(event.id) : NaN;
  if (!Number.isSafeInteger(id) || id < 0) errors.push({ row, field: 'id', code: 'police_id_invalid' });
  else base.externalId = String(id);

  const at = parseDatetime(event.datetime);
  if (!at) errors.push({ row, field: 'datetime', code: 'police_datetime_invalid' });
  else if (at.getTime() > now.getTime() + 3600_000) errors.push({ row, field: 'datetime', code: 'in_future' });
  else [base.occurredFrom, base.occurredTo] = [at, at];

  const type = typeof event.type === 'string' ? event.type.trim() : '';
  if (type === '') errors.push({ row, field: 'type', code: 'required' });
  else {
    const mapping = policeTypeMapping(type);
    const shown = type.slice(0, 80);
    if (mapping === undefined) errors.push({ row, field: 'type', code: 'police_type_unknown', params: { value: shown } });
    else if (mapping === 'skip') skipReasons.push({ row, field: 'type', code: 'police_type_skipped', params: { value: shown } });
    else [base.category, base.severity] = [mapping.category, mapping.severity];
  }

  const location = event.location as Record<string, unknown> | undefined;
  const locationName = typeof location?.name === 'string' ? location.name : '';
  if (typeof location !== 'object' || location === null || typeof location.gps !== 'string' || !GPS.test(location.gps)) {
    errors.push({ row, field: 'location.gps', code: 'police_gps_invalid' });
  }
  const summary = typeof event.summary === 'string' ? event.summary : '';
  base.locationText = `${locationName} ${summary}`;
  const url = typeof event.url === 'string' && event.url.startsWith('/') ? `\n\nKälla: https://polisen.se${event.url}` : '';
  base.description = checkDescription(`${summary}${url}`, row, 'summary', errors);
  return base;
}
