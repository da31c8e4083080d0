import { addDays } from './stockholm-time';

/**
 * Swedish public holidays (helgdagar, lag 1989:253) and the eves that work like them (midsommarafton,
 * julafton, nyårsafton), computed rather than taken from a package: the rules are few and fixed, and
 * nothing then needs a network or a yearly update. Easter by the anonymous Gregorian algorithm.
 */

export interface PublicHoliday {
  /** `YYYY-MM-DD` */
  date: string;
  sv: string;
  en: string;
}

const pad = (value: number) => String(value).padStart(2, '0');
const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday (påskdagen) of a year. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first date on or after `from` (`YYYY-MM-DD`) that is the given weekday (0 = Sunday … 6 = Saturday). */
function firstWeekdayFrom(from: string, weekday: number): string {
  const [year, month, day] = from.split('-').map(Number);
  const current = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay();
  return addDays(from, (weekday - current + 7) % 7);
}

export function swedishPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const midsummerDay = firstWeekdayFrom(ymd(year, 6, 20), 6);
  return [
    { date: ymd(year, 1, 1), sv: 'Nyårsdagen', en: "New Year's Day" },
    { date: ymd(year, 1, 6), sv: 'Trettondedag jul', en: 'Epiphany' },
    { date: addDays(easter, -2), sv: 'Långfredagen', en: 'Good Friday' },
    { date: easter, sv: 'Påskdagen', en: 'Easter Sunday' },
    { date: addDays(easter, 1), sv: 'Annandag påsk', en: 'Easter Monday' },
    { date: ymd(year, 5, 1), sv: 'Första maj', en: 'May Day' },
    { date: addDays(easter, 39), sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
    { date: addDays(easter, 49), sv: 'Pingstdagen', en: 'Whit Sunday' },
    { date: ymd(year, 6, 6), sv: 'Sveriges nationaldag', en: 'National Day of Sweden' },
    { date: addDays(midsummerDay, -1), sv: 'Midsommarafton', en: 'Midsummer Eve' },
    { date: midsummerDay, sv: 'Midsommardagen', en: 'Midsummer Day' },
    { date: firstWeekdayFrom(ymd(year, 10, 31), 6), sv: 'Alla helgons dag', en: "All Saints' Day" },
    { date: ymd(year, 12, 24), sv: 'Julafton', en: 'Christmas Eve' },
    { date: ymd(year, 12, 25), sv: 'Juldagen', en: 'Christmas Day' },
    { date: ymd(year, 12, 26), sv: 'Annandag jul', en: 'Boxing Day' },
    { date: ymd(year, 12, 31), sv: 'Nyårsafton', en: "New Year's Eve" },
  ].sort((x, y) => x.date.localeCompare(y.date));
}
