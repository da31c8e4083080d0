import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { presenceEntry, schoolHoliday } from '../../db/schema';
import { instantOfWallTime, localDateOf, wallTimeOf, type WallTime } from '../../../shared/stockholm-time';
import { swedishPublicHolidays, type PublicHoliday } from '../../../shared/swedish-holidays';
import { parseRecurrence, RRule, type RRuleOptions } from '../../../shared/recurrence';

/**
 * The occurrences of a presence entry in a window. The week view, coverage, calendar feeds, field
 * reports and the time-for-collaboration report all expand entries here, so they agree.
 *
 * Times recur in Stockholm wall time: an entry every Friday at 20:00 is at 20:00 in March and in
 * November alike. The rule runs on "floating" times (the wall clock written as if it were UTC), and
 * each start is then turned into the instant that wall time names in Europe/Stockholm.
 */

export type PresenceEntryRow = typeof presenceEntry.$inferSelect;

export interface Occurrence {
  entryId: string;
  start: Date;
  end: Date;
}

export interface HolidayCalendar {
  /** The public holiday on a Stockholm date (`YYYY-MM-DD`), if any. */
  publicHoliday(date: string): PublicHoliday | null;
  /** Whether a Stockholm date lies in one of the tenant's school holidays (both ends inclusive). */
  isSchoolHoliday(date: string): boolean;
}

export interface Window {
  from: Date;
  to: Date;
}

/** The calendar of public holidays (computed per year on demand) and the tenant's school holidays. */
export function holidayCalendar(schoolHolidays: { startsOn: string; endsOn: string }[]): HolidayCalendar {
  const years = new Map<number, Map<string, PublicHoliday>>();
  const ranges = schoolHolidays.map((holiday) => [holiday.startsOn, holiday.endsOn] as const);
  return {
    publicHoliday(date) {
      const year = Number(date.slice(0, 4));
      let holidays = years.get(year);
      if (!holidays) {
        holidays = new Map(swedishPublicHolidays(year).map((holiday) => [holiday.date, holiday]));
        years.set(year, holidays);
      }
      return holidays.get(date) ?? null;
    },
    isSchoolHoliday(date) {
      return ranges.some(([startsOn, endsOn]) => startsOn <= date && date <= endsOn);
    },
  };
}

/** The tenant's school holidays, as a calendar. */
export async function loadHolidayCalendar(tx: Tx, tenantId: string): Promise<HolidayCalendar> {
  const rows = await tx.select({ startsOn: schoolHoliday.startsOn, endsOn: schoolHoliday.endsOn }).from(schoolHoliday).where(and(eq(schoolHoliday.tenantId, tenantId)));
  return holidayCalendar(rows);
}

const floating = (wall: WallTime) => new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
const wallOfFloating = (date: Date): WallTime => ({
  year: date.getUTCFullYear(),
  month: date.getUTCMonth() + 1,
  day: date.getUTCDate(),
  hour: date.getUTCHours(),
  minute: date.getUTCMinutes(),
});

const HOUR = 3_600_000;

/** Parsed rules by their text: a plan repeats the same few rules, and parsing is not free. */
const parsedRules = new Map<string, ReturnType<typeof parseRecurrence>>();
function parsedRule(text: string) {
  let parsed = parsedRules.get(text);
  if (!parsed) {
    parsed = parseRecurrence(text);
    if (parsedRules.size > 10_000) parsedRules.clear();
    parsedRules.set(text, parsed);
  }
  return parsed;
}

const DAY = 86_400_000;

/**
 * The common rule, FREQ=WEEKLY with INTERVAL, BYDAY and UNTIL only, walked day by day over the window
 * instead of through rrule's general iterator (which is far slower, and coverage expands every entry
 * of a tenant). Gives exactly what rrule gives for such a rule (the tests compare them); null when the
 * rule has any other part, and rrule decides.
 */
function weeklyFloatingStarts(options: Partial<RRuleOptions>, dtstart: Date, after: number, before: number): Date[] | null {
  const known = new Set(['freq', 'interval', 'byweekday', 'until']);
  for (const [key, value] of Object.entries(options)) if (value !== undefined && value !== null && !known.has(key)) return null;
  if (options.freq !== RRule.WEEKLY) return null;
  const interval = options.interval ?? 1;
  const startDay = Math.floor(dtstart.getTime() / DAY);
  const timeOfDay = dtstart.getTime() - startDay * DAY;
  const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1; // day 0 (1970-01-01) was a Thursday
  const byday = options.byweekday;
  const weekdays = new Set<number>();
  if (byday === undefined || byday === null) weekdays.add(isoWeekday(startDay));
  else {
    for (const day of Array.isArray(byday) ? byday : [byday]) {
      const weekday = typeof day === 'number' ? day : (day as { weekday: number; n?: number }).weekday;
      if (typeof day !== 'number' && (day as { n?: number }).n) return null;
      weekdays.add(weekday + 1);
    }
  }
  const mondayOf = (day: number) => day - (isoWeekday(day) - 1);
  const startWeek = mondayOf(startDay);
  const until = options.until ? options.until.getTime() : Infinity;
  const starts: Date[] = [];
  for (let day = Math.max(startDay, Math.floor(after / DAY)); day * DAY <= before; day += 1) {
    const at = day * DAY + timeOfDay;
    if (at < after || at > before || at < dtstart.getTime() || at > until) continue;
    if (!weekdays.has(isoWeekday(day))) continue;
    if (((mondayOf(day) - startWeek) / 7) % interval !== 0) continue;
    starts.push(new Date(at));
  }
  return starts;
}

