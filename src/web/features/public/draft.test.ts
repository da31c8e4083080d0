import { webcrypto } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publicConcernInputSchema, publicPlaceReportInputSchema, submissionIdSchema } from '../../../shared/concerns-public';
import { clearDraft, loadDraft, newSubmissionId, saveDraft } from './draft';
import { concernBody, placeReportBody } from './submit';

const token = { token: 'token', notBefore: new Date().toISOString(), expiresAt: new Date().toISOString() };

/** This tab's sessionStorage, as the browser keeps it. */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('the submission id of the public form', () => {
  beforeEach(() => vi.stubGlobal('sessionStorage', tabStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('is made when the form opens and kept through reloads until the receipt is shown', () => {
    const opened = loadDraft('gavle');
    expect(submissionIdSchema.safeParse(opened.submissionId).success).toBe(true);
    saveDraft('gavle', { ...opened, description: 'Halvskriven' });
    // A reload, or Send again after a network error: the same id.
    expect(loadDraft('gavle').submissionId).toBe(opened.submissionId);
    // The receipt was shown: the next report is another submission.
    clearDraft('gavle');
    expect(loadDraft('gavle').submissionId).not.toBe(opened.submissionId);
  });

  it('is given to a draft saved without one, or with something else in its place', () => {
    sessionStorage.setItem('samverka.oro-draft.gavle', JSON.stringify({ description: 'Gammalt utkast' }));
    const old = loadDraft('gavle');
    expect(old.description).toBe('Gammalt utkast');
    expect(submissionIdSchema.safeParse(old.submissionId).success).toBe(true);
    sessionStorage.setItem('samverka.oro-draft.gavle', JSON.stringify({ submissionId: 'x' }));
    expect(submissionIdSchema.safeParse(loadDraft('gavle').submissionId).success).toBe(true);
  });

  it('travels in the body of both kinds of report, which the shared schemas accept', () => {
    const draft = { ...loadDraft('gavle'), role: 'foralder', categories: ['skolfranvaro'], description: 'Borta från skolan.' };
    const concern = concernBody(draft, 'gavle', token, '', 'sv');
    expect(concern.submissionId).toBe(draft.submissionId);
    expect(publicConcernInputSchema.safeParse(concern).success).toBe(true);
    const place = placeReportBody({ ...draft, place: 'Busstorget', occurredOn: '2026-11-20', eventType: 'skadegorelse' }, 'gavle', token, '', 'sv');
    expect(place.submissionId).toBe(draft.submissionId);
    expect(publicPlaceReportInputSchema.safeParse(place).success).toBe(true);
  });

  it('is a random UUID also where crypto.randomUUID is missing (plain HTTP)', () => {
    vi.stubGlobal('crypto', { getRandomValues: <T extends ArrayBufferView>(array: T) => webcrypto.getRandomValues(array as never) as T });
    const ids = Array.from({ length: 50 }, () => newSubmissionId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(submissionIdSchema.safeParse(id).success).toBe(true);
  });
});
