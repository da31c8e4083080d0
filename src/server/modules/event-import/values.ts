import type { PeopleCount } from '../../../shared/event-reports';
import { instantOfWallTime } from '../../../shared/stockholm-time';

/**
 * Reading single values of a log export. Each returns the value, or an error code (messages.ts).
 * Times are Stockholm wall time, as a guard's or a caretaker's log is written.
 */
export type Read<T> = { value: T } | { error: string };

export interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** A time written in the date cell ("2026-12-04 21:14"), when there was one. */
  time: LocalTime | null;
}
export interface LocalTime {
  hour: number;
  minute: number;
}

function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `2026-12-04`, `20261204`, `2026/12/04`, or day first `4.12.2026` / `4/12/2026`; optionally followed by a time. */
export function readDate(text: string): Read<LocalDate> {
  const trimmed = text.trim();
  const match =
    /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[ T](.+))?$/.exec(trimmed) ?? null;
  const dayFirst = match ? null : /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?: (.+))?$/.exec(trimmed);
  let year: number, month: number, day: number, rest: string | undefined;
  if (match) [year, month, day, rest] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4]];
  else if (dayFirst) [day, month, year, rest] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3]), dayFirst[4]];
  else return { error: 'date_invalid' };
  if (!realDate(year, month, day)) return { error: 'date_invalid' };
  let time: LocalTime | null = null;
  if (rest !== undefined) {
    const read = readTime(rest);
    if ('error' in read) return { error: 'date_invalid' };
    time = read.value;
  }
  return { value: { year, month, day, time } };
}

/** `21:14`, `9.05`, `2114`, `21:14:00`, `kl 21:14`; `24:00` only where `allowMidnightEnd`. */
export function readTime(text: string, allowMidnightEnd = false): Read<LocalTime> {
  const match = /^(?:kl\.?\s*)?(\d{1,2})[:.]?(\d{2})(?:[:.]\d{2})?$/i.exec(text.trim());
  if (!match) return { error: 'time_invalid' };
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (minute > 59) return { error: 'time_invalid' };
  if (hour === 24 && minute === 0 && allowMidnightEnd) return { value: { hour, minute } };
  if (hour > 23) return { error: 'time_invalid' };
  return { value: { hour, minute } };
}

/** The instant of a Stockholm date and time; 24:00 is the next day's midnight. */
export function instantOf(date: { year: number; month: number; day: number }, time: LocalTime, extraDays = 0): Date {
  const hourDays = time.hour === 24 ? 1 : 0;
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day + extraDays + hourDays));
  return instantOfWallTime({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: time.hour % 24, minute: time.minute });
}

/** A decimal number with a comma or a point (`60,6749` as Swedish Excel writes it, or `60.6749`). */
export function readNumber(text: string): Read<number> {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(trimmed)) return { error: 'number_invalid' };
  return { value: Number(trimmed.replace(',', '.')) };
}

/** Sweden's extent, with a margin: a point outside it is a typing error, not an event of ours. */
const SWEDEN = { minLatitude: 55, maxLatitude: 69.2, minLongitude: 10.5, maxLongitude: 24.5 };
const inSweden = (latitude: number, longitude: number) =>
  latitude >= SWEDEN.minLatitude && latitude <= SWEDEN.maxLatitude && longitude >= SWEDEN.minLongitude && longitude <= SWEDEN.maxLongitude;

/** A point in Sweden; latitude and longitude written the wrong way round is named as such. */
export function checkPoint(latitude: number, longitude: number): string | null {
  if (inSweden(latitude, longitude)) return null;
  if (inSweden(longitude, latitude)) return 'point_swapped';
  return 'point_outside_sweden';
}

/** A head count into its band (`7` → `5-9`), or a band as written (`2-4`, `2–4`, `10+`); 0 means none given. */
export function readPeopleCount(text: string): Read<PeopleCount | null> {
  const trimmed = text.trim().replace(/^(ca\.?|cirka|~)\s*/i, '').replace('–', '-').replace(/\s/g, '');
  if (trimmed === '1' || trimmed === '2-4' || trimmed === '5-9' || trimmed === '10+') return { value: trimmed };
  if (!/^\d{1,6}$/.test(trimmed)) return { error: 'people_invalid' };
  const count = Number(trimmed);
  if (count === 0) return { value: null };
  if (count === 1) return { value: '1' };
  if (count <= 4) return { value: '2-4' };
  if (count <= 9) return { value: '5-9' };
  return { value: '10+' };
}

const SEVERITY_WORDS: Record<string, number> = { lindrig: 1, lag: 1, allvarlig: 2, medel: 2, 'mycket allvarlig': 3, hog: 3 };

/** 1, 2, 3, or lindrig / allvarlig / mycket allvarlig (also låg / medel / hög). */
export function readSeverity(normalized: string): Read<number> {
  if (/^[123]$/.test(normalized)) return { value: Number(normalized) };
  const word = SEVERITY_WORDS[normalized];
  return word ? { value: word } : { error: 'severity_invalid' };
}