/** Every start the entry's rule gives whose occurrence overlaps the window, before any exception. */
function ruleStarts(entry: PresenceEntryRow, window: Window): Date[] {
  const duration = entry.durationMinutes * 60_000;
  const overlaps = (start: Date) => start.getTime() < window.to.getTime() && start.getTime() + duration > window.from.getTime();
  if (!entry.recurrence) return overlaps(entry.startsAt) ? [entry.startsAt] : [];
  const parsed = parsedRule(entry.recurrence);
  if (!parsed.ok) return overlaps(entry.startsAt) ? [entry.startsAt] : [];
  const dtstart = floating(wallTimeOf(entry.startsAt));
  // Floating bounds, widened by the duration and two hours of offset, then filtered exactly.
  const after = floating(wallTimeOf(new Date(window.from.getTime() - duration))).getTime() - 2 * HOUR;
  const before = floating(wallTimeOf(window.to)).getTime() + 2 * HOUR;
  const floatingStarts = weeklyFloatingStarts(parsed.options, dtstart, after, before) ?? new RRule({ ...parsed.options, dtstart, tzid: null }).between(new Date(after), new Date(before), true);
  const starts: Date[] = [];
  for (const start of floatingStarts) {
    const instant = instantOfWallTime(wallOfFloating(start));
    if (overlaps(instant)) starts.push(instant);
  }
  return starts;
}

/** For the tests: the general iterator's answer, to compare the weekly shortcut with. */
export function ruleStartsThroughRrule(entry: PresenceEntryRow, window: Window): Date[] {
  const parsed = parseRecurrence(entry.recurrence!);
  if (!parsed.ok) return [];
  const duration = entry.durationMinutes * 60_000;
  const dtstart = floating(wallTimeOf(entry.startsAt));
  const after = floating(wallTimeOf(new Date(window.from.getTime() - duration))).getTime() - 2 * HOUR;
  const before = floating(wallTimeOf(window.to)).getTime() + 2 * HOUR;
  return new RRule({ ...parsed.options, dtstart, tzid: null })
    .between(new Date(after), new Date(before), true)
    .map((start) => instantOfWallTime(wallOfFloating(start)))
    .filter((instant) => instant.getTime() < window.to.getTime() && instant.getTime() + duration > window.from.getTime());
}

/** For the tests: the shortcut's answer (null when the rule is not one it takes). */
export function ruleStartsForTest(entry: PresenceEntryRow, window: Window): Date[] {
  return ruleStarts(entry, window);
}

/** Why an occurrence start is skipped, or null when it takes place. */
function skipReason(entry: PresenceEntryRow, start: Date, calendar: HolidayCalendar, exceptions: Set<number>): 'exception' | 'public_holiday' | 'school_holiday' | null {
  if (exceptions.has(start.getTime())) return 'exception';
  if (!entry.skipPublicHolidays && !entry.skipSchoolHolidays) return null;
  const date = localDateOf(start);
  if (entry.skipPublicHolidays && calendar.publicHoliday(date)) return 'public_holiday';
  if (entry.skipSchoolHolidays && calendar.isSchoolHoliday(date)) return 'school_holiday';
  return null;
}

const exceptionSet = (entry: PresenceEntryRow) => new Set(entry.exceptions.map((exception) => exception.getTime()));

/**
 * The occurrences of an entry that overlap the window, in order. A cancelled entry has none (a feed
 * that must tell clients it is gone reads `cancelledAt` itself).
 */
export function expandOccurrences(entry: PresenceEntryRow, window: Window, calendar: HolidayCalendar): Occurrence[] {
  if (entry.cancelledAt) return [];
  const exceptions = exceptionSet(entry);
  const duration = entry.durationMinutes * 60_000;
  return ruleStarts(entry, window)
    .filter((start) => skipReason(entry, start, calendar, exceptions) === null)
    .map((start) => ({ entryId: entry.id, start, end: new Date(start.getTime() + duration) }));
}

/**
 * The starts in the window that the rule gives but that do not take place: explicit exceptions and
 * the holidays the entry skips. A calendar feed writes them as EXDATE.
 */
export function skippedStarts(entry: PresenceEntryRow, window: Window, calendar: HolidayCalendar): Date[] {
  const exceptions = exceptionSet(entry);
  return ruleStarts(entry, window).filter((start) => skipReason(entry, start, calendar, exceptions) !== null);
}
