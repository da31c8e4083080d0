/**
 * The change test of the weekly lägesbild (issue 14 §2): is this week's count for a category or a place
 * well above its own recent level? Method and parameters: docs/LAGESBILD.md, "Ändringstestet".
 *
 * Under "nothing has changed", the week's count is Poisson with the mean of the previous 8 weeks. The
 * p-value is the upper tail P(X ≥ current | λ). The mean is floored at 0.5 so that a category with no
 * history is judged against "about one event every other week", not against zero (against λ = 0 any
 * single event would be infinitely surprising). A change is notable when p < 0.01 and the count is at
 * least 5: with 30–60 categories and places tested each week, 0.01 keeps false alarms to about one week
 * in two or three, and below 5 events a "jump" is too small to act on (and would be a suppressed figure).
 */

export const CHANGE_TEST_ALPHA = 0.01;
export const CHANGE_TEST_MIN_COUNT = 5;
export const CHANGE_TEST_MEAN_FLOOR = 0.5;
export const CHANGE_TEST_HISTORY_WEEKS = 8;

export interface ChangeTestResult {
  notable: boolean;
  /** P(X ≥ current | λ = max(mean, 0.5)). */
  pValue: number;
  /** The mean of the history as it was (before the floor). */
  mean: number;
  current: number;
  /** The same week last year, when known. */
  lastYear: number | null;
  /** current / lastYear; null when last year is unknown or 0. No test: one week a year ago is too noisy. */
  ratioToLastYear: number | null;
}

/**
 * Test one category or place: `current` this week's count, `history` the counts of the previous weeks
 * (normally 8, oldest first; fewer are accepted for a new tenant, at least 1).
 */
export function changeTest(current: number, history: readonly number[], lastYear: number | null = null): ChangeTestResult {
  assertCount(current);
  if (history.length === 0) throw new RangeError('the change test needs at least one week of history');
  history.forEach(assertCount);
  if (lastYear !== null) assertCount(lastYear);
  const mean = history.reduce((total, count) => total + count, 0) / history.length;
  const pValue = poissonUpperTail(current, Math.max(mean, CHANGE_TEST_MEAN_FLOOR));
  return {
    notable: pValue < CHANGE_TEST_ALPHA && current >= CHANGE_TEST_MIN_COUNT,
    pValue,
    mean,
    current,
    lastYear,
    ratioToLastYear: lastYear === null || lastYear === 0 ? null : current / lastYear,
  };
}

/**
 * P(X ≥ k) for X ~ Poisson(λ), computed in log space so that far tails (1e-30) do not underflow to 0 or
 * lose every digit to 1 − (almost 1). Above the mean the tail is summed upwards from k; at or below it
 * the tail is 1 − the lower sum, which is then not small.
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be positive, got ${lambda}`);
  if (k === 0) return 1;
  const logLambda = Math.log(lambda);
  const logPmf = (i: number) => -lambda + i * logLambda - logFactorial(i);
  if (k <= lambda) {
    let lower = 0;
    for (let i = 0; i < k; i += 1) lower += Math.exp(logPmf(i));
    return Math.max(0, 1 - lower);
  }
  // Terms fall from k on (k > λ); sum them relative to the first, stop when they no longer count.
  const first = logPmf(k);
  let relative = 0;
  let term = 1;
  for (let i = k; term > 1e-17 * relative || i === k; i += 1) {
    relative += term;
    term *= lambda / (i + 1);
  }
  return Math.min(1, Math.exp(first + Math.log(relative)));
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i += 1) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a non-negative integer, got ${count}`);
}

export type ChangeLanguage = 'sv' | 'en';

/** What a sentence names. Figures may come already suppressed: pass the text to print (e.g. "< 5"). */
export interface ChangeSentenceInput {
  category: string;
  /** The place or area, when the test is for one. */
  place?: string | null;
  result: Pick<ChangeTestResult, 'current' | 'mean' | 'pValue' | 'lastYear'>;
  /** Text for the count, mean or last year instead of the number (a suppressed "< 5", "x"). */
  shown?: { current?: string; mean?: string; lastYear?: string };
}

/**
 * "Skadegörelse i Centrum: 14 händelser, mot i snitt 4,1 de senaste 8 veckorna (p < 0,001)."
 * The p-value is written "p < 0,001" below 0.001, else with two significant digits.
 */
export function describeChange(input: ChangeSentenceInput, language: ChangeLanguage = 'sv'): string {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  const number = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  const { result, shown = {} } = input;
  const subject = input.place ? `${input.category} ${language === 'en' ? 'in' : 'i'} ${input.place}` : input.category;
  const current = shown.current ?? String(result.current);
  const mean = shown.mean ?? number(result.mean, 1);
  const p = result.pValue < 0.001 ? `p < ${number(0.001, 3)}` : `p = ${new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(result.pValue)}`;
  const lastYear = result.lastYear === null && shown.lastYear === undefined ? '' : (shown.lastYear ?? String(result.lastYear));
  if (language === 'en') {
    const events = current === '1' ? 'event' : 'events';
    const year = lastYear ? `; same week last year ${lastYear}` : '';
    return `${subject}: ${current} ${events}, against an average of ${mean} over the last 8 weeks (${p})${year}.`;
  }
  const events = current === '1' ? 'händelse' : 'händelser';
  const year = lastYear ? `; samma vecka i fjol ${lastYear}` : '';
  return `${subject}: ${current} ${events}, mot i snitt ${mean} de senaste 8 veckorna (${p})${year}.`;
}
