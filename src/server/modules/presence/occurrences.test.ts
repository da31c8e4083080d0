import { describe, expect, it } from 'vitest';
import { expandOccurrences, holidayCalendar, skippedStarts, type PresenceEntryRow } from './occurrences';
import { instantOfWallTime, isoWeekOf, isoWeekWindow, isValidIsoWeek, localDateOf, localTimeOf, mondayOfIsoWeek } from '../../../shared/stockholm-time';
import { easterSunday, swedishPublicHolidays } from '../../../shared/swedish-holidays';
import { parseRecurrence, weeklyRule } from '../../../shared/recurrence';

function entry(overrides: Partial<PresenceEntryRow>): PresenceEntryRow {
  return {
    tenantId: '00000000-0000-4000-8000-000000000001',
    id: '00000000-0000-4000-8000-000000000002',
    organisationId: '00000000-0000-4000-8000-000000000003',
    staffRole: 'fritidsledare',
    staffNames: [],
    placeId: '00000000-0000-4000-8000-000000000004',
    areaId: null,
    startsAt: instantOfWallTime({ year: 2026, month: 1, day: 2, hour: 20, minute: 0 }),
    durationMinutes: 240,
    recurrence: 'FREQ=WEEKLY;BYDAY=FR',
    exceptions: [],
    skipPublicHolidays: false,
    skipSchoolHolidays: false,
    plannedStaff: 2,
    visibility: 'all',
    notes: null,
    cancelledAt: null,
    sequence: 0,
    createdBy: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

const noHolidays = holidayCalendar([]);
const days = (from: string, to: string) => ({ from: instantOfWallTime({ ...ymd(from), hour: 0, minute: 0 }), to: instantOfWallTime({ ...ymd(to), hour: 0, minute: 0 }) });
function ymd(date: string) {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

describe('Stockholm wall time', () => {
  it('names the instants of normal, skipped and repeated wall times', () => {
    expect(instantOfWallTime({ year: 2026, month: 1, day: 9, hour: 20, minute: 0 }).toISOString()).toBe('2026-01-09T19:00:00.000Z');
    expect(instantOfWallTime({ year: 2026, month: 7, day: 3, hour: 20, minute: 0 }).toISOString()).toBe('2026-07-03T18:00:00.000Z');
    // 02:30 on 29 March 2026 does not exist: it becomes 03:30 summer time.
    expect(instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 on 25 October 2026 happens twice: the first (summer time) is meant.
    expect(instantOfWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('knows ISO weeks', () => {
    expect(mondayOfIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isValidIsoWeek('2026-W53')).toBe(true);
    expect(isValidIsoWeek('2025-W53')).toBe(false);
    const window = isoWeekWindow('2026-W13'); // the week of the March change
    expect(window.dates[0]).toBe('2026-03-23');
    expect(window.to.getTime() - window.from.getTime()).toBe((7 * 24 - 1) * 3_600_000);
  });
});

describe('Swedish public holidays', () => {
  it('computes Easter and the moving holidays', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    const names = Object.fromEntries(swedishPublicHolidays(2026).map((holiday) => [holiday.sv, holiday.date]));
    expect(names['Långfredagen']).toBe('2026-04-03');
    expect(names['Kristi himmelsfärdsdag']).toBe('2026-05-14');
    expect(names['Midsommarafton']).toBe('2026-06-19');
    expect(names['Midsommardagen']).toBe('2026-06-20');
    expect(names['Alla helgons dag']).toBe('2026-10-31');
    expect(names['Trettondedag jul']).toBe('2026-01-06');
  });
});

describe('expandOccurrences', () => {
  it('keeps a Friday 20:00 at 20:00 local across both DST changes', () => {
    const occurrences = expandOccurrences(entry({}), days('2026-03-16', '2026-04-06'), noHolidays);
    expect(occurrences.map((o) => `${localDateOf(o.start)} ${localTimeOf(o.start)}-${localTimeOf(o.end)}`)).toEqual([
      '2026-03-20 20:00-00:00',
      '2026-03-27 20:00-00:00',
      '2026-04-03 20:00-00:00',
    ]);
    expect(occurrences[0]!.start.toISOString()).toBe('2026-03-20T19:00:00.000Z');
    expect(occurrences[2]!.start.toISOString()).toBe('2026-04-03T18:00:00.000Z');
    const autumn = expandOccurrences(entry({}), days('2026-10-19', '2026-11-02'), noHolidays);
    expect(autumn.map((o) => localTimeOf(o.start))).toEqual(['20:00', '20:00']);
    expect(autumn.map((o) => o.start.toISOString())).toEqual(['2026-10-23T18:00:00.000Z', '2026-10-30T19:00:00.000Z']);
  });

  it('includes an occurrence that began before the window and still runs into it', () => {
    const occurrences = expandOccurrences(entry({}), { from: instantOfWallTime({ year: 2026, month: 1, day: 9, hour: 23, minute: 0 }), to: instantOfWallTime({ year: 2026, month: 1, day: 10, hour: 0, minute: 0 }) }, noHolidays);
    expect(occurrences).toHaveLength(1);
    expect(expandOccurrences(entry({}), { from: instantOfWallTime({ year: 2026, month: 1, day: 10, hour: 0, minute: 0 }), to: instantOfWallTime({ year: 2026, month: 1, day: 10, hour: 1, minute: 0 }) }, noHolidays)).toHaveLength(0);
  });

  it('skips exceptions, public holidays and school holidays, and tells which starts it skipped', () => {
    const goodFriday = instantOfWallTime({ year: 2026, month: 4, day: 3, hour: 20, minute: 0 });
    const march27 = instantOfWallTime({ year: 2026, month: 3, day: 27, hour: 20, minute: 0 });
    const window = days('2026-03-16', '2026-04-20');
    const calendar = holidayCalendar([{ startsOn: '2026-04-06', endsOn: '2026-04-10' }]);
    const plain = entry({ exceptions: [march27] });
    expect(expandOccurrences(plain, window, calendar).map((o) => localDateOf(o.start))).toEqual(['2026-03-20', '2026-04-03', '2026-04-10', '2026-04-17']);
    const skipping = entry({ exceptions: [march27], skipPublicHolidays: true, skipSchoolHolidays: true });
    expect(expandOccurrences(skipping, window, calendar).map((o) => localDateOf(o.start))).toEqual(['2026-03-20', '2026-04-17']);
    expect(skippedStarts(skipping, window, calendar).map((start) => start.getTime())).toEqual([march27.getTime(), goodFriday.getTime(), instantOfWallTime({ year: 2026, month: 4, day: 10, hour: 20, minute: 0 }).getTime()]);
  });

  it('gives a single occasion once, and a cancelled entry never', () => {
    const once = entry({ recurrence: null });
    expect(expandOccurrences(once, days('2026-01-01', '2026-01-05'), noHolidays)).toHaveLength(1);
    expect(expandOccurrences(once, days('2026-01-05', '2026-02-05'), noHolidays)).toHaveLength(0);
    expect(expandOccurrences(entry({ cancelledAt: new Date() }), days('2026-01-01', '2026-02-01'), noHolidays)).toHaveLength(0);
  });

  it('ends a rule at its UNTIL, read as local time', () => {
    const rule = weeklyRule([5], '2026-01-16');
    expect(rule).toBe('FREQ=WEEKLY;BYDAY=FR;UNTIL=20260116T235959');
    expect(expandOccurrences(entry({ recurrence: rule }), days('2026-01-01', '2026-02-01'), noHolidays).map((o) => localDateOf(o.start))).toEqual(['2026-01-02', '2026-01-09', '2026-01-16']);
  });

  it('refuses rules it cannot use', () => {
    expect(parseRecurrence('FREQ=WEEKLY;BYDAY=FR').ok).toBe(true);
    expect(parseRecurrence('FREQ=HOURLY').ok).toBe(false);
    expect(parseRecurrence('garbage').ok).toBe(false);
    expect(parseRecurrence('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY').ok).toBe(false);
    expect(parseRecurrence('FREQ=BOGUS').ok).toBe(false);
  });
});

describe('the weekly shortcut', () => {
  it('gives exactly what rrule gives, for many weekly rules over many weeks', async () => {
    const { ruleStartsForTest, ruleStartsThroughRrule } = await import('./occurrences');
    const rules = ['FREQ=WEEKLY', 'FREQ=WEEKLY;BYDAY=FR', 'FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA', 'FREQ=WEEKLY;INTERVAL=3', 'FREQ=WEEKLY;BYDAY=SU;UNTIL=20260517T235959', 'FREQ=WEEKLY;BYDAY=MO;COUNT=5', 'FREQ=DAILY;INTERVAL=2'];
    const starts = [instantOfWallTime({ year: 2026, month: 1, day: 2, hour: 20, minute: 0 }), instantOfWallTime({ year: 2026, month: 3, day: 4, hour: 23, minute: 30 }), instantOfWallTime({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 })];
    let compared = 0;
    for (const recurrence of rules) {
      for (const startsAt of starts) {
        for (let week = 0; week < 60; week += 3) {
          const from = new Date(Date.UTC(2026, 0, 5) + week * 7 * 86_400_000);
          const window = { from, to: new Date(from.getTime() + 7 * 86_400_000) };
          const e = entry({ recurrence, startsAt, durationMinutes: 300 });
          expect(ruleStartsForTest(e, window).map((d) => d.toISOString()), `${recurrence} ${startsAt.toISOString()} ${from.toISOString()}`).toEqual(ruleStartsThroughRrule(e, window).map((d) => d.toISOString()));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(rules.length * starts.length * 20);
  });
});
