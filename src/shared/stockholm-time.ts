/**
 * Local wall time in Europe/Stockholm, without a date library: the presence plan, its week view and
 * its coverage all speak local time ("fredag 20:00"), and an entry every Friday at 20:00 stays 20:00
 * across the DST changes. Server and web use the same functions, so a browser in another zone (a test
 * runner in UTC) shows the same hours as the server computes.
 */

export const STOCKHOLM = 'Europe/Stockholm';

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: STOCKHOLM,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** Minutes ahead of UTC, read from the time-zone database (slow: Intl formats the instant). */
function offsetFromIntl(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * Stockholm's offset changes only on whole UTC hours (01:00 UTC, EU rules), so it is cached per UTC
 * hour: coverage of a week turns thousands of instants into wall times, and Intl is the slow part.
 */
const offsetCache = new Map<number, number>();
function offsetAt(instant: number): number {
  const hour = Math.floor(instant / 3_600_000);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = offsetFromIntl(hour * 3_600_000);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(hour, offset);
  }
  return offset;
}

/** The wall clock in Stockholm at an instant. */
export function wallTimeOf(instant: Date): WallTime {
  const shifted = new Date(instant.getTime() + offsetAt(instant.getTime()) * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function stockholmOffsetMinutes(instant: Date): number {
  return offsetAt(instant.getTime());
}

/**
 * The instant a Stockholm wall time names. A time that does not exist (02:30 on the last Sunday of
 * March) moves forward by the hour the clocks skip; one that happens twice (02:30 in October) is the
 * first, summer-time one.
 */
export function instantOfWallTime(wall: WallTime): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - stockholmOffsetMinutes(new Date(asUtc)) * 60_000;
  const second = asUtc - stockholmOffsetMinutes(new Date(first)) * 60_000;
  const summer = asUtc - 120 * 60_000;
  // In the October overlap both offsets are valid: take summer time if it names the wall time.
  if (second !== summer && sameWall(new Date(summer), wall)) return new Date(summer);
  return new Date(second);
}

function sameWall(instant: Date, wall: WallTime): boolean {
  const other = wallTimeOf(instant);
  return other.year === wall.year && other.month === wall.month && other.day === wall.day && other.hour === wall.hour && other.minute === wall.minute;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` of the Stockholm day an instant falls on. */
export function localDateOf(instant: Date): string {
  const wall = wallTimeOf(instant);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `HH:MM` in Stockholm. */
export function localTimeOf(instant: Date): string {
  const wall = wallTimeOf(instant);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** Parses `YYYY-MM-DD`. */
export function parseLocalDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

/** A calendar date plus days, as `YYYY-MM-DD` (pure calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseLocalDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The instant a Stockholm day (`YYYY-MM-DD`) starts at. */
export function startOfLocalDay(date: string): Date {
  return instantOfWallTime({ ...parseLocalDate(date), hour: 0, minute: 0 });
}

/** ISO week `YYYY-Www`, e.g. `2026-W12`. */
export const ISO_WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The Monday (`YYYY-MM-DD`) of an ISO week. */
export function mondayOfIsoWeek(week: string): string {
  const match = ISO_WEEK.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const number = Number(match[2]);
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, 1 - isoWeekdayOf(jan4));
  return addDays(week1Monday, (number - 1) * 7);
}

/** The ISO week (`YYYY-Www`) a calendar date belongs to. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekdayOf(date));
  const year = parseLocalDate(thursday).year;
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, 1 - isoWeekdayOf(jan4));
  const { year: y1, month: m1, day: d1 } = parseLocalDate(week1Monday);
  const { year: y2, month: m2, day: d2 } = parseLocalDate(date);
  const days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
  return `${year}-W${pad(Math.floor(days / 7) + 1)}`;
}

/** Whether an ISO week exists (week 53 only in long years). */
export function isValidIsoWeek(week: string): boolean {
  return ISO_WEEK.test(week) && isoWeekOf(mondayOfIsoWeek(week)) === week;
}

/** The week's window: Monday 00:00 to the next Monday 00:00, Stockholm time, and its seven dates. */
export function isoWeekWindow(week: string): { from: Date; to: Date; dates: string[] } {
  const monday = mondayOfIsoWeek(week);
  const dates = Array.from({ length: 7 }, (_, index) => addDays(monday, index));
  return { from: startOfLocalDay(monday), to: startOfLocalDay(addDays(monday, 7)), dates };
}
