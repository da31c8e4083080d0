/**
 * The change test of the design (docs/LAGESBILD.md, "Förändringstestet"): a count is notable when
 * P(X ≥ current | X ~ Poisson(λ = mean of the 8 weeks before)) < 0.01 and current ≥ 5. Kept behind this
 * one function so the lägesbild uses the shared test (src/shared/change-test.ts) once it is in.
 */
export interface ChangeResult {
  notable: boolean;
  pValue: number;
  mean: number;
}

export const CHANGE_ALPHA = 0.01;
export const CHANGE_MIN_COUNT = 5;

export function testChange(current: number, history: readonly number[]): ChangeResult {
  const mean = history.length === 0 ? 0 : history.reduce((sum, value) => sum + value, 0) / history.length;
  const pValue = poissonUpperTail(current, mean);
  return { notable: current >= CHANGE_MIN_COUNT && pValue < CHANGE_ALPHA, pValue, mean };
}

/** P(X ≥ k) for X ~ Poisson(λ): 1 − P(X ≤ k − 1), summed in the stable direction. λ = 0 and k ≥ 1 gives 0. */
function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let cumulative = term;
  for (let i = 1; i < k; i += 1) {
    term *= lambda / i;
    cumulative += term;
  }
  return Math.max(0, 1 - cumulative);
}
