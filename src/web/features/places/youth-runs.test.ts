import { describe, expect, it } from 'vitest';
import { gridOf, hoursOf, nextLevel, runsOf } from './youth-runs';

describe('ungdomstider grid', () => {
  it('turns hours into runs of a level per day, and back', () => {
    const hours = [20, 21, 22, 23].map((hour) => ({ weekday: 5, hour, level: 'many' as const })).concat([{ weekday: 1, hour: 15, level: 'few' as never }]);
    const grid = gridOf(hours);
    expect(runsOf(grid)).toEqual([
      { weekday: 1, from: 15, to: 16, level: 'few' },
      { weekday: 5, from: 20, to: 24, level: 'many' },
    ]);
    expect(hoursOf(grid)).toHaveLength(5);
    expect(['none', 'few', 'some', 'many'].map((l) => nextLevel(l as never))).toEqual(['few', 'some', 'many', 'none']);
  });
});
