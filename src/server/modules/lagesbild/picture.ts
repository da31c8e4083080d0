import { cellToBoundary } from 'h3-js';
import { cellCentre } from '../../../shared/event-cells';
import { WEEKDAY_NAMES } from '../../../shared/presence';
import { formatCell, suppressCount, suppressPeriods, suppressTable, type Cell } from '../../../shared/suppression';
import { BASELINE_WEEKS, HOTSPOT_LIMIT, isoWeekNumber, type Hotspot, type Lagesbild, type LagesbildChange, type PresenceGap } from '../../../shared/lagesbild';
import type { Language } from '../../http/messages';
import { testChange, CHANGE_ALPHA, CHANGE_MIN_COUNT } from './change';
import type { WeekCounts } from './figures';

/**
 * The week's picture from its counts: pure, so the suppressed and the exact picture are the same code
 * and a test can build one from constructed counts.
 *
 * Suppression (issue 14 §4), for the analyst, a sent copy and the PDF: the category table (this week and
 * the same week last year, with column totals) through suppressTable, so no small count can be worked out
 * from a total; the weekday × hour grid the same way with its weekday, hour and grand totals; each
 * trend week on its own (suppressPeriods), this week's column taken from the table so the two agree, and
 * the 8-week mean shown only when none of its weeks is hidden. Hot-spot cells below k are left out.
 */

export interface PictureInput {
  week: string;
  weeks: string[];
  lastYearWeek: string;
  previousWeek: string;
  nextWeek: string;
  dates: string[];
  areaId: string | null;
  areaName: string | null;
  language: Language;
  k: number;
  suppressed: boolean;
  categories: { code: string; name: string }[];
  counts: WeekCounts;
  cellHistory: Map<string, Map<number, number>>;
  placesByCell: Map<string, { id: string; name: string }[]>;
  presenceGaps: PresenceGap[];
  state: Lagesbild['state'];
  abilities: Record<string, boolean>;
}

const value = (n: number): Cell => ({ kind: 'value', value: n });
const round1 = (n: number) => Math.round(n * 10) / 10;

const WORDS = {
  sv: {
    events: (n: string) => `${n} händelser`,
    against: (mean: string) => `mot i snitt ${mean} de 8 veckorna före`,
    cell: 'ruta',
    method: `Ett tal markeras när det ligger klart över sin egen nivå: sannolikheten att få minst så många händelser om veckan vore som de 8 veckorna före (Poissonfördelning med deras medelvärde) är under ${CHANGE_ALPHA}, och veckan har minst ${CHANGE_MIN_COUNT} händelser.`,
  },
  en: {
    events: (n: string) => `${n} events`,
    against: (mean: string) => `against a mean of ${mean} in the 8 weeks before`,
    cell: 'cell',
    method: `A figure is marked when it lies well above its own level: the probability of at least that many events if the week were like the 8 weeks before (a Poisson distribution with their mean) is below ${CHANGE_ALPHA}, and the week has at least ${CHANGE_MIN_COUNT} events.`,
  },
};

export function formatNumber(n: number, language: Language): string {
  return n.toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
}

const pText = (p: number, language: Language) => {
  const text = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  return language === 'sv' ? text.replace('.', ',') : text;
};

