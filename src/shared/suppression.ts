import { canMove, type HiddenFigure } from './suppression-intervals';

/**
 * Small-cell suppression for aggregated counts (issue 14 §4): figures that go to the analyst role, into
 * exports, shared PDFs and public views never show a count from 1 to k−1, and no such count can be worked
 * out from the totals or from other published sums. Method, guarantee and limits: docs/LAGESBILD.md,
 * "Små tal döljs / Small-cell suppression".
 *
 * - Primary suppression: a count 1..k−1 is shown as "< k". A zero stays visible: it says that nothing
 *   happened, which points at no one, and hiding zeros would hide most of a quiet week.
 * - Secondary suppression: more cells (shown "x") are hidden until no hidden figure can be derived
 *   exactly from what is visible, knowing that "< k" means 1..k−1 and "x" means at least k.
 */

export const DEFAULT_SUPPRESSION_K = 5;
export const MIN_SUPPRESSION_K = 3;
export const MAX_SUPPRESSION_K = 100;

/**
 * A published figure. `below: k` is a small count (1..k−1), shown "< k". `below: null` is hidden for
 * another reason: a complementary cell (a count of at least k, or a total), hidden so that a small count
 * cannot be calculated, or any cell of a withheld table.
 */
export type Cell = { kind: 'value'; value: number } | { kind: 'suppressed'; below: number | null };

/** k as a tenant sets it: an integer from 3 (the floor) to 100. Throws a RangeError otherwise. */
export function validateSuppressionK(k: number): number {
  if (!Number.isInteger(k) || k < MIN_SUPPRESSION_K || k > MAX_SUPPRESSION_K) {
    throw new RangeError(`suppression k must be an integer from ${MIN_SUPPRESSION_K} to ${MAX_SUPPRESSION_K}, got ${k}`);
  }
  return k;
}

/** Whether a count must be hidden on its own: 1..k−1. */
export const isSmallCount = (count: number, k: number): boolean => count >= 1 && count < k;

/** Primary suppression of one count, with nothing around it to protect. */
export function suppressCount(count: number, k: number): Cell {
  assertCount(count);
  return isSmallCount(count, validateSuppressionK(k)) ? { kind: 'suppressed', below: k } : { kind: 'value', value: count };
}

/** Which totals the table publishes. A total that is not published is not a constraint the reader can use. */
export interface Margins {
  rows: boolean;
  columns: boolean;
  grand: boolean;
}

export interface SuppressedTable {
  k: number;
  cells: Cell[][];
  /** One per row, or null when row totals are not published. */
  rowTotals: Cell[] | null;
  columnTotals: Cell[] | null;
  grandTotal: Cell | null;
  /**
   * True when even hiding every figure could not protect a small count (the "< k" labels alone would
   * give it away, e.g. k = 3 and a row of 1 and 1 with its total 2): then every figure is hidden and
   * nothing is published but the table's shape.
   */
  withheld: boolean;
}

/**
 * Suppress a table of counts (rows × columns, non-negative integers) and its totals. Deterministic: the
 * same table and k give the same result, so a week shown again hides the same cells.
 *
 * Guarantee (tested with property tests): no visible figure is 1..k−1; in every line whose total is shown
 * the number of hidden cells is 0 or at least 2; and no hidden figure can be derived exactly by a reader
 * who sees the visible figures and knows "< k" = 1..k−1, "x" ≥ k and counts ≥ 0. Complementary cells are
 * chosen smallest first, inner cells before totals.
 */
