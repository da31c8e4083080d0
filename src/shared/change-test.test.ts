import { describe, expect, it } from 'vitest';
import { CHANGE_TEST_MIN_COUNT, changeTest, describeChange, poissonUpperTail } from './change-test';

/** Reference values computed with 60-digit decimal arithmetic: 1 − Σ_{i<k} e^−λ λ^i / i!. */
const KNOWN: [number, number, number][] = [
  [1, 1, 0.6321205588285577],
  [5, 0.5, 0.00017211562995584078],
  [4, 0.5, 0.0017516225562908237],
  [14, 4.1, 0.00009843298791142403],
  [10, 4, 0.008132242796933863],
  [6, 1.25, 0.001838085450588518],
  [50, 2, 5.214301902e-51],
];

describe('poissonUpperTail', () => {
  it.each(KNOWN)('P(X ≥ %i | λ = %f) = %f', (k, lambda, expected) => {
    expect(poissonUpperTail(k, lambda) / expected).toBeCloseTo(1, 8);
  });

  it('is 1 at 0, falls as k rises, stays in [0, 1] and does not underflow far out', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    let previous = 1;
    for (let k = 0; k <= 200; k += 1) {
      const p = poissonUpperTail(k, 6.5);
      expect(p).toBeLessThanOrEqual(previous);
      expect(p).toBeGreaterThanOrEqual(0);
      previous = p;
    }
    expect(poissonUpperTail(120, 3)).toBeGreaterThan(0);
  });

  it('refuses a negative count or a λ that is not positive', () => {
    expect(() => poissonUpperTail(-1, 2)).toThrow(RangeError);
    expect(() => poissonUpperTail(2, 0)).toThrow(RangeError);
  });
});

describe('changeTest', () => {
  it('does not flag a steady series', () => {
    const result = changeTest(5, [4, 6, 5, 3, 5, 4, 6, 5], 4);
    expect(result).toMatchObject({ notable: false, mean: 4.75, current: 5, lastYear: 4, ratioToLastYear: 1.25 });
    expect(result.pValue).toBeGreaterThan(0.3);
  });

  it('flags a jump: 14 against a mean of 4.1', () => {
    const history = [4, 5, 3, 4, 5, 4, 4, 4]; // mean 4.125
    const result = changeTest(14, history);
    expect(result.notable).toBe(true);
    expect(result.pValue).toBeLessThan(0.001);
  });

  it('at the boundary: 10 against a mean of 4 is p ≈ 0.0081 (notable), 9 is p ≈ 0.021 (not)', () => {
    const flat = [4, 4, 4, 4, 4, 4, 4, 4];
    expect(changeTest(10, flat)).toMatchObject({ notable: true });
    expect(changeTest(9, flat)).toMatchObject({ notable: false });
    expect(changeTest(9, flat).pValue).toBeCloseTo(0.0213, 3);
  });

  it('needs at least 5 events: 4 against a floored mean of 0.5 is unlikely (p ≈ 0.0018) but not notable', () => {
    const quiet = [0, 0, 0, 0, 0, 0, 0, 0];
    expect(changeTest(4, quiet)).toMatchObject({ notable: false, mean: 0 });
    expect(changeTest(4, quiet).pValue).toBeLessThan(0.01);
    expect(changeTest(CHANGE_TEST_MIN_COUNT, quiet)).toMatchObject({ notable: true });
  });

  it('a new category with no history: the floor keeps 1 event from being a sensation', () => {
    expect(changeTest(1, [0])).toMatchObject({ notable: false });
    expect(changeTest(1, [0]).pValue).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(changeTest(0, [0, 0]).pValue).toBe(1);
  });

  it('reports no ratio when last year is unknown or zero, and refuses bad input', () => {
    expect(changeTest(3, [2, 2], null).ratioToLastYear).toBeNull();
    expect(changeTest(3, [2, 2], 0).ratioToLastYear).toBeNull();
    expect(() => changeTest(3, [])).toThrow(RangeError);
    expect(() => changeTest(-1, [2])).toThrow(RangeError);
    expect(() => changeTest(2, [1.5])).toThrow(RangeError);
  });
});

describe('describeChange', () => {
  const result = changeTest(14, [4, 5, 3, 4, 5, 4, 4, 4], 6);

  it('names the change in Swedish and English', () => {
    expect(describeChange({ category: 'Skadegörelse', place: 'Centrum', result })).toBe(
      'Skadegörelse i Centrum: 14 händelser, mot i snitt 4,1 de senaste 8 veckorna (p < 0,001); samma vecka i fjol 6.',
    );
    expect(describeChange({ category: 'Vandalism', place: 'Centrum', result }, 'en')).toBe(
      'Vandalism in Centrum: 14 events, against an average of 4.1 over the last 8 weeks (p < 0.001); same week last year 6.',
    );
  });

  it('writes a p-value above 0.001 with two digits, and suppressed figures as given', () => {
    const moderate = changeTest(10, [4, 4, 4, 4, 4, 4, 4, 4]);
    expect(describeChange({ category: 'Bränder', result: moderate })).toBe('Bränder: 10 händelser, mot i snitt 4,0 de senaste 8 veckorna (p = 0,0081).');
    expect(describeChange({ category: 'Bränder', result: moderate, shown: { mean: 'x', lastYear: '< 5' } })).toBe(
      'Bränder: 10 händelser, mot i snitt x de senaste 8 veckorna (p = 0,0081); samma vecka i fjol < 5.',
    );
  });
});
