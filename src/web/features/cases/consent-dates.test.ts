import { describe, expect, it } from 'vitest';
import { consentScopeSchema, CONSENT_DOCUMENT_MAX_BYTES } from '../../../shared/consents';
import { documentProblem } from './consent-api';
import { FOLLOW_UP_DAYS, daysAfter, oneYearAfter } from './queries';

describe('the consent form defaults', () => {
  it('is valid for one year, which the shared schema accepts', () => {
    expect(oneYearAfter('2026-11-25')).toBe('2027-11-25');
    const scope = {
      organisationIds: ['0b6f3c9e-8f51-4a5f-9d2c-6a0c4d3f1e2a'],
      categories: ['skola'],
      purpose: 'SSPF',
      validFrom: '2028-02-29',
      validTo: oneYearAfter('2028-02-29'),
    };
    expect(scope.validTo).toBe('2029-02-28');
    expect(consentScopeSchema.safeParse(scope).success).toBe(true);
  });
});

describe('a scanned consent form, checked before upload', () => {
  const file = (type: string, size: number) => new File([new Uint8Array(size)], 'samtycke', { type });

  it('accepts PDF, JPEG and PNG up to the limit', () => {
    expect(documentProblem(file('application/pdf', 1000))).toBeNull();
    expect(documentProblem(file('image/jpeg', 1000))).toBeNull();
    expect(documentProblem(file('image/png', CONSENT_DOCUMENT_MAX_BYTES))).toBeNull();
  });

  it('names what is wrong: the type, or the size', () => {
    expect(documentProblem(file('text/plain', 10))).toBe('fileType');
    expect(documentProblem(file('image/heic', 10))).toBe('fileType');
    expect(documentProblem(file('application/pdf', CONSENT_DOCUMENT_MAX_BYTES + 1))).toBe('fileSize');
  });
});

describe('the plan action form defaults', () => {
  it('are due at the follow-up four weeks on, across months, years and summer time', () => {
    expect(FOLLOW_UP_DAYS).toBe(28);
    expect(daysAfter('2026-12-10', FOLLOW_UP_DAYS)).toBe('2027-01-07');
    expect(daysAfter('2028-02-15', FOLLOW_UP_DAYS)).toBe('2028-03-14');
    expect(daysAfter('2026-03-20', FOLLOW_UP_DAYS)).toBe('2026-04-17');
    expect(daysAfter('2026-03-20', 0)).toBe('2026-03-20');
  });
});
