import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { presenceEntry, schoolHoliday } from '../../db/schema';
import { instantOfWallTime, localDateOf, wallTimeOf, type WallTime } from '../../../shared/stockholm-time';
import { swedishPublicHolidays, type PublicHoliday } from '../../../shared/swedish-holidays';
import { parseRecurrence, RRule } from '../../../shared/recurrence';

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

/** Every start the entry's rule gives whose occurrence overlaps the window, before any exception. */
function ruleStarts(entry: PresenceEntryRow, window: Window): Date[] {
  const duration = entry.durationMinutes * 60_000;
  const overlaps = (start: Date) => start.getTime() < window.to.getTime() && start.getTime() + duration > window.from.getTime();
  if (!entry.recurrence) return overlaps(entry.startsAt) ? [entry.startsAt] : [];
  const parsed = parseRecurrence(entry.recurrence);
  if (!parsed.ok) return overlaps(entry.startsAt) ? [entry.startsAt] : [];
  const rule = new RRule({ ...parsed.options, dtstart: floating(wallTimeOf(entry.startsAt)), tzid: null });
  // Floating bounds, widened by the longest duration and two hours of offset, then filtered exactly.
  const after = floating(wallTimeOf(new Date(window.from.getTime() - duration))).getTime() - 2 * HOUR;
  const before = floating(wallTimeOf(window.to)).getTime() + 2 * HOUR;
  const starts: Date[] = [];
  for (const start of rule.between(new Date(after), new Date(before), true)) {
    const instant = instantOfWallTime(wallOfFloating(start));
    if (overlaps(instant)) starts.push(instant);
  }
  return starts;
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
