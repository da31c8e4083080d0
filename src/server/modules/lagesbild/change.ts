import { CHANGE_TEST_ALPHA, CHANGE_TEST_MIN_COUNT, changeTest } from '../../../shared/change-test';

/**
 * The lägesbild's use of the shared change test (src/shared/change-test.ts, docs/LAGESBILD.md): a count
 * is notable when the Poisson upper tail against the 8-week mean (floored) is below 0.01 and the week has
 * at least 5 events. A week without history (the tenant's first) is never notable.
 */
export interface ChangeResult {
  notable: boolean;
  pValue: number;
  mean: number;
}

export const CHANGE_ALPHA = CHANGE_TEST_ALPHA;
export const CHANGE_MIN_COUNT = CHANGE_TEST_MIN_COUNT;

export function testChange(current: number, history: readonly number[]): ChangeResult {
  if (history.length === 0) return { notable: false, pValue: 1, mean: 0 };
  const result = changeTest(current, history);
  return { notable: result.notable, pValue: result.pValue, mean: result.mean };
}
