import type { Tx } from '../../db/client';
import type { Actor } from '../../policy/actor';
import type { Language } from '../../http/messages';
import type { PresenceGap } from '../../../shared/lagesbild';
import { computeCoverage, loadCoverageInput } from '../presence/coverage';
import { loadHolidayCalendar } from '../presence/occurrences';
import { gapText } from './picture';

/**
 * Presence against hot-spots (issue 14 §2): for each hot cell, the hours its events happen (this week
 * and the 8 before, weekday × hour), merged into windows; a window where none of the presence the reader
 * may see is planned this week, at a place in the cell or for its area, becomes a suggestion
 * "Fredag 20–23 vid Stortorget: ingen planerad närvaro". The presence module's own expansion and
 * coverage decide what is planned, so the two pages never disagree.
 */

/** Hours with at least this many events over the weeks read count as "when it happens". */
const BUSY_HOUR_MIN = 2;
const WINDOWS_PER_CELL = 2;

export interface HotCell {
  cell: string;
  places: { id: string; name: string }[];
}

export async function presenceGaps(
  tx: Tx,
  actor: Actor,
  input: {
    areaId: string | null;
    hotCells: HotCell[];
    cellHours: { cell: string; areaId: string | null; weekday: number; hour: number; count: number }[];
    window: { from: Date; to: Date; dates: string[] };
    language: Language;
    showCounts: boolean;
  },
): Promise<PresenceGap[]> {
  if (input.hotCells.length === 0 || input.cellHours.length === 0) return [];
  const loaded = await loadCoverageInput(tx, actor, input.window, input.areaId ? { areaId: input.areaId } : {});
  const calendar = await loadHolidayCalendar(tx, actor.tenantId);
  const coverage = computeCoverage({ ...loaded, dates: input.window.dates, window: input.window, calendar, language: input.language });
  const placeGrid = new Map(coverage.places.map((subject) => [subject.id, subject.grid]));
  const areaGrid = new Map(coverage.areas.map((subject) => [subject.id, subject.grid]));

  const gaps: PresenceGap[] = [];
  for (const hot of input.hotCells) {
    const hours = input.cellHours.filter((row) => row.cell === hot.cell);
    const byArea = new Map<string, number>();
    for (const row of hours) if (row.areaId) byArea.set(row.areaId, (byArea.get(row.areaId) ?? 0) + row.count);
    const cellArea = input.areaId ?? [...byArea.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const staffAt = (weekday: number, hour: number) => {
      let staff = 0;
      for (const p of hot.places) staff = Math.max(staff, placeGrid.get(p.id)?.[weekday - 1]?.[hour]?.staff ?? 0);
      if (cellArea) staff = Math.max(staff, areaGrid.get(cellArea)?.[weekday - 1]?.[hour]?.staff ?? 0);
      return staff;
    };
    const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const row of hours) counts[row.weekday - 1]![row.hour]! += row.count;
    const windows: { weekday: number; fromHour: number; toHour: number; events: number }[] = [];
    for (let day = 0; day < 7; day += 1) {
      let hour = 0;
      while (hour < 24) {
        if (counts[day]![hour]! < BUSY_HOUR_MIN) {
          hour += 1;
          continue;
        }
        let end = hour;
        let events = 0;
        while (end < 24 && counts[day]![end]! >= BUSY_HOUR_MIN) events += counts[day]![end++]!;
        windows.push({ weekday: day + 1, fromHour: hour, toHour: end, events });
        hour = end;
      }
    }
    const uncovered = windows
      .filter((w) => Array.from({ length: w.toHour - w.fromHour }, (_, i) => staffAt(w.weekday, w.fromHour + i)).every((staff) => staff === 0))
      .sort((a, b) => b.events - a.events || a.weekday - b.weekday || a.fromHour - b.fromHour)
      .slice(0, WINDOWS_PER_CELL);
    const place = hot.places[0] ?? null;
    const where = hot.places.length > 0 ? hot.places.map((p) => p.name).join(', ') : input.language === 'sv' ? `rutan ${hot.cell}` : `cell ${hot.cell}`;
    for (const w of uncovered) {
      const why = input.showCounts ? (input.language === 'sv' ? ` (${w.events} händelser de senaste 9 veckorna)` : ` (${w.events} events in the last 9 weeks)`) : '';
      gaps.push({ cell: hot.cell, placeId: place?.id ?? null, placeName: place?.name ?? null, weekday: w.weekday, fromHour: w.fromHour, toHour: w.toHour, text: `${gapText(w.weekday, w.fromHour, w.toHour, where, input.language)}${why}` });
    }
  }
  return gaps;
}
