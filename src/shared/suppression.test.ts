import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveCell,
  describeCell,
  formatCell,
  suppressCount,
  suppressPeriods,
  suppressSeries,
  suppressTable,
  suppressionLegend,
  validateSuppressionK,
  type Cell,
  type Margins,
  type SuppressedTable,
} from './suppression';
import { canMove, feasibleRanges, type HiddenFigure } from './suppression-intervals';

const ALL_MARGINS: Margins = { rows: true, columns: true, grand: true };

/** Counts as a lägesbild has them: many zeros, many small, some large. */
const countOf = (k: number) => fc.oneof(fc.constant(0), fc.integer({ min: 1, max: k - 1 }), fc.integer({ min: k, max: 40 }));
const tableOf = (k: number, maxRows: number, maxColumns: number) =>
  fc.integer({ min: 1, max: maxColumns }).chain((columns) => fc.array(fc.array(countOf(k), { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: maxRows }));
const kArb = fc.integer({ min: 3, max: 10 });
const tableAndK = (maxRows: number, maxColumns: number) => kArb.chain((k) => fc.tuple(fc.constant(k), tableOf(k, maxRows, maxColumns)));

// ---- An oracle that shares no code with the suppression: brute force over small tables. ----

interface Figure {
  row: number;
  column: number;
  value: number;
  cell: Cell | null;
}

/** The extended table as figures: cells, then row totals (column C), column totals (row R), grand total. */
function figuresOf(counts: number[][], result: Pick<SuppressedTable, 'cells' | 'rowTotals' | 'columnTotals' | 'grandTotal'>): Figure[] {
  const rows = counts.length;
  const columns = counts[0]!.length;
  const rowSum = (row: number) => counts[row]!.reduce((a, b) => a + b, 0);
  const columnSum = (column: number) => counts.reduce((a, line) => a + line[column]!, 0);
  const figures: Figure[] = [];
  counts.forEach((line, row) => line.forEach((value, column) => figures.push({ row, column, value, cell: result.cells[row]![column]! })));
  for (let row = 0; row < rows; row += 1) figures.push({ row, column: columns, value: rowSum(row), cell: result.rowTotals?.[row] ?? null });
  for (let column = 0; column < columns; column += 1) figures.push({ row: rows, column, value: columnSum(column), cell: result.columnTotals?.[column] ?? null });
  figures.push({ row: rows, column: columns, value: counts.flat().reduce((a, b) => a + b, 0), cell: result.grandTotal });
  return figures;
}

/** What a reader knows of a figure from its label. */
function labelBounds(cell: Cell): [number, number] {
  if (cell.kind === 'value') return [cell.value, cell.value];
  return cell.below === null ? [0, Number.POSITIVE_INFINITY] : [1, cell.below - 1];
}

/**
 * For each published hidden figure, the set of values it takes over all tables a reader cannot tell from
 * the published one. Only inner cells are enumerated (totals follow), each within ±1 of its true value:
 * if a figure can take another value at all, it can with every other figure moved by at most one (a
 * single alternating cycle of the difference), so the box is enough to decide "more than one value".
 * `secondaryAtLeastK` says whether "x" tells the reader the figure is at least k (it does: complementary
 * figures are never zeros or small).
 */
function valuesAReaderCannotRuleOut(counts: number[][], result: SuppressedTable, secondaryAtLeastK = true): Map<string, Set<number>> {
  const rows = counts.length;
  const columns = counts[0]!.length;
  const bounds = (cell: Cell): [number, number] => {
    const [min, max] = labelBounds(cell);
    return cell.kind === 'suppressed' && cell.below === null && secondaryAtLeastK ? [result.k, max] : [min, max];
  };
  const figures = figuresOf(counts, result);
  const inner = figures.filter((figure) => figure.row < rows && figure.column < columns);
  const free = inner.filter((figure) => figure.cell!.kind === 'suppressed');
  const seen = new Map<string, Set<number>>();
  const key = (figure: Pick<Figure, 'row' | 'column'>) => `${figure.row},${figure.column}`;
  for (const figure of figures) if (figure.cell?.kind === 'suppressed') seen.set(key(figure), new Set());

  const trial = counts.map((line) => [...line]);
  const check = () => {
    for (const figure of inner) {
      const [min, max] = bounds(figure.cell!);
      if (trial[figure.row]![figure.column]! < Math.max(0, min) || trial[figure.row]![figure.column]! > max) return;
    }
    const totals: Figure[] = [];
    for (let row = 0; row < rows; row += 1) totals.push({ row, column: columns, value: trial[row]!.reduce((a, b) => a + b, 0), cell: null });
    for (let column = 0; column < columns; column += 1) totals.push({ row: rows, column, value: trial.reduce((a, line) => a + line[column]!, 0), cell: null });
    totals.push({ row: rows, column: columns, value: trial.flat().reduce((a, b) => a + b, 0), cell: null });
    for (const total of totals) {
      const published = figures.find((figure) => figure.row === total.row && figure.column === total.column)!.cell;
      if (published === null) continue;
      const [min, max] = bounds(published);
      if (total.value < min || total.value > max) return;
    }
    for (const figure of free) seen.get(key(figure))!.add(trial[figure.row]![figure.column]!);
    for (const total of totals) seen.get(key(total))?.add(total.value);
  };
  const walk = (index: number) => {
    if (index === free.length) return check();
    const figure = free[index]!;
    for (const delta of [-1, 0, 1]) {
      trial[figure.row]![figure.column] = figure.value + delta;
      walk(index + 1);
    }
    trial[figure.row]![figure.column] = figure.value;
  };
  walk(0);
  return seen;
}

const exposedFigures = (counts: number[][], result: SuppressedTable, secondaryAtLeastK = true) =>
  [...valuesAReaderCannotRuleOut(counts, result, secondaryAtLeastK)].filter(([, values]) => values.size < 2).map(([key]) => key);

/** The textbook version: primary suppression, then at least two hidden per line. Not enough. */
function naiveSuppress(counts: number[][], k: number): SuppressedTable {
  const rows = counts.length;
  const columns = counts[0]!.length;
  const grid = counts.map((line) => [...line, line.reduce((a, b) => a + b, 0)]);
  grid.push(Array.from({ length: columns + 1 }, (_, column) => grid.reduce((a, line) => a + line[column]!, 0)));
  const primary = grid.map((line) => line.map((value) => value >= 1 && value < k));
  const hidden = primary.map((line) => [...line]);
  const lines = [
    ...grid.map((_, row) => grid[0]!.map((__, column) => [row, column] as const)),
    ...grid[0]!.map((_, column) => grid.map((__, row) => [row, column] as const)),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([row, column]) => hidden[row]![column]).length !== 1) continue;
      const candidate = line.filter(([row, column]) => !hidden[row]![column] && grid[row]![column]! > 0).sort(([ra, ca], [rb, cb]) => grid[ra]![ca]! - grid[rb]![cb]!)[0];
      if (candidate) {
        hidden[candidate[0]]![candidate[1]] = true;
        changed = true;
      }
    }
  }
  const cell = (row: number, column: number): Cell => (hidden[row]![column] ? { kind: 'suppressed', below: primary[row]![column] ? k : null } : { kind: 'value', value: grid[row]![column]! });
  return {
    k,
    cells: counts.map((line, row) => line.map((_, column) => cell(row, column))),
    rowTotals: counts.map((_, row) => cell(row, columns)),
    columnTotals: Array.from({ length: columns }, (_, column) => cell(rows, column)),
    grandTotal: cell(rows, columns),
    withheld: false,
  };
}

