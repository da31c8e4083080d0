import { describe, expect, it } from 'vitest';
import {
  ageOn,
  type ConsentFacts,
  consentStateFor,
  consentStatus,
  currentConsentId,
  type PersonFacts,
  requiredParties,
  todayInSweden,
} from '../../src/server/modules/consents/consent-rules';
import { defaultValidTo } from '../../src/server/modules/consents/create-consent';
import { checkDocumentBytes, declaredType } from '../../src/server/modules/consents/consent-documents';

const G1 = '00000000-0000-4000-8000-000000000001';
const G2 = '00000000-0000-4000-8000-000000000002';
const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const ON = '2026-06-15';

/** Born so that the person is exactly `age` on ON (birthday today). */
function personAged(age: number, guardianIds: string[] = [G1, G2], youngPersonConsentAge = 15): PersonFacts {
  return { birthDate: `${2026 - age}-06-15`, guardianIds, youngPersonConsentAge };
}

const guardian = (guardianId: string) => ({ kind: 'guardian', guardianId });
const youngPerson = { kind: 'young_person', guardianId: null };

function consentWith(overrides: Partial<ConsentFacts> = {}): ConsentFacts {
  return {
    id: 'c1',
    organisationIds: [ORG_A],
    userIds: [],
    categories: ['skola'],
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    withdrawnAt: null,
    createdAt: new Date('2026-01-01T08:00:00Z'),
    parties: [guardian(G1), guardian(G2), youngPerson],
    ...overrides,
  };
}

