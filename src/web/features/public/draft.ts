/**
 * The half-filled form, kept in this tab's sessionStorage so an accidental reload loses nothing.
 * It is never sent to the server before the reporter presses Send, and it is removed after a
 * successful submission (and when the tab closes: sessionStorage dies with it).
 *
 * It carries the report's submission id, made when the form is opened and kept until a receipt is
 * shown: a Send repeated after a network error (or a reload) sends the same id, and the server
 * answers with the first receipt instead of storing the report twice.
 */
export type Track = 'person' | 'place';

export interface Draft {
  submissionId: string;
  track: Track | null;
  step: number;
  role: string;
  associationId: string;
  associationName: string;
  organisationType: string;
  organisationName: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  subjectName: string;
  subjectAge: string;
  subjectSchool: string;
  subjectWhereSeen: string;
  categories: string[];
  description: string;
  place: string;
  occurredOn: string;
  occurredTime: string;
  guardiansKnow: string;
  eventType: string;
}

export const EMPTY_DRAFT: Draft = {
  submissionId: '',
  track: null,
  step: 0,
  role: '',
  associationId: '',
  associationName: '',
  organisationType: '',
  organisationName: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  subjectName: '',
  subjectAge: '',
  subjectSchool: '',
  subjectWhereSeen: '',
  categories: [],
  description: '',
  place: '',
  occurredOn: '',
  occurredTime: '',
  guardiansKnow: '',
  eventType: '',
};

/** An empty form with a submission id of its own. */
export function newDraft(): Draft {
  return { ...EMPTY_DRAFT, submissionId: newSubmissionId() };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * A random (version 4) UUID. crypto.randomUUID exists only on HTTPS and localhost; on a plain-HTTP
 * test server the same is made from crypto.getRandomValues, which exists everywhere.
 */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const key = (tenant: string) => `samverka.oro-draft.${tenant}`;

export function loadDraft(tenant: string): Draft {
  try {
    const raw = sessionStorage.getItem(key(tenant));
    if (!raw) return newDraft();
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return {
      ...EMPTY_DRAFT,
      ...parsed,
      // A draft saved before submission ids (or tampered with) gets one now.
      submissionId: typeof parsed.submissionId === 'string' && UUID.test(parsed.submissionId) ? parsed.submissionId : newSubmissionId(),
      categories: Array.isArray(parsed.categories) ? parsed.categories.filter((c) => typeof c === 'string') : [],
    };
  } catch {
    return newDraft();
  }
}

export function saveDraft(tenant: string, draft: Draft): void {
  try {
    sessionStorage.setItem(key(tenant), JSON.stringify(draft));
  } catch {
    // Without storage the form still works; it just does not survive a reload.
  }
}

export function clearDraft(tenant: string): void {
  try {
    sessionStorage.removeItem(key(tenant));
  } catch {
    // nothing stored
  }
}
