import { describe, expect, it } from 'vitest';
import { evaluateSharing } from '../../../shared/sharing-engine';
import { EXAMPLE_QUESTIONS } from './examples';
import { EMPTY_QUESTION, isAuthorityByDefault, sharingFormSchema } from './form-schema';

describe('the question form', () => {
  it('turns the typed age into a number and rejects what is not an age', () => {
    expect(sharingFormSchema.parse({ ...EMPTY_QUESTION, personAge: ' 17 ' }).personAge).toBe(17);
    for (const age of ['', 'sjutton', '-1', '131', '1.5']) expect(sharingFormSchema.safeParse({ ...EMPTY_QUESTION, personAge: age }).success, age).toBe(false);
  });

  it('defaults "public authority" from the organisation type', () => {
    expect(['skola', 'socialtjanst', 'polis', 'halso_sjukvard'].every((type) => isAuthorityByDefault(type as never))).toBe(true);
    expect(['fritid', 'forening', 'naringsliv', 'bostadsbolag', 'annan'].some((type) => isAuthorityByDefault(type as never))).toBe(false);
  });

  it('asks the example questions the way their labels promise: no, yes on OSL 10 kap. 18 a §, no', () => {
    const answers = EXAMPLE_QUESTIONS.map((example) => evaluateSharing(sharingFormSchema.parse(example.question)));
    expect(answers.map((answer) => [answer.allowed, answer.basis])).toEqual([
      [false, 'OSL 10 kap. 18 a § (gäller inte skolan)'],
      [true, 'OSL 10 kap. 18 a §'],
      [false, 'GDPR art. 10'],
    ]);
  });
});
