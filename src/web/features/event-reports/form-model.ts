import { containsIdentityNumber } from '../../../shared/field-reports';
import { EVENT_DESCRIPTION_MAX, EVENT_WINDOW_MAX_MS, type EventReportInput, type PeopleCount } from '../../../shared/event-reports';
import { newReportId } from '../field-reports/form-model';

/** Where it happened: a registered place, a point on the map, or an area. */
export type PlaceMode = 'place' | 'point' | 'area';

/** The form while it is filled in: strings, as the inputs give them. */
export interface EventDraft {
  id: string;
  category: string;
  placeMode: PlaceMode;
  placeId: string;
  areaId: string;
  latitude: string;
  longitude: string;
  approximate: boolean;
  date: string;
  start: string;
  end: string;
  peopleCount: PeopleCount | '';
  severity: '1' | '2' | '3';
  description: string;
}

export type EventDraftField = keyof EventDraft;
/** Field -> message key in the events namespace, or (from the server) the message itself. */
export type EventDraftErrors = Partial<Record<EventDraftField, { key: string } | { text: string }>>;

const pad = (n: number) => String(n).padStart(2, '0');

/** A new report of something that just happened: today, the last hour rounded to the half hour. */
export function newEventDraft(now = new Date()): EventDraft {
  const end = new Date(now);
  end.setMinutes(end.getMinutes() < 30 ? 0 : 30, 0, 0);
  const start = new Date(end.getTime() - 3600_000);
  return {
    id: newReportId(),
    category: '',
    placeMode: 'place',
    placeId: '',
    areaId: '',
    latitude: '',
    longitude: '',
    approximate: false,
    date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    start: `${pad(start.getHours())}:${pad(start.getMinutes())}`,
    end: `${pad(end.getHours())}:${pad(end.getMinutes())}`,
    peopleCount: '',
    severity: '1',
    description: '',
  };
}

function localInstant(date: string, time: string, addDays = 0): string | null {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  if (!y || !m || !d || hh === undefined || mm === undefined || Number.isNaN(hh) || Number.isNaN(mm)) return null;
  const value = new Date(y, m - 1, d + addDays, hh, mm);
  return Number.isNaN(value.getTime()) ? null : value.toISOString();
}

const number = (text: string) => Number(text.trim().replace(',', '.'));

/**
 * Checks the draft as the server will (a report queued offline must not be refused later) and builds
 * the request. An end before the start runs past midnight: the end is the next day.
 */
export function toEventInput(draft: EventDraft): { input: EventReportInput; errors: null } | { input: null; errors: EventDraftErrors } {
  const errors: EventDraftErrors = {};
  const need = (key: string) => ({ key });
  if (!draft.category) errors.category = need('form.categoryRequired');
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (draft.placeMode === 'place' && !draft.placeId) errors.placeId = need('form.placeRequired');
  if (draft.placeMode === 'area' && !draft.areaId) errors.areaId = need('form.areaRequired');
  if (draft.placeMode === 'point') {
    latitude = number(draft.latitude);
    longitude = number(draft.longitude);
    if (!draft.latitude.trim() || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) errors.latitude = need('form.latitudeInvalid');
    if (!draft.longitude.trim() || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) errors.longitude = need('form.longitudeInvalid');
  }
  if (!draft.date) errors.date = need('form.required');
  if (!draft.start) errors.start = need('form.required');
  if (!draft.end) errors.end = need('form.required');
  if (containsIdentityNumber(draft.description)) errors.description = need('form.identityNumber');
  if (draft.description.length > EVENT_DESCRIPTION_MAX) errors.description = need('form.descriptionTooLong');
  const from = draft.date && draft.start ? localInstant(draft.date, draft.start) : null;
  let to = draft.date && draft.end ? localInstant(draft.date, draft.end) : null;
  if (from && to && to < from) to = localInstant(draft.date, draft.end, 1);
  if (from && to && Date.parse(to) - Date.parse(from) > EVENT_WINDOW_MAX_MS) errors.end = need('form.windowTooLong');
  if (Object.keys(errors).length > 0 || !from || !to) return { input: null, errors };
  return {
    input: {
      id: draft.id,
      category: draft.category,
      placeId: draft.placeMode === 'place' ? draft.placeId : null,
      areaId: draft.placeMode === 'area' ? draft.areaId : null,
      latitude: draft.placeMode === 'point' ? latitude : null,
      longitude: draft.placeMode === 'point' ? longitude : null,
      approximate: draft.placeMode === 'point' && draft.approximate,
      occurredFrom: from,
      occurredTo: to,
      peopleCount: draft.peopleCount || null,
      severity: Number(draft.severity),
      description: draft.description.trim(),
    },
    errors: null,
  };
}

/** The server's field messages (`description`, `placeId`, `occurredTo`, …) on the form's fields. */
export function serverErrors(fields: Record<string, string>): EventDraftErrors {
  const map: Record<string, EventDraftField> = {
    category: 'category',
    placeId: 'placeId',
    areaId: 'areaId',
    latitude: 'latitude',
    longitude: 'longitude',
    occurredFrom: 'start',
    occurredTo: 'end',
    peopleCount: 'peopleCount',
    severity: 'severity',
    description: 'description',
  };
  const errors: EventDraftErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = map[path.split('.').pop() ?? path];
    if (field) errors[field] = { text: message };
  }
  return errors;
}
