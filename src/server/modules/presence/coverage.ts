import { and, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, place, presenceEntry } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import type { CoverageCell, CoverageGap, CoverageSubject } from '../../../shared/presence';
import { WEEKDAY_NAMES } from '../../../shared/presence';
import type { YouthLevel } from '../../../shared/places';
import { instantOfWallTime, parseLocalDate } from '../../../shared/stockholm-time';
import type { Language } from '../../http/messages';
import { visibleTo } from './entries';
import { expandOccurrences, type HolidayCalendar, type PresenceEntryRow } from './occurrences';

/**
 * Coverage (issue 13 §3): for each place and each weekday × hour of a week, the ungdomstider level
 * against the presence planned there. A `gap` is an hour with many young people and nobody planned; a
 * `thin` one has some young people and nobody. Presence planned for an area covers every place in it.
 *
 * It counts only the presence the reader may see (the same visibility rule as everywhere): an authority
 * reader's coverage includes authorities-only presence, an association reader's never counts it, so
 * nothing hidden leaks through a "covered" cell.
 */

export interface CoveragePlace {
  id: string;
  name: string;
  type: string;
  areaId: string | null;
  /** 168 levels, index (weekday − 1) × 24 + hour; null where none is set. */
  levels: (YouthLevel | null)[];
}

export interface CoverageArea {
  id: string;
  name: string;
}

export interface CoverageInput {
  dates: string[];
  window: { from: Date; to: Date };
  places: CoveragePlace[];
  areas: CoverageArea[];
  entries: PresenceEntryRow[];
  calendar: HolidayCalendar;
  language: Language;
}

const LEVEL_RANK: Record<YouthLevel, number> = { few: 1, some: 2, many: 3 };
const LEVEL_CODES: Record<string, YouthLevel> = { f: 'few', s: 'some', m: 'many' };
const SLOTS = 7 * 24;

/** The instant each local hour of the week starts at, plus the week's end: 169 boundaries. */
function slotBoundaries(dates: string[], to: Date): number[] {
  const boundaries: number[] = [];
  for (const date of dates) {
    const day = parseLocalDate(date);
    for (let hour = 0; hour < 24; hour += 1) boundaries.push(instantOfWallTime({ ...day, hour, minute: 0 }).getTime());
  }
  boundaries.push(to.getTime());
  return boundaries;
}

function statusOf(level: YouthLevel | null, staff: number): CoverageCell['status'] {
  if (staff > 0) return level ? 'covered' : 'quiet';
  if (level === 'many') return 'gap';
  if (level === 'some') return 'thin';
  return 'quiet';
}

const GAP_WORDS = {
  sv: { none: 'ingen planerad närvaro', many: 'många unga', some: 'en del unga', places: (count: number) => (count === 1 ? '1 plats' : `${count} platser`), area: 'område' },
  en: { none: 'no presence planned', many: 'many young people', some: 'some young people', places: (count: number) => (count === 1 ? '1 place' : `${count} places`), area: 'area' },
};

/** Consecutive hours of the same severity, in words: "Fredag 20–24, Centrum: ingen planerad närvaro (många unga)". */
function gapsOf(name: string, grid: CoverageCell[][], dates: string[], language: Language, isArea: boolean): CoverageGap[] {
  const words = GAP_WORDS[language];
  const gaps: CoverageGap[] = [];
  for (let day = 0; day < 7; day += 1) {
    let hour = 0;
    while (hour < 24) {
      const cell = grid[day]![hour]!;
      if (cell.status !== 'gap' && cell.status !== 'thin') {
        hour += 1;
        continue;
      }
      const severity = cell.status;
      let end = hour + 1;
      let places = cell.places ?? 0;
      while (end < 24 && grid[day]![end]!.status === severity) {
        places = Math.max(places, grid[day]![end]!.places ?? 0);
        end += 1;
      }
      const subject = isArea ? `${words.area} ${name}` : name;
      const where = isArea ? ` (${words.places(places)})` : '';
      const level = severity === 'gap' ? words.many : words.some;
      gaps.push({
        weekday: day + 1,
        date: dates[day]!,
        fromHour: hour,
        toHour: end,
        severity,
        text: `${WEEKDAY_NAMES[language][day]} ${hour}–${end}, ${subject}: ${words.none}${where}, ${level}`,
      });
      hour = end;
    }
  }
  return gaps;
}

