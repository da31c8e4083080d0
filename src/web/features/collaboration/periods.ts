import { wallTimeOf } from '../../../shared/stockholm-time';

export interface Period {
  key: string;
  from: string;
  to: string;
}

const month = (year: number, number: number) => `${year}-${String(number).padStart(2, '0')}`;

/** `count` months ending with the month of `today` (Stockholm). */
function lastMonths(today: Date, count: number): { from: string; to: string } {
  const wall = wallTimeOf(today);
  const end = wall.year * 12 + wall.month - 1;
  const start = end - count + 1;
  return { from: month(Math.floor(start / 12), (start % 12) + 1), to: month(wall.year, wall.month) };
}

/** The periods the page offers: the last 3, 6 and 12 months, this year and last year. */
export function periodsAt(today: Date): Period[] {
  const year = wallTimeOf(today).year;
  return [
    { key: 'last3', ...lastMonths(today, 3) },
    { key: 'last6', ...lastMonths(today, 6) },
    { key: 'last12', ...lastMonths(today, 12) },
    { key: 'thisYear', from: month(year, 1), to: month(year, 12) },
    { key: 'lastYear', from: month(year - 1, 1), to: month(year - 1, 12) },
  ];
}
