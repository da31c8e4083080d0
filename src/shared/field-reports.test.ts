import { describe, expect, it } from 'vitest';
import { containsIdentityNumber, defaultFieldReportVisibility, fieldReportInputSchema, nameLikeWords } from './field-reports';
import { newDraft, toInput } from '../web/features/field-reports/form-model';

describe('containsIdentityNumber', () => {
  it('finds a personnummer or samordningsnummer with or without separator and century', () => {
    for (const text of ['080512-1234', 'född 0805121234 tror jag', '20080512-1234', '200805121234', '080572-1234', '080512+1234', 'x 080512 1234 y']) {
      expect(containsIdentityNumber(text), text).toBe(true);
    }
  });
  it('lets times, counts, dates and short numbers through', () => {
    for (const text of ['Kl. 21.30 kom 15 st', '2026-05-22 lugnt', '12 unga, 3 vuxna', 'buss 1234', '081312-1234', '080500-1234']) {
      expect(containsIdentityNumber(text), text).toBe(false);
    }
  });
  it('is what the API schema refuses', () => {
    const base = newDraft('all');
    const { input } = toInput({ ...base, placeId: '00000000-0000-4000-8000-000000000000', mood: 'lugnt' });
    expect(fieldReportInputSchema.safeParse(input).success).toBe(true);
    const refused = fieldReportInputSchema.safeParse({ ...input, observations: 'Hen heter 080512-1234' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['observations'], message: 'identity_number_in_text' });
  });
});

describe('nameLikeWords', () => {
  it('flags capitalised words that do not start a sentence and are not known places or organisations', () => {
    expect(nameLikeWords('Vi träffade Kalle och Lisa vid Stortorget. Sedan gick vi.', ['Stortorget'])).toEqual(['Kalle', 'Lisa']);
    expect(nameLikeWords('Lugnt. Många vid fritidsgården.')).toEqual([]);
  });
});

describe('the form model', () => {
  it('refuses in the form what the server would refuse, so a queued report is not refused later', () => {
    const draft = { ...newDraft('all'), youth13To15: 'tolv', observations: '080512-1234' };
    const { errors } = toInput(draft);
    expect(errors).toMatchObject({ placeId: 'form.placeRequired', youth13To15: 'form.countInvalid', mood: 'form.moodRequired', observations: 'form.identityNumber' });
  });
  it('puts the end of a shift past midnight on the next day', () => {
    const { input } = toInput({ ...newDraft('all'), placeId: '00000000-0000-4000-8000-000000000000', mood: 'oroligt', date: '2026-05-22', start: '20:00', end: '00:30' });
    expect(Date.parse(input!.endedAt) - Date.parse(input!.startedAt)).toBe(4.5 * 3600_000);
  });
  it('defaults visibility to authorities only for the police', () => {
    expect(defaultFieldReportVisibility('polis')).toBe('authorities');
    expect(defaultFieldReportVisibility('fritid')).toBe('all');
    expect(defaultFieldReportVisibility('forening')).toBe('all');
  });
});