const toGrid = (cells: CoverageCell[]): CoverageCell[][] => Array.from({ length: 7 }, (_, day) => cells.slice(day * 24, day * 24 + 24));

/** Pure: the grids and gaps of every place and area, from what has been loaded. */
export function computeCoverage(input: CoverageInput): { places: CoverageSubject[]; areas: CoverageSubject[] } {
  const boundaries = slotBoundaries(input.dates, input.window.to);
  const placeStaff = new Map<string, Int32Array>(input.places.map((p) => [p.id, new Int32Array(SLOTS)]));
  const areaStaff = new Map<string, Int32Array>(input.areas.map((a) => [a.id, new Int32Array(SLOTS)]));
  const placeById = new Map(input.places.map((p) => [p.id, p]));
  const placesByArea = new Map<string, CoveragePlace[]>();
  for (const p of input.places) {
    if (!p.areaId) continue;
    const list = placesByArea.get(p.areaId) ?? [];
    list.push(p);
    placesByArea.set(p.areaId, list);
  }

  const add = (target: Int32Array | undefined, from: number, to: number, staff: number) => {
    if (!target) return;
    for (let slot = from; slot < to; slot += 1) target[slot]! += staff;
  };
  for (const entry of input.entries) {
    for (const occurrence of expandOccurrences(entry, input.window, input.calendar)) {
      const start = occurrence.start.getTime();
      const end = occurrence.end.getTime();
      let first = 0;
      while (first < SLOTS && boundaries[first + 1]! <= start) first += 1;
      let last = first;
      while (last < SLOTS && boundaries[last]! < end) last += 1;
      // A slot of zero length (the hour the clocks skip in March) is never covered.
      if (entry.placeId) {
        add(placeStaff.get(entry.placeId), first, last, entry.plannedStaff);
        const areaId = placeById.get(entry.placeId)?.areaId;
        if (areaId) add(areaStaff.get(areaId), first, last, entry.plannedStaff);
      } else if (entry.areaId) {
        add(areaStaff.get(entry.areaId), first, last, entry.plannedStaff);
        for (const p of placesByArea.get(entry.areaId) ?? []) add(placeStaff.get(p.id), first, last, entry.plannedStaff);
      }
    }
  }

  const placeCells = new Map<string, CoverageCell[]>();
  const places: CoverageSubject[] = input.places.map((p) => {
    const staff = placeStaff.get(p.id)!;
    const cells = p.levels.map((level, slot) => ({ level, staff: staff[slot]!, status: statusOf(level, staff[slot]!) }));
    placeCells.set(p.id, cells);
    const grid = toGrid(cells);
    return { id: p.id, name: p.name, placeType: p.type, areaId: p.areaId, grid, gaps: gapsOf(p.name, grid, input.dates, input.language, false) };
  });

  const areas: CoverageSubject[] = input.areas.map((a) => {
    const members = (placesByArea.get(a.id) ?? []).map((member) => placeCells.get(member.id)!);
    const staff = areaStaff.get(a.id)!;
    const cells: CoverageCell[] = Array.from({ length: SLOTS }, (_, slot) => {
      let level: YouthLevel | null = null;
      let gaps = 0;
      let thin = 0;
      for (const memberCells of members) {
        const cell = memberCells[slot]!;
        if (cell.level && (!level || LEVEL_RANK[cell.level] > LEVEL_RANK[level])) level = cell.level;
        if (cell.status === 'gap') gaps += 1;
        if (cell.status === 'thin') thin += 1;
      }
      const status: CoverageCell['status'] = gaps > 0 ? 'gap' : thin > 0 ? 'thin' : staff[slot]! > 0 && level ? 'covered' : 'quiet';
      return { level, staff: staff[slot]!, status, places: status === 'gap' ? gaps : status === 'thin' ? thin : 0 };
    });
    const grid = toGrid(cells);
    return { id: a.id, name: a.name, placeType: null, areaId: a.id, grid, gaps: gapsOf(a.name, grid, input.dates, input.language, true) };
  });
  return { places, areas };
}

