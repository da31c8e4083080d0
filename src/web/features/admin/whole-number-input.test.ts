import { describe, expect, it } from 'vitest';
import { retentionSettingsSchema } from '../../../shared/retention';
import { wholeNumberFromInput } from './whole-number-input';

describe('wholeNumberFromInput', () => {
  it('reads digits as a number, with spaces around or inside ignored', () => {
    expect(wholeNumberFromInput('15')).toBe(15);
    expect(wholeNumberFromInput(' 7 ')).toBe(7);
    expect(wholeNumberFromInput('1 0')).toBe(10);
    expect(wholeNumberFromInput('0')).toBe(0);
  });

  it('reads a Swedish decimal comma, so the schema can refuse a fraction of a year', () => {
    expect(wholeNumberFromInput('2,5')).toBe(2.5);
    expect(wholeNumberFromInput('2.5')).toBe(2.5);
  });

  it('turns an empty field into undefined (required), and keeps text as text (wrong type)', () => {
    expect(wholeNumberFromInput('')).toBeUndefined();
    expect(wholeNumberFromInput('   ')).toBeUndefined();
    expect(wholeNumberFromInput('fem')).toBe('fem');
    expect(wholeNumberFromInput('5 år')).toBe('5år');
  });

  it('leaves a number that is already a number alone (the form\'s default values)', () => {
    expect(wholeNumberFromInput(5)).toBe(5);
  });

  it('feeds the shared retention schema: 0 and a fraction are refused, 1–50 accepted', () => {
    const parse = (value: string) => retentionSettingsSchema.safeParse({ case: wholeNumberFromInput(value), concern: 5, consent: 5, person: 5 });
    expect(parse('10').success).toBe(true);
    expect(parse('0').success).toBe(false);
    expect(parse('51').success).toBe(false);
    expect(parse('2,5').success).toBe(false);
    expect(parse('').success).toBe(false);
  });
});