describe('ageOn', () => {
  it.each([
    ['2010-06-15', '2026-06-15', 16],
    ['2010-06-16', '2026-06-15', 15],
    ['2010-07-01', '2026-06-15', 15],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s is on %s %i years', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('requiredParties', () => {
  it.each([
    { age: 14, consentAge: 15, expected: [guardian(G1), guardian(G2)] },
    { age: 15, consentAge: 15, expected: [guardian(G1), guardian(G2), youngPerson] },
    { age: 17, consentAge: 15, expected: [guardian(G1), guardian(G2), youngPerson] },
    { age: 18, consentAge: 15, expected: [youngPerson] },
    { age: 14, consentAge: 13, expected: [guardian(G1), guardian(G2), youngPerson] },
    { age: 16, consentAge: 18, expected: [guardian(G1), guardian(G2)] },
  ])('age $age with consent age $consentAge', ({ age, consentAge, expected }) => {
    expect(requiredParties(personAged(age, [G1, G2], consentAge), ON)).toEqual(expected);
  });

  it('the day before the 15th birthday the young person is not yet required', () => {
    expect(requiredParties({ birthDate: '2011-06-16', guardianIds: [G1], youngPersonConsentAge: 15 }, ON)).toEqual([guardian(G1)]);
  });
});

describe('consentStatus', () => {
  it.each<{ name: string; person: PersonFacts; consent: Partial<ConsentFacts>; on?: string; status: string }>([
    { name: '16 years, both guardians and themself', person: personAged(16), consent: {}, status: 'in_force' },
    { name: '16 years, one guardian missing', person: personAged(16), consent: { parties: [guardian(G1), youngPerson] }, status: 'awaiting_parties' },
    { name: '16 years, young person missing', person: personAged(16), consent: { parties: [guardian(G1), guardian(G2)] }, status: 'awaiting_parties' },
    { name: '14 years, both guardians suffice', person: personAged(14), consent: { parties: [guardian(G1), guardian(G2)] }, status: 'in_force' },
    { name: '14 years, one guardian of two', person: personAged(14), consent: { parties: [guardian(G1)] }, status: 'awaiting_parties' },
    { name: '14 years, a guardian who is not theirs does not count', person: personAged(14, [G1]), consent: { parties: [guardian(G2)] }, status: 'awaiting_parties' },
    { name: '18 years, only themself', person: personAged(18), consent: { parties: [youngPerson] }, status: 'in_force' },
    { name: '18 years, guardians alone are not enough', person: personAged(18), consent: { parties: [guardian(G1), guardian(G2)] }, status: 'awaiting_parties' },
    { name: '12 years without recorded guardians: nobody could consent', person: personAged(12, []), consent: { parties: [] }, status: 'awaiting_parties' },
    { name: 'withdrawn', person: personAged(16), consent: { withdrawnAt: new Date('2026-05-01T10:00:00Z') }, status: 'withdrawn' },
    { name: 'last valid day', person: personAged(16), consent: { validTo: ON }, status: 'in_force' },
    { name: 'the day after validTo', person: personAged(16), consent: { validTo: '2026-06-14' }, status: 'expired' },
    { name: 'first valid day', person: personAged(16), consent: { validFrom: ON }, status: 'in_force' },
    { name: 'not yet valid', person: personAged(16), consent: { validFrom: '2026-06-16' }, status: 'not_yet_valid' },
    { name: 'not yet valid and awaiting', person: personAged(16), consent: { validFrom: '2026-06-16', parties: [] }, status: 'awaiting_parties' },
  ])('$name → $status', ({ person, consent, on, status }) => {
    expect(consentStatus(consentWith(consent), person, on ?? ON)).toBe(status);
  });
});

describe('consentStateFor', () => {
  const person = personAged(16);
  const recipient = { organisationId: ORG_A, userId: 'user-1' };

  it.each<{ name: string; consents: Partial<ConsentFacts>[]; to?: { organisationId: string; userId: string }; category?: 'samverkan' | 'skola' | 'polis'; state: string }>([
    { name: 'no consent', consents: [], state: 'none' },
    { name: 'in force, covering organisation and category', consents: [{}], state: 'in_scope' },
    { name: 'samverkan is covered for every named organisation', consents: [{ categories: ['halsa'] }], category: 'samverkan', state: 'in_scope' },
    { name: 'a category not ticked', consents: [{}], category: 'polis', state: 'out_of_scope' },
    { name: 'another organisation', consents: [{}], to: { organisationId: ORG_B, userId: 'user-1' }, state: 'out_of_scope' },
    { name: 'named user', consents: [{ userIds: ['user-1'] }], state: 'in_scope' },
    { name: 'someone else than the named users', consents: [{ userIds: ['user-2'] }], state: 'out_of_scope' },
    { name: 'only awaiting parties', consents: [{ parties: [guardian(G1)] }], state: 'none' },
    { name: 'not yet valid', consents: [{ validFrom: '2026-07-01' }], state: 'none' },
    { name: 'withdrawn', consents: [{ withdrawnAt: new Date('2026-06-15T07:00:00Z') }], state: 'withdrawn' },
    { name: 'withdrawn before all parties had given it', consents: [{ withdrawnAt: new Date('2026-06-15T07:00:00Z'), parties: [guardian(G1)] }], state: 'withdrawn' },
    { name: 'expired yesterday', consents: [{ validTo: '2026-06-14' }], state: 'expired' },
    { name: 'expired without ever being complete', consents: [{ validTo: '2026-06-14', parties: [] }], state: 'none' },
    {
      name: 'a new consent in force wins over an old withdrawn one',
      consents: [{ id: 'old', withdrawnAt: new Date('2026-03-01T07:00:00Z') }, { id: 'new', createdAt: new Date('2026-04-01T07:00:00Z') }],
      state: 'in_scope',
    },
    {
      name: 'the most recent complete consent decides: expired after an older withdrawal',
      consents: [
        { id: 'old', withdrawnAt: new Date('2026-03-01T07:00:00Z'), createdAt: new Date('2025-01-01T07:00:00Z') },
        { id: 'new', validTo: '2026-06-01', createdAt: new Date('2026-01-01T07:00:00Z') },
      ],
      state: 'expired',
    },
    {
      name: 'an awaiting consent does not hide an older withdrawal',
      consents: [
        { id: 'old', withdrawnAt: new Date('2026-03-01T07:00:00Z'), createdAt: new Date('2026-01-01T07:00:00Z') },
        { id: 'new', parties: [], createdAt: new Date('2026-04-01T07:00:00Z') },
      ],
      state: 'withdrawn',
    },
  ])('$name → $state', ({ consents, to, category, state }) => {
    expect(consentStateFor(consents.map((c) => consentWith(c)), person, to ?? recipient, category ?? 'skola', ON)).toBe(state);
  });
});

describe('currentConsentId', () => {
  const person = personAged(16);
  it('prefers the consent in force over a newer one still awaiting parties', () => {
    const consents = [consentWith({ id: 'in-force' }), consentWith({ id: 'awaiting', parties: [], createdAt: new Date('2026-05-01T07:00:00Z') })];
    expect(currentConsentId(consents, person, ON)).toBe('in-force');
  });
  it('falls back to the most recent, and to null without consents', () => {
    const consents = [consentWith({ id: 'a', validTo: '2026-02-01' }), consentWith({ id: 'b', validTo: '2026-03-01', createdAt: new Date('2026-02-01T07:00:00Z') })];
    expect(currentConsentId(consents, person, ON)).toBe('b');
    expect(currentConsentId([], person, ON)).toBeNull();
  });
});

describe('todayInSweden', () => {
  it('uses the Swedish calendar day, not UTC', () => {
    expect(todayInSweden(new Date('2026-06-14T22:30:00Z'))).toBe('2026-06-15');
    expect(todayInSweden(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-15');
  });
});

describe('defaultValidTo', () => {
  it.each([
    ['2026-03-01', '2027-02-28'],
    ['2026-01-01', '2026-12-31'],
    ['2027-03-01', '2028-02-29'],
    ['2028-02-29', '2029-02-28'],
  ])('from %s the consent lasts to %s', (from, to) => {
    expect(defaultValidTo(from)).toBe(to);
  });
});

describe('checking the bytes of a scan', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  it('accepts a PNG as a PNG, refuses it as a PDF or a JPEG, and refuses other types', async () => {
    await expect(checkDocumentBytes(PNG, declaredType('image/png'))).resolves.toBe('image/png');
    await expect(checkDocumentBytes(PNG, declaredType('application/pdf; charset=binary'))).rejects.toMatchObject({ statusCode: 400, fields: { file: 'file_type_mismatch' } });
    await expect(checkDocumentBytes(PNG, 'image/jpeg')).rejects.toMatchObject({ fields: { file: 'file_type_mismatch' } });
    await expect(checkDocumentBytes(PNG, 'image/gif')).rejects.toMatchObject({ fields: { file: 'file_type_not_accepted' } });
    await expect(checkDocumentBytes(Buffer.alloc(0), 'image/png')).rejects.toMatchObject({ fields: { file: 'file_empty' } });
  });
});