/** Parses the compact ungdomstider of one place (`"116m,117m"`: slot and level's first letter). */
function levelsOf(packed: string | null): (YouthLevel | null)[] {
  const levels: (YouthLevel | null)[] = new Array<YouthLevel | null>(SLOTS).fill(null);
  if (!packed) return levels;
  for (const part of packed.split(',')) {
    const slot = Number(part.slice(0, -1));
    levels[slot] = LEVEL_CODES[part.slice(-1)] ?? null;
  }
  return levels;
}

export interface CoverageFilter {
  areaId?: string;
  placeType?: string;
}

/**
 * Loads what coverage needs in three queries: the places with their ungdomstider packed into one
 * string each (one row per place, however many hours), the areas, and the visible entries that may
 * fall in the week.
 */
export async function loadCoverageInput(tx: Tx, actor: Actor, window: { from: Date; to: Date }, filter: CoverageFilter) {
  const placeConditions: (SQL | undefined)[] = [eq(place.tenantId, actor.tenantId), eq(place.active, true)];
  if (filter.areaId) placeConditions.push(eq(place.areaId, filter.areaId));
  if (filter.placeType) placeConditions.push(eq(place.type, filter.placeType));
  const placeRows = await tx
    .select({
      id: place.id,
      name: place.name,
      type: place.type,
      areaId: place.areaId,
      packed: sql<string | null>`(select string_agg(((h.weekday - 1) * 24 + h.hour)::text || left(h.level, 1), ',') from place_youth_hour h where h.tenant_id = ${place.tenantId} and h.place_id = ${place.id})`,
    })
    .from(place)
    .where(and(...placeConditions))
    .orderBy(sql`lower(${place.name})`, place.id);

  const areaConditions: (SQL | undefined)[] = [eq(area.tenantId, actor.tenantId), eq(area.active, true)];
  if (filter.areaId) areaConditions.push(eq(area.id, filter.areaId));
  const areaRows = await tx.select({ id: area.id, name: area.name }).from(area).where(and(...areaConditions)).orderBy(sql`lower(${area.name})`, area.id);

  const entryConditions: (SQL | undefined)[] = [
    eq(presenceEntry.tenantId, actor.tenantId),
    visibleTo(actor),
    isNull(presenceEntry.cancelledAt),
    lt(presenceEntry.startsAt, window.to),
    or(sql`${presenceEntry.recurrence} is not null`, sql`${presenceEntry.startsAt} + make_interval(mins => ${presenceEntry.durationMinutes}) > ${window.from.toISOString()}::timestamptz`),
  ];
  const entries = await tx.select().from(presenceEntry).where(and(...entryConditions));

  const placeIds = new Set(placeRows.map((row) => row.id));
  const areaIds = new Set([...areaRows.map((row) => row.id), ...placeRows.flatMap((row) => (row.areaId ? [row.areaId] : []))]);
  return {
    places: placeRows.map((row) => ({ id: row.id, name: row.name, type: row.type, areaId: row.areaId, levels: levelsOf(row.packed) })),
    areas: areaRows,
    entries: entries.filter((entry) => (entry.placeId ? placeIds.has(entry.placeId) : entry.areaId !== null && areaIds.has(entry.areaId))),
  };
}