export function suppressTable(counts: readonly (readonly number[])[], k: number, margins: Margins = { rows: true, columns: true, grand: true }): SuppressedTable {
  validateSuppressionK(k);
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError('every row of a count table must have the same number of columns');
    row.forEach(assertCount);
  }
  const grid = extendedGrid(counts, columns);
  const published = (row: number, column: number) => {
    if (row < rows && column < columns) return true;
    if (row === rows && column === columns) return margins.grand;
    return column === columns ? margins.rows : margins.columns;
  };
  const hidden = grid.map((line, row) => line.map((value, column) => published(row, column) && isSmallCount(value, k)));
  const primary = hidden.map((line) => [...line]);

  const lines = linesOf(rows, columns);
  const hide = (row: number, column: number) => {
    hidden[row]![column] = true;
  };
  const cheapestVisible = (members: readonly [number, number][]) =>
    members
      .filter(([row, column]) => published(row, column) && !hidden[row]![column] && grid[row]![column]! > 0)
      .sort(([rowA, columnA], [rowB, columnB]) => costOrder(rowA, columnA, rowB, columnB))[0];
  const costOrder = (rowA: number, columnA: number, rowB: number, columnB: number) => {
    const marginA = rowA === rows || columnA === columns ? 1 : 0;
    const marginB = rowB === rows || columnB === columns ? 1 : 0;
    return marginA - marginB || grid[rowA]![columnA]! - grid[rowB]![columnB]! || rowA - rowB || columnA - columnB;
  };

  let withheld = false;
  for (;;) {
    // A line with exactly one hidden figure gives it away by subtraction: hide its cheapest other figure.
    let changed = true;
    while (changed) {
      changed = false;
      for (const members of lines) {
        if (members.some(([row, column]) => !published(row, column))) continue;
        if (members.filter(([row, column]) => hidden[row]![column]).length !== 1) continue;
        const next = cheapestVisible(members);
        if (next) {
          hide(...next);
          changed = true;
        }
      }
    }
    // Two or more per line is not enough (1 and 1 under a visible sum of 2 are both 1): test every hidden figure.
    const figures = hiddenFigures(grid, hidden, primary, published, k);
    const exposedIndex = figures.findIndex((figure, index) => figure.labelled && !canMove(rows, columns, figures, index));
    if (exposedIndex === -1) break;
    const exposed = figures[exposedIndex]!;
    const next =
      cheapestVisible([...lines[exposed.row]!, ...lines[rows + 1 + exposed.column]!]) ??
      cheapestVisible(grid.flatMap((line, row) => line.map((_, column) => [row, column] as [number, number])));
    if (!next) {
      withheld = true;
      break;
    }
    hide(...next);
  }

  const cellOf = (row: number, column: number): Cell => {
    if (withheld) return { kind: 'suppressed', below: null };
    if (!hidden[row]![column]) return { kind: 'value', value: grid[row]![column]! };
    return { kind: 'suppressed', below: primary[row]![column] ? k : null };
  };
  return {
    k,
    cells: counts.map((line, row) => line.map((_, column) => cellOf(row, column))),
    rowTotals: margins.rows ? counts.map((_, row) => cellOf(row, columns)) : null,
    columnTotals: margins.columns ? Array.from({ length: columns }, (_, column) => cellOf(rows, column)) : null,
    grandTotal: margins.grand ? cellOf(rows, columns) : null,
    withheld,
  };
}

export interface SuppressedSeries {
  k: number;
  cells: Cell[];
  total: Cell | null;
  withheld: boolean;
}

/**
 * A single series (e.g. counts per category for one week) with or without its total. With the total, the
 * same guarantee as `suppressTable`; without it, each count is protected on its own.
 */
export function suppressSeries(counts: readonly number[], k: number, options: { total: boolean } = { total: true }): SuppressedSeries {
  const table = suppressTable([counts], k, { rows: options.total, columns: false, grand: false });
  return { k, cells: table.cells[0] ?? [], total: table.rowTotals?.[0] ?? null, withheld: table.withheld };
}

/** A sum over consecutive periods, by index into the series: from and to inclusive (e.g. the 8 weeks before this one). */
export interface PeriodWindow {
  from: number;
  to: number;
}

export interface SuppressedPeriods {
  k: number;
  periods: Cell[];
  windows: Cell[];
}

/**
 * Weekly counts together with sums over windows of weeks (the 8-week total, year to date). Each week is
 * suppressed on its own count only, so a week shows the same way in every week's picture that includes
 * it. A window's sum is shown only when none of its weeks is hidden: otherwise the sum minus the visible
 * weeks, or the difference between two overlapping windows (this week's and last week's 8-week total),
 * would give a hidden week back. A hidden window shows "< k" when its sum is itself small, else "x".
 */
export function suppressPeriods(counts: readonly number[], k: number, windows: readonly PeriodWindow[]): SuppressedPeriods {
  validateSuppressionK(k);
  counts.forEach(assertCount);
  const periods = counts.map((count) => suppressCount(count, k));
  return {
    k,
    periods,
    windows: windows.map((window) => {
      if (!Number.isInteger(window.from) || !Number.isInteger(window.to) || window.from < 0 || window.to >= counts.length || window.from > window.to) {
        throw new RangeError(`window ${window.from}..${window.to} is outside the series of ${counts.length}`);
      }
      const sum = counts.slice(window.from, window.to + 1).reduce((total, count) => total + count, 0);
      if (isSmallCount(sum, k)) return { kind: 'suppressed', below: k };
      const anyHidden = periods.slice(window.from, window.to + 1).some((cell) => cell.kind === 'suppressed');
      return anyHidden ? { kind: 'suppressed', below: null } : { kind: 'value', value: sum };
    }),
  };
}