export function buildPicture(input: PictureInput): Lagesbild {
  const { language, k, suppressed } = input;
  const words = WORDS[language];
  const weekNumbers = input.weeks.map(isoWeekNumber);
  const current = isoWeekNumber(input.week);
  const lastYear = isoWeekNumber(input.lastYearWeek);
  const countOf = (week: number, code: string) => input.counts.byWeek.get(week)?.get(code) ?? 0;
  const currentIndex = weekNumbers.indexOf(current);
  const baseline = weekNumbers.slice(Math.max(0, currentIndex - BASELINE_WEEKS), currentIndex);

  // Categories: the tenant's, and any other code that has counts in the window.
  const seen = new Map(input.categories.map((category) => [category.code, category.name]));
  for (const byCategory of input.counts.byWeek.values()) for (const code of byCategory.keys()) if (!seen.has(code)) seen.set(code, code);
  const codes = [...seen.keys()];

  const thisWeek = codes.map((code) => countOf(current, code));
  const lastYearCounts = codes.map((code) => countOf(lastYear, code));
  const table = suppressed
    ? suppressTable(
        codes.map((_, row) => [thisWeek[row]!, lastYearCounts[row]!]),
        k,
        { rows: false, columns: true, grand: false },
      )
    : null;
  const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);

  const trendSeries = codes.map((code, row) => {
    const counts = weekNumbers.map((week) => countOf(week, code));
    const baseWindow = { from: Math.max(0, currentIndex - BASELINE_WEEKS), to: currentIndex - 1 };
    if (!suppressed) return { counts: counts.map(value), mean: value(round1(sum(counts.slice(baseWindow.from, currentIndex)) / BASELINE_WEEKS)) };
    const periods = suppressPeriods(counts, k, currentIndex > 0 ? [baseWindow] : []);
    const cells = periods.periods.map((cell, index) => (index === currentIndex ? table!.cells[row]![0]! : cell));
    const window = periods.windows[0];
    const mean: Cell = !window ? value(0) : window.kind === 'value' ? value(round1(window.value / BASELINE_WEEKS)) : { kind: 'suppressed', below: null };
    return { counts: cells, mean };
  });

  const categories = codes.map((code, row) => {
    const history = baseline.map((week) => countOf(week, code));
    const change = testChange(thisWeek[row]!, history);
    return {
      code,
      name: seen.get(code)!,
      count: table ? table.cells[row]![0]! : value(thisWeek[row]!),
      mean: trendSeries[row]!.mean,
      lastYear: table ? table.cells[row]![1]! : value(lastYearCounts[row]!),
      notable: change.notable,
      change,
    };
  });

  const totalHistory = baseline.map((week) => sum(codes.map((code) => countOf(week, code))));
  const total = {
    count: table ? table.columnTotals![0]! : value(sum(thisWeek)),
    lastYear: table ? table.columnTotals![1]! : value(sum(lastYearCounts)),
    mean: suppressed && trendSeries.some((series) => series.mean.kind === 'suppressed') ? ({ kind: 'suppressed', below: null } as Cell) : value(round1(sum(totalHistory) / BASELINE_WEEKS)),
  };

  // Notable changes, in words: categories first, then hot-spot cells. A suppressed picture names a
  // change only when its figure is visible (a notable count is at least 5, so usually it is).
  const changes: LagesbildChange[] = [];
  const shown = (cell: Cell) => !suppressed || cell.kind === 'value';
  for (const row of categories) {
    if (!row.notable || !shown(row.count)) continue;
    const meanText = row.mean.kind === 'value' ? formatNumber(row.mean.value, language) : formatCell(row.mean, language);
    changes.push({
      level: 'category',
      category: row.code,
      cell: null,
      current: thisWeek[codes.indexOf(row.code)]!,
      mean: round1(row.change.mean),
      pValue: row.change.pValue,
      text: `${row.name}: ${words.events(formatNumber(thisWeek[codes.indexOf(row.code)]!, language))} ${words.against(meanText)} (${pText(row.change.pValue, language)}).`,
    });
  }

  // Hot-spots: this week's cells by count (at least 2 events; at least k when suppressed).
  const cellTotals = [...input.counts.cells.entries()]
    .map(([cell, byCategory]) => ({ cell, count: sum([...byCategory.values()]), byCategory }))
    .filter((entry) => entry.count >= (suppressed ? Math.max(2, k) : 2))
    .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell))
    .slice(0, HOTSPOT_LIMIT);
  const hotspots: Hotspot[] = cellTotals.map((entry) => {
    const top = [...entry.byCategory.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      cell: entry.cell,
      count: suppressed ? suppressCount(entry.count, k) : value(entry.count),
      centre: cellCentre(entry.cell),
      boundary: cellToBoundary(entry.cell).map(([lat, lng]) => [round6(lat), round6(lng)] as [number, number]),
      places: input.placesByCell.get(entry.cell) ?? [],
      topCategory: top ? (seen.get(top[0]) ?? top[0]) : null,
    };
  });
  for (const spot of hotspots) {
    const history = baseline.map((week) => input.cellHistory.get(spot.cell)?.get(week) ?? 0);
    const count = cellTotals.find((entry) => entry.cell === spot.cell)!.count;
    const change = testChange(count, history);
    if (!change.notable) continue;
    const where = spot.places.length > 0 ? spot.places.map((p) => p.name).join(', ') : `${words.cell} ${spot.cell}`;
    changes.push({
      level: 'cell',
      category: spot.topCategory ?? '',
      cell: spot.cell,
      current: count,
      mean: round1(change.mean),
      pValue: change.pValue,
      text: `${where}: ${words.events(formatNumber(count, language))} ${words.against(formatNumber(round1(change.mean), language))} (${pText(change.pValue, language)}).`,
    });
  }

  // Weekday × hour, with the events that have only a day as a 25th column.
  const grid = Array.from({ length: 7 }, () => new Array<number>(25).fill(0));
  for (const row of input.counts.hours) grid[row.weekday - 1]![row.hour < 0 ? 24 : row.hour]! += row.count;
  const heatTable = suppressed ? suppressTable(grid, k) : null;
  const heatCells = grid.map((line, day) => line.map((n, hour) => (heatTable ? heatTable.cells[day]![hour]! : value(n))));

  return {
    week: input.week,
    previousWeek: input.previousWeek,
    nextWeek: input.nextWeek,
    lastYearWeek: input.lastYearWeek,
    dates: input.dates,
    areaId: input.areaId,
    areaName: input.areaName,
    suppressed,
    k,
    categories: categories.map(({ change: _change, ...row }) => row),
    total,
    changes,
    method: words.method,
    hotspots,
    heat: {
      cells: heatCells.map((line) => line.slice(0, 24)),
      unknownHour: heatCells.map((line) => line[24]!),
      max: Math.max(0, ...heatCells.flatMap((line) => line.slice(0, 24).map((cell) => (cell.kind === 'value' ? cell.value : 0)))),
    },
    trend: { weeks: input.weeks, series: codes.map((code, row) => ({ code, name: seen.get(code)!, counts: trendSeries[row]!.counts })) },
    presenceGaps: input.presenceGaps,
    state: input.state,
    abilities: input.abilities,
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** "Fredag 20–23 vid Stortorget: ingen planerad närvaro" */
export function gapText(weekday: number, fromHour: number, toHour: number, where: string, language: Language): string {
  const none = language === 'sv' ? 'ingen planerad närvaro' : 'no presence planned';
  const at = language === 'sv' ? 'vid' : 'at';
  return `${WEEKDAY_NAMES[language][weekday - 1]} ${fromHour}–${toHour} ${at} ${where}: ${none}`;
}
