import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { instantOfWallTime, STOCKHOLM, wallTimeOf } from '../../../shared/stockholm-time';
import { STAFF_ROLE_NAMES, type StaffRole } from '../../../shared/presence';
import { expandOccurrences, skippedStarts, type HolidayCalendar, type PresenceEntryRow, type Window } from '../presence/occurrences';

/**
 * A presence plan as an iCalendar feed (RFC 5545), written by ical-generator:
 *
 * - every time is `DTSTART;TZID=Europe/Stockholm` with the wall time, and the calendar carries a full
 *   VTIMEZONE (its DST rules), so a weekly Friday 20:00 stays 20:00 in clients across the changes;
 * - one VEVENT per presence entry: a recurring entry is its RRULE, and the starts that do not take place
 *   (cancelled dates, and the public and school holidays the entry skips) are its EXDATEs;
 * - the UID is the entry's id at the tenant's domain and SEQUENCE is the entry's, so a client replaces
 *   its copy when the entry changes; a cancelled entry stays in the feed as STATUS:CANCELLED for a while;
 * - REFRESH-INTERVAL and X-PUBLISHED-TTL ask clients to fetch again every hour.
 */

export interface FeedEntry {
  row: PresenceEntryRow;
  organisationName: string;
  placeName: string | null;
  areaName: string | null;
}

export interface RenderFeedInput {
  calendarName: string;
  /** The UIDs' domain: the tenant's slug at the server's host, e.g. `gavle.samverka.example`. */
  uidDomain: string;
  language: 'sv' | 'en';
  entries: FeedEntry[];
  calendar: HolidayCalendar;
  /** Holiday skips are written as EXDATEs up to here (the feed is fetched again long before). */
  horizon: Date;
}

/** The feed asks for a refresh every hour. */
export const FEED_TTL_SECONDS = 3600;

/**
 * The IANA database makes Europe/Stockholm a link to Europe/Berlin (the same rules since 1980), and the
 * library answers with Berlin's block: it is renamed, so the VTIMEZONE's TZID is the one events name.
 */
function stockholmVtimezone(name: string): string | null {
  const block = tzlib_get_ical_block(name)[0];
  if (!block) return null;
  return block.replace(/^(TZID|X-LIC-LOCATION):.*$/gm, (_line, key: string) => `${key}:${name}`);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYYMMDDTHHMMSS` in Stockholm wall time, for `EXDATE;TZID=Europe/Stockholm`. */
export function stockholmIcalTime(instant: Date): string {
  const wall = wallTimeOf(instant);
  return `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}T${pad(wall.hour)}${pad(wall.minute)}${pad(instant.getUTCSeconds())}`;
}

function utcIcalTime(instant: Date): string {
  return `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`;
}

/**
 * The entry's rule for a client. The plan reads UNTIL as Stockholm wall time (shared/recurrence.ts);
 * RFC 5545 wants UNTIL in UTC when DTSTART has a TZID, so it is turned into the instant it names.
 */
export function clientRule(recurrence: string): string {
  const body = recurrence.trim().replace(/^RRULE:/i, '');
  return body
    .split(';')
    .filter((part) => part.length > 0)
    .map((part) => {
      const [key, value = ''] = part.split('=');
      if (key?.toUpperCase() !== 'UNTIL') return part;
      const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
      if (!match || match[7]) return part;
      const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
      const instant = instantOfWallTime({ year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute) });
      return `UNTIL=${utcIcalTime(new Date(instant.getTime() + Number(second) * 1000))}`;
    })
    .join(';');
}

const TEXTS = {
  sv: { staff: 'Planerad bemanning', people: 'Personal', organisation: 'Organisation', confidential: 'Visas bara för myndigheter', own: 'Visas bara för den egna organisationen' },
  en: { staff: 'Planned staff', people: 'Staff', organisation: 'Organisation', confidential: 'Shown to authorities only', own: 'Shown to the own organisation only' },
} as const;

function describe(entry: FeedEntry, language: 'sv' | 'en'): string {
  const text = TEXTS[language];
  const lines = [`${text.organisation}: ${entry.organisationName}`, `${text.staff}: ${entry.row.plannedStaff}`];
  if (entry.row.staffNames.length > 0) lines.push(`${text.people}: ${entry.row.staffNames.join(', ')}`);
  if (entry.row.visibility === 'authorities') lines.push(text.confidential);
  if (entry.row.visibility === 'organisation') lines.push(text.own);
  return lines.join('\n');
}

export function renderFeed(input: RenderFeedInput): string {
  const calendar = ical({
    name: input.calendarName,
    prodId: { company: 'Samverka', product: 'narvaroplan', language: input.language === 'sv' ? 'SV' : 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: FEED_TTL_SECONDS,
    // No calendar-wide zone: DTSTAMP and the like stay UTC. The generator adds a VTIMEZONE for the events' zone.
    timezone: { name: null, generator: stockholmVtimezone },
  });
  calendar.x('X-WR-TIMEZONE', STOCKHOLM);

  for (const entry of input.entries) {
    const row = entry.row;
    const duration = row.durationMinutes * 60_000;
    const start = new TZDate(row.startsAt.getTime(), STOCKHOLM);
    const end = new TZDate(row.startsAt.getTime() + duration, STOCKHOLM);
    let repeating: string | null = null;
    let cancelled = row.cancelledAt !== null;
    if (row.recurrence) {
      const series: Window = { from: row.startsAt, to: input.horizon };
      const skipped = new Map<number, Date>();
      for (const exception of row.exceptions) skipped.set(exception.getTime(), exception);
      for (const start of skippedStarts(row, series, input.calendar)) skipped.set(start.getTime(), start);
      const exdates = [...skipped.values()].sort((a, b) => a.getTime() - b.getTime()).map(stockholmIcalTime);
      repeating = `RRULE:${clientRule(row.recurrence)}`;
      if (exdates.length > 0) repeating += `\r\nEXDATE;TZID=${STOCKHOLM}:${exdates.join(',')}`;
    } else if (!cancelled) {
      // A single occasion on a skipped date (an exception, a holiday it skips) does not take place.
      cancelled = expandOccurrences(row, { from: row.startsAt, to: new Date(row.startsAt.getTime() + duration) }, input.calendar).length === 0;
    }
    const role = STAFF_ROLE_NAMES[row.staffRole as StaffRole]?.[input.language] ?? row.staffRole;
    calendar.createEvent({
      id: `presence-${row.id}@${input.uidDomain}`,
      sequence: row.sequence,
      stamp: row.updatedAt,
      created: row.createdAt,
      lastModified: row.updatedAt,
      start,
      end,
      timezone: STOCKHOLM,
      summary: `${role}, ${entry.organisationName}`,
      location: entry.placeName ?? entry.areaName ?? null,
      description: describe(entry, input.language),
      class: row.visibility === 'all' ? ICalEventClass.PUBLIC : ICalEventClass.CONFIDENTIAL,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      repeating,
    });
  }
  return calendar.toString();
}
