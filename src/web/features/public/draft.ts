/**
 * The half-filled form, kept in this tab's sessionStorage so an accidental reload loses nothing.
 * It is never sent to the server before the reporter presses Send, and it is removed after a
 * successful submission (and when the tab closes: sessionStorage dies with it).
 */
export type Track = 'person' | 'place';

export interface Draft {
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

const key = (tenant: string) => `samverka.oro-draft.${tenant}`;

export function loadDraft(tenant: string): Draft {
  try {
    const raw = sessionStorage.getItem(key(tenant));
    if (!raw) return EMPTY_DRAFT;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return {
      ...EMPTY_DRAFT,
      ...parsed,
      categories: Array.isArray(parsed.categories) ? parsed.categories.filter((c) => typeof c === 'string') : [],
    };
  } catch {
    return EMPTY_DRAFT;
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