const visibleValues = (result: SuppressedTable) =>
  [...result.cells.flat(), ...(result.rowTotals ?? []), ...(result.columnTotals ?? []), ...(result.grandTotal ? [result.grandTotal] : [])].flatMap((cell) => (cell.kind === 'value' ? [cell.value] : []));

describe('k', () => {
  it('is an integer from 3 up; 5 is the default the tenant starts with', () => {
    expect(validateSuppressionK(5)).toBe(5);
    expect(validateSuppressionK(3)).toBe(3);
    for (const bad of [2, 0, -5, 4.5, Number.NaN, 101]) expect(() => validateSuppressionK(bad), String(bad)).toThrow(RangeError);
    expect(() => suppressTable([[1]], 2)).toThrow(RangeError);
    expect(() => suppressSeries([1, 2], 1)).toThrow(RangeError);
    expect(() => suppressPeriods([1], 2, [])).toThrow(RangeError);
  });

  it('refuses what is not a count', () => {
    expect(() => suppressTable([[1, -1]], 5)).toThrow(RangeError);
    expect(() => suppressTable([[1.5]], 5)).toThrow(RangeError);
    expect(() => suppressTable([[1, 2], [3]], 5)).toThrow(RangeError);
  });
});

describe('primary suppression', () => {
  it('shows 1..k−1 as "< k", and 0 and k as they are', () => {
    expect([0, 1, 4, 5, 17].map((count) => formatCell(suppressCount(count, 5)))).toEqual(['0', '< 5', '< 5', '5', '17']);
    expect(formatCell(suppressCount(2, 3), 'en')).toBe('< 3');
    expect(formatCell(suppressCount(1234, 5))).toBe('1\u00a0234');
  });

  it('property: no visible figure is 1..k−1, whatever the table and k', () => {
    fc.assert(
      fc.property(tableAndK(6, 6), ([k, counts]) => {
        for (const value of visibleValues(suppressTable(counts, k))) expect(value === 0 || value >= k).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: every count 1..k−1 is labelled "< k", every hidden larger figure "x"', () => {
    fc.assert(
      fc.property(tableAndK(5, 5), ([k, counts]) => {
        const result = suppressTable(counts, k);
        if (result.withheld) return;
        for (const figure of figuresOf(counts, result)) {
          if (figure.cell?.kind !== 'suppressed') continue;
          expect(figure.cell.below === k).toBe(figure.value >= 1 && figure.value < k);
          expect(figure.value).toBeGreaterThan(0); // a zero is never hidden
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('secondary suppression', () => {
  it('a lone small cell under a visible total takes the smallest other cell of its row and column with it', () => {
    const result = suppressTable(
      [
        [3, 10, 40],
        [20, 12, 50],
      ],
      5,
    );
    expect(result.cells.map((line) => line.map((cell) => formatCell(cell)))).toEqual([
      ['< 5', 'x', '40'],
      ['x', 'x', '50'],
    ]);
    expect(result.rowTotals!.map((cell) => formatCell(cell))).toEqual(['53', '82']);
    expect(exposedFigures([[3, 10, 40], [20, 12, 50]], result)).toEqual([]);
  });

  it('the naive rule (two per line) leaks: 1 and 1 beside 20 under a total of 22 are both 1; ours does not', () => {
    const counts = [
      [1, 1, 20],
      [1, 1, 20],
    ];
    const naive = naiveSuppress(counts, 5);
    expect(naive.rowTotals!.map((cell) => formatCell(cell))).toEqual(['22', '22']);
    expect(exposedFigures(counts, naive)).toContain('0,0');
    const ours = suppressTable(counts, 5);
    expect(exposedFigures(counts, ours)).toEqual([]);
    expect(ours.withheld).toBe(false);
  });

  it('the oracle can fail: fast-check finds a table the naive rule leaks', () => {
    const outcome = fc.check(
      fc.property(tableAndK(3, 3), ([k, counts]) => exposedFigures(counts, naiveSuppress(counts, k)).length === 0),
      { numRuns: 500, seed: 14 },
    );
    expect(outcome.failed).toBe(true);
  });

  it('property: in every line whose total is shown, 0 or at least 2 cells are hidden', () => {
    fc.assert(
      fc.property(tableAndK(7, 7), ([k, counts]) => {
        const result = suppressTable(counts, k);
        result.cells.forEach((line, row) => {
          if (result.rowTotals![row]!.kind === 'value') expect(line.filter((cell) => cell.kind === 'suppressed').length).not.toBe(1);
        });
        result.columnTotals!.forEach((total, column) => {
          const column_ = [...result.cells.map((line) => line[column]!)];
          if (total.kind === 'value') expect(column_.filter((cell) => cell.kind === 'suppressed').length).not.toBe(1);
        });
        if (result.grandTotal!.kind === 'value') {
          expect(result.rowTotals!.filter((cell) => cell.kind === 'suppressed').length).not.toBe(1);
          expect(result.columnTotals!.filter((cell) => cell.kind === 'suppressed').length).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property (brute force): no hidden figure can be told exactly, knowing "< k" = 1..k−1 and "x" ≥ k', () => {
    fc.assert(
      fc.property(tableAndK(3, 3), ([k, counts]) => {
        const result = suppressTable(counts, k);
        if (result.withheld) return;
        expect(exposedFigures(counts, result)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('property: the flow-based range agrees with brute force on whether a hidden figure can move', () => {
    fc.assert(
      fc.property(tableAndK(3, 3), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), ([k, counts], extraHidden) => {
        // A random hiding pattern on top of the primary one, labelled as the suppression would label it.
        const result = suppressTable(counts, k, ALL_MARGINS);
        const figures = figuresOf(counts, result).map((figure, index) => {
          const small = figure.value >= 1 && figure.value < k;
          const hide = small || (figure.value >= k && extraHidden[index % 16]!);
          const cell: Cell = hide ? { kind: 'suppressed', below: small ? k : null } : { kind: 'value', value: figure.value };
          return { ...figure, cell };
        });
        const rows = counts.length;
        const columns = counts[0]!.length;
        const relabelled: SuppressedTable = {
          k,
          withheld: false,
          cells: counts.map((line, row) => line.map((_, column) => figures.find((f) => f.row === row && f.column === column)!.cell!)),
          rowTotals: counts.map((_, row) => figures.find((f) => f.row === row && f.column === columns)!.cell!),
          columnTotals: counts[0]!.map((_, column) => figures.find((f) => f.row === rows && f.column === column)!.cell!),
          grandTotal: figures.find((f) => f.row === rows && f.column === columns)!.cell!,
        };
        const brute = valuesAReaderCannotRuleOut(counts, relabelled);
        const hidden: HiddenFigure[] = figures
          .filter((figure) => figure.cell!.kind === 'suppressed')
          .map((figure) => {
            const cell = figure.cell as Extract<Cell, { kind: 'suppressed' }>;
            return { row: figure.row, column: figure.column, value: figure.value, bounds: cell.below === null ? { min: k, max: Infinity } : { min: 1, max: k - 1 } };
          });
        const ranges = feasibleRanges(rows, columns, hidden);
        hidden.forEach((figure, index) => {
          const values = brute.get(`${figure.row},${figure.column}`)!;
          expect(canMove(rows, columns, hidden, index), `${figure.row},${figure.column}`).toBe(values.size > 1);
          expect(ranges[index]!.min).toBeLessThanOrEqual(Math.min(...values));
          expect(ranges[index]!.max).toBeGreaterThanOrEqual(Math.max(...values));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('computes the exact range a reader can narrow a hidden cell to', () => {
    // Row: a (hidden, "< 5") + b ("x", ≥ 5) = 9 − 0; a = 2, b = 7 → a can be 1..4 (b 8..5).
    const hidden: HiddenFigure[] = [
      { row: 0, column: 0, value: 2, bounds: { min: 1, max: 4 } },
      { row: 0, column: 1, value: 7, bounds: { min: 5, max: Infinity } },
      { row: 1, column: 0, value: 2, bounds: { min: 1, max: 4 } },
      { row: 1, column: 1, value: 7, bounds: { min: 5, max: Infinity } },
    ];
    // One row of cells, its column totals equal the cells: rows = 1, columns = 2, row total visible.
    expect(feasibleRanges(1, 2, hidden)).toEqual([
      { min: 1, max: 4 },
      { min: 5, max: 8 },
      { min: 1, max: 4 },
      { min: 5, max: 8 },
    ]);
    // a = 1 beside b = 5 under a sum of 6: a reader knowing b ≥ 5 knows a = 1.
    const tight = hidden.map((figure) => ({ ...figure, value: figure.bounds.min }));
    expect(feasibleRanges(1, 2, tight)[0]).toEqual({ min: 1, max: 1 });
  });

  it('withholds the whole table when the labels alone would tell (k = 3: 1 and 1 with a total "< 3")', () => {
    const result = suppressTable([[1, 1]], 3);
    expect(result.withheld).toBe(true);
    expect([...result.cells.flat(), ...result.rowTotals!, ...result.columnTotals!, result.grandTotal!].every((cell) => cell.kind === 'suppressed' && cell.below === null)).toBe(true);
  });

  it('never withholds a table with nothing small in it, and changes nothing there', () => {
    fc.assert(
      fc.property(kArb, fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 10, max: 50 })), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (k, counts) => {
        const result = suppressTable(counts, k);
        expect(result.withheld).toBe(false);
        expect(result.cells.flat().every((cell) => cell.kind === 'value')).toBe(true);
      }),
    );
  });

  it('property: deterministic, so a week shown again hides the same cells', () => {
    fc.assert(
      fc.property(tableAndK(6, 6), ([k, counts]) => {
        expect(suppressTable(counts, k)).toEqual(suppressTable(counts.map((line) => [...line]), k));
      }),
      { numRuns: 100 },
    );
  });

  it('a table without totals protects each cell on its own', () => {
    const result = suppressTable([[3, 10], [0, 7]], 5, { rows: false, columns: false, grand: false });
    expect(result.cells.map((line) => line.map((cell) => formatCell(cell)))).toEqual([['< 5', '10'], ['0', '7']]);
    expect(result.rowTotals).toBeNull();
  });

  it('handles a table 20 categories × 10 areas fast enough for a page', () => {
    const counts = Array.from({ length: 20 }, (_, row) => Array.from({ length: 10 }, (_, column) => ((row * 7 + column * 3) % 9) * ((row + column) % 3)));
    const started = performance.now();
    const result = suppressTable(counts, 5);
    expect(performance.now() - started).toBeLessThan(2_000); // a loose ceiling: the bench is where speed is measured
    expect(visibleValues(result).every((value) => value === 0 || value >= 5)).toBe(true);
  });
});

describe('a single series with its total', () => {
  it('one small count under a visible total takes the next smallest with it', () => {
    const result = suppressSeries([12, 3, 0, 8, 30], 5);
    expect(result.cells.map((cell) => formatCell(cell))).toEqual(['12', '< 5', '0', 'x', '30']);
    expect(formatCell(result.total!)).toBe('53');
  });

  it('two small ones that would add up to a telling sum take a third', () => {
    // 1 + 1 = 2 under a total 22 − 20: both would be 1.
    const result = suppressSeries([1, 1, 20, 30], 5);
    expect(result.cells.map((cell) => formatCell(cell))).toEqual(['< 5', '< 5', 'x', '30']);
  });

  it('without a total, only the small counts are hidden', () => {
    expect(suppressSeries([12, 3, 0], 5, { total: false }).cells.map((cell) => formatCell(cell))).toEqual(['12', '< 5', '0']);
  });

  it('property (brute force): no hidden count of a series can be told exactly', () => {
    fc.assert(
      fc.property(kArb.chain((k) => fc.tuple(fc.constant(k), fc.array(countOf(k), { minLength: 1, maxLength: 8 }))), ([k, counts]) => {
        const series = suppressSeries(counts, k);
        if (series.withheld) return;
        const total = counts.reduce((a, b) => a + b, 0);
        const shown = series.total!;
        if (shown.kind === 'value') expect(shown.value).toBe(total);
        const asTable: SuppressedTable = { k, withheld: false, cells: [series.cells], rowTotals: [series.total!], columnTotals: null, grandTotal: null };
        expect(exposedFigures([counts], asTable)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('consecutive weeks and windows of weeks', () => {
  it('hides an 8-week total that would give back a hidden week, and shows one that would not', () => {
    const weeks = [12, 9, 3, 10, 11, 8, 7, 9, 14, 6];
    const result = suppressPeriods(weeks, 5, [
      { from: 0, to: 7 }, // holds the 3
      { from: 1, to: 8 }, // holds the 3
      { from: 3, to: 9 }, // no hidden week
    ]);
    expect(result.periods.map((cell) => formatCell(cell))).toEqual(['12', '9', '< 5', '10', '11', '8', '7', '9', '14', '6']);
    expect(result.windows.map((cell) => formatCell(cell))).toEqual(['x', 'x', '65']);
  });

  it('property: a week looks the same in every window that includes it, and no visible window sum covers a hidden week', () => {
    fc.assert(
      fc.property(kArb.chain((k) => fc.tuple(fc.constant(k), fc.array(countOf(k), { minLength: 9, maxLength: 30 }))), ([k, weeks]) => {
        const windows = weeks.slice(8).map((_, index) => ({ from: index, to: index + 8 }));
        const shifted = suppressPeriods(weeks.slice(1), k, []);
        const result = suppressPeriods(weeks, k, windows);
        expect(result.periods.slice(1)).toEqual(shifted.periods); // the same week, suppressed the same way
        result.windows.forEach((cell, index) => {
          if (cell.kind !== 'value') return;
          const covered = result.periods.slice(windows[index]!.from, windows[index]!.to + 1);
          expect(covered.every((week) => week.kind === 'value')).toBe(true);
          expect(cell.value === 0 || cell.value >= k).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a small window sum is "< k" itself', () => {
    expect(suppressPeriods([0, 2, 0], 5, [{ from: 0, to: 2 }]).windows[0]).toEqual({ kind: 'suppressed', below: 5 });
    expect(() => suppressPeriods([1, 2], 5, [{ from: 1, to: 2 }])).toThrow(RangeError);
  });

  it('a mean or change computed from a hidden week is hidden too', () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(deriveCell([{ kind: 'value', value: 8 }, { kind: 'value', value: 6 }], mean)).toEqual({ kind: 'value', value: 7 });
    expect(deriveCell([{ kind: 'value', value: 8 }, { kind: 'suppressed', below: 5 }], mean)).toEqual({ kind: 'suppressed', below: null });
  });
});

describe('formatting', () => {
  it('writes "< k", "x" and numbers in the language, with words for screen readers and a legend', () => {
    const small: Cell = { kind: 'suppressed', below: 5 };
    const complementary: Cell = { kind: 'suppressed', below: null };
    expect([formatCell(small), formatCell(complementary), formatCell({ kind: 'value', value: 4.25 })]).toEqual(['< 5', 'x', '4,3']);
    expect(formatCell({ kind: 'value', value: 4.25 }, 'en')).toBe('4.3');
    expect(describeCell(small)).toBe('färre än 5');
    expect(describeCell(small, 'en')).toBe('fewer than 5');
    expect(describeCell(complementary)).toMatch(/dold/);
    expect(suppressionLegend(5)).toContain('1–4');
    expect(suppressionLegend(3, 'en')).toContain('1 to 2');
  });
});
