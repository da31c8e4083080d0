import { containsIdentityNumber, type FieldReportInput, type FieldReportMood, type FieldReportVisibility } from '../../../shared/field-reports';

/** What the form holds while it is filled in: strings, as the inputs give them. */
export interface FieldReportDraft {
  id: string;
  placeId: string;
  areaId: string;
  date: string;
  start: string;
  end: string;
  staffCount: string;
  otherOrganisationIds: string[];
  youthUnder13: string;
  youth13To15: string;
  youth16To17: string;
  youth18Plus: string;
  mood: FieldReportMood | '';
  observations: string;
  forSituationPicture: boolean;
  visibility: FieldReportVisibility;
}

export type DraftField = keyof FieldReportDraft;
/** Field -> message key in the fieldReports namespace. */
export type DraftErrors = Partial<Record<DraftField, string>>;

/** A random (version 4) UUID: crypto.randomUUID on HTTPS and localhost, getRandomValues elsewhere. */
export function newReportId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A new draft for a shift that just ended: today, the last two hours rounded to the half hour. */
export function newDraft(visibility: FieldReportVisibility, now = new Date()): FieldReportDraft {
  const end = new Date(now);
  end.setMinutes(end.getMinutes() < 30 ? 0 : 30, 0, 0);
  const start = new Date(end.getTime() - 2 * 3600_000);
  return {
    id: newReportId(),
    placeId: '',
    areaId: '',
    date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    start: `${pad(start.getHours())}:${pad(start.getMinutes())}`,
    end: `${pad(end.getHours())}:${pad(end.getMinutes())}`,
    staffCount: '2',
    otherOrganisationIds: [],
    youthUnder13: '0',
    youth13To15: '0',
    youth16To17: '0',
    youth18Plus: '0',
    mood: '',
    observations: '',
    forSituationPicture: false,
    visibility,
  };
}

/** Local date and time (the phone's zone) as an ISO instant with its offset. */
function localInstant(date: string, time: string, addDays = 0): string | null {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  if (!y || !m || !d || hh === undefined || mm === undefined || Number.isNaN(hh) || Number.isNaN(mm)) return null;
  const value = new Date(y, m - 1, d + addDays, hh, mm);
  return Number.isNaN(value.getTime()) ? null : value.toISOString();
}

const COUNT_FIELDS = ['youthUnder13', 'youth13To15', 'youth16To17', 'youth18Plus', 'staffCount'] as const;

/**
 * Checks the draft as the server will (so a report queued offline is not refused later) and builds
 * the request. A shift that ends before it starts runs past midnight: the end is the next day.
 */
export function toInput(draft: FieldReportDraft): { input: FieldReportInput; errors: null } | { input: null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!draft.placeId && !draft.areaId) errors.placeId = 'form.placeRequired';
  if (!draft.date) errors.date = 'form.required';
  if (!draft.start) errors.start = 'form.required';
  if (!draft.end) errors.end = 'form.required';
  for (const field of COUNT_FIELDS) {
    const value = draft[field].trim();
    if (!/^\d{1,3}$/.test(value) || (field === 'staffCount' && Number(value) < 1)) errors[field] = 'form.countInvalid';
  }
  if (!draft.mood) errors.mood = 'form.moodRequired';
  if (containsIdentityNumber(draft.observations)) errors.observations = 'form.identityNumber';
  const startedAt = draft.date && draft.start ? localInstant(draft.date, draft.start) : null;
  let endedAt = draft.date && draft.end ? localInstant(draft.date, draft.end) : null;
  if (startedAt && endedAt && endedAt <= startedAt) endedAt = localInstant(draft.date, draft.end, 1);
  if (draft.start && draft.end && draft.start === draft.end) errors.end = 'form.endBeforeStart';
  if (Object.keys(errors).length > 0 || !startedAt || !endedAt || !draft.mood) return { input: null, errors };
  return {
    input: {
      id: draft.id,
      placeId: draft.placeId || null,
      areaId: draft.areaId || null,
      otherOrganisationIds: draft.otherOrganisationIds,
      startedAt,
      endedAt,
      staffCount: Number(draft.staffCount),
      youthUnder13: Number(draft.youthUnder13),
      youth13To15: Number(draft.youth13To15),
      youth16To17: Number(draft.youth16To17),
      youth18Plus: Number(draft.youth18Plus),
      mood: draft.mood,
      observations: draft.observations.trim(),
      forSituationPicture: draft.forSituationPicture,
      visibility: draft.visibility,
    },
    errors: null,
  };
}