/**
 * A figure computed from published cells (a mean, a change, a ratio): hidden when any of its inputs is
 * hidden, because it would give the hidden input back. Not a count, so not itself compared with k.
 */
export function deriveCell(inputs: readonly Cell[], compute: (values: number[]) => number): Cell {
  const values: number[] = [];
  for (const input of inputs) {
    if (input.kind === 'suppressed') return { kind: 'suppressed', below: null };
    values.push(input.value);
  }
  return { kind: 'value', value: compute(values) };
}

export type SuppressionLanguage = 'sv' | 'en';

/** The short text of a figure: "14", "< 5", "x". Numbers in the language's format (Swedish: "1 234"). */
export function formatCell(cell: Cell, language: SuppressionLanguage = 'sv', format: (value: number) => string = defaultFormat(language)): string {
  if (cell.kind === 'value') return format(cell.value);
  return cell.below === null ? 'x' : `< ${cell.below}`;
}

/** The figure in words, for screen readers and legends: "färre än 5", "dold". */
export function describeCell(cell: Cell, language: SuppressionLanguage = 'sv', format: (value: number) => string = defaultFormat(language)): string {
  if (cell.kind === 'value') return format(cell.value);
  if (cell.below !== null) return language === 'en' ? `fewer than ${cell.below}` : `färre än ${cell.below}`;
  return language === 'en' ? 'hidden so that a small count cannot be calculated' : 'dold så att ett litet tal inte kan räknas fram';
}

/** The legend to print under a suppressed table. */
export function suppressionLegend(k: number, language: SuppressionLanguage = 'sv'): string {
  return language === 'en'
    ? `“< ${k}” means 1 to ${k - 1}. “x” is hidden so that a small count cannot be worked out from the totals. 0 means none.`
    : `”< ${k}” betyder 1–${k - 1}. ”x” är dolt så att ett litet tal inte kan räknas fram ur summorna. 0 betyder inga.`;
}

const defaultFormat = (language: SuppressionLanguage) => {
  const formatter = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 });
  return (value: number) => formatter.format(value);
};

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a non-negative integer, got ${count}`);
}

/** The table with its totals: row R holds the column totals, column C the row totals, [R][C] the grand total. */
function extendedGrid(counts: readonly (readonly number[])[], columns: number): number[][] {
  const grid = counts.map((line) => [...line, line.reduce((total, count) => total + count, 0)]);
  const totalsRow = Array.from({ length: columns + 1 }, (_, column) => grid.reduce((total, line) => total + line[column]!, 0));
  grid.push(totalsRow);
  return grid;
}

/** Every line of the extended table as its members: rows 0..R first, then columns 0..C. */
function linesOf(rows: number, columns: number): [number, number][][] {
  const rowLines = Array.from({ length: rows + 1 }, (_, row) => Array.from({ length: columns + 1 }, (_, column) => [row, column] as [number, number]));
  const columnLines = Array.from({ length: columns + 1 }, (_, column) => Array.from({ length: rows + 1 }, (_, row) => [row, column] as [number, number]));
  return [...rowLines, ...columnLines];
}

/**
 * The hidden figures as the reader knows them: "< k" is 1..k−1, "x" is at least k (complementary figures
 * are never zeros), and a total that is not published is only known to be at least 0.
 */
function hiddenFigures(
  grid: number[][],
  hidden: boolean[][],
  primary: boolean[][],
  published: (row: number, column: number) => boolean,
  k: number,
): (HiddenFigure & { labelled: boolean })[] {
  const figures: (HiddenFigure & { labelled: boolean })[] = [];
  grid.forEach((line, row) =>
    line.forEach((value, column) => {
      if (!published(row, column)) figures.push({ row, column, value, bounds: { min: 0, max: Number.POSITIVE_INFINITY }, labelled: false });
      else if (hidden[row]![column]) {
        const bounds = primary[row]![column] ? { min: 1, max: k - 1 } : { min: k, max: Number.POSITIVE_INFINITY };
        figures.push({ row, column, value, bounds, labelled: true });
      }
    }),
  );
  return figures;
}
