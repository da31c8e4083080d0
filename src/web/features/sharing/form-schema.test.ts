import { describe, expect, it } from 'vitest';
import { evaluateSharing } from '../../../shared/sharing-engine';
import { EXAMPLE_QUESTIONS } from './examples';
import { EMPTY_QUESTION, isAuthorityByDefault, sharingFormSchema, toGuideQuestion } from './form-schema';

describe('the question form', () => {
  it('turns the typed age into a number and rejects what is not an age', () => {
    expect(sharingFormSchema.parse({ ...EMPTY_QUESTION, personAge: ' 17 ' }).personAge).toBe(17);
    for (const age of ['', 'sjutton', '-1', '131', '1.5']) expect(sharingFormSchema.safeParse({ ...EMPTY_QUESTION, personAge: age }).success, age).toBe(false);
  });

  it('takes an empty "as of" date as today and rejects a malformed one', () => {
    expect(sharingFormSchema.parse({ ...EMPTY_QUESTION, personAge: '15' }).on).toBeUndefined();
    expect(sharingFormSchema.parse({ ...EMPTY_QUESTION, personAge: '15', on: '2012-12-31' }).on).toBe('2012-12-31');
    expect(sharingFormSchema.safeParse({ ...EMPTY_QUESTION, personAge: '15', on: '31/12' }).success).toBe(false);
  });

  it('defaults "public authority" from the organisation type', () => {
    expect(['skola', 'socialtjanst', 'polis', 'halso_sjukvard'].every((type) => isAuthorityByDefault(type as never))).toBe(true);
    expect(['fritid', 'forening', 'naringsliv', 'bostadsbolag', 'annan'].some((type) => isAuthorityByDefault(type as never))).toBe(false);
  });

  it('sends the consent as facts: as many guardians as there are, each with their own answer', () => {
    const question = toGuideQuestion(sharingFormSchema.parse({ ...EMPTY_QUESTION, personAge: '16', consentExists: true, guardianCount: '1', guardian1Consented: true, guardian2Consented: true }));
    expect(question.consentFacts).toMatchObject({ exists: true, guardians: [{ consented: true }], youngPersonConsented: false });
    expect('consent' in question).toBe(false);
  });

  it('asks the example questions the way their labels promise: no, yes on OSL 10 kap. 18 a §, no', () => {
    const consentOf = (index: number) => (index === 2 ? 'in_scope' : 'none');
    const answers = EXAMPLE_QUESTIONS.slice(0, 3).map((example, index) => {
      const { consentFacts: _, ...question } = toGuideQuestion(sharingFormSchema.parse(example.question));
      return evaluateSharing({ ...question, consent: consentOf(index), on: '2026-03-01' });
    });
    expect(answers.map((answer) => [answer.allowed, answer.basis])).toEqual([
      [false, 'OSL 10 kap. 18 a § (gäller inte skolan)'],
      [true, 'OSL 10 kap. 18 a §'],
      [false, 'GDPR art. 10'],
    ]);
  });
});
