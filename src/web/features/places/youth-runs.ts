import type { YouthHour, YouthLevel } from '../../../shared/places';

export type Level = YouthLevel | 'none';
export const LEVEL_ORDER: readonly Level[] = ['none', 'few', 'some', 'many'];

/** A week as a 7 × 24 table of levels (index: weekday − 1, hour). */
export type WeekGrid = Level[][];

export function gridOf(hours: readonly YouthHour[]): WeekGrid {
  const grid: WeekGrid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 'none' as Level));
  for (const slot of hours) grid[slot.weekday - 1]![slot.hour] = slot.level;
  return grid;
}

export function hoursOf(grid: WeekGrid): YouthHour[] {
  return grid.flatMap((day, index) => day.flatMap((level, hour) => (level === 'none' ? [] : [{ weekday: index + 1, hour, level }])));
}

export const nextLevel = (level: Level): Level => LEVEL_ORDER[(LEVEL_ORDER.indexOf(level) + 1) % LEVEL_ORDER.length]!;

/** Runs of the same level within a day, for the summary in words ("fredag 20–24: många"). */
export function runsOf(grid: WeekGrid): { weekday: number; from: number; to: number; level: YouthLevel }[] {
  const runs: { weekday: number; from: number; to: number; level: YouthLevel }[] = [];
  grid.forEach((day, index) => {
    let hour = 0;
    while (hour < 24) {
      const level = day[hour]!;
      let end = hour + 1;
      while (end < 24 && day[end] === level) end += 1;
      if (level !== 'none') runs.push({ weekday: index + 1, from: hour, to: end, level });
      hour = end;
    }
  });
  return runs;
}
