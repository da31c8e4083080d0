import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { presenceEntry } from '../../../db/schema';
import type { Role } from '../../../../shared/roles';
import type { PresenceEntryInput } from '../../../../shared/presence';
import { weeklyRule } from '../../../../shared/recurrence';
import { addDays, isoWeekdayOf, localDateOf } from '../../../../shared/stockholm-time';
import type { DemoChapter } from './chapter';
import { later, storyDay } from '../story-time';

/**
 * The presence plan of the Gävle demo (issue 13 §8): who is where, week after week, planned by the
 * people who are there, through the plan's own routes. Friday night on Stortorget (many young
 * people 20–24) is left uncovered on purpose: Täckning shows that gap. The police plan their
 * Friday presence at the travel centre for authorities only: the association's key person never
 * sees it.
 */

interface DemoEntry {
  by: Role;
  where: { place: string } | { area: string };
  staffRole: PresenceEntryInput['staffRole'];
  staffNames?: string[];
  weekdays: number[];
  from: string;
  to: string;
  plannedStaff: number;
  visibility: PresenceEntryInput['visibility'];
  skipSchoolHolidays?: boolean;
  notes?: string;
}

export const DEMO_PRESENCE: readonly DemoEntry[] = [
  { by: 'fritidsledare', where: { place: 'Fritidsgården Kvarnen (demo)' }, staffRole: 'fritidsledare', weekdays: [1, 2, 3, 4, 5], from: '15:00', to: '21:00', plannedStaff: 2, visibility: 'all' },
  { by: 'fritidsledare', where: { place: 'Fritidsgården Kvarnen (demo)' }, staffRole: 'fritidsledare', weekdays: [5], from: '21:00', to: '23:00', plannedStaff: 2, visibility: 'all', notes: 'Fredagsöppet.' },
  { by: 'fritidsledare', where: { place: 'Fritidsgården Sätra (demo)' }, staffRole: 'fritidsledare', weekdays: [1, 2, 3, 4, 5], from: '15:00', to: '21:00', plannedStaff: 2, visibility: 'all' },
  { by: 'fritidsledare', where: { place: 'Fritidsgården Andersberg (demo)' }, staffRole: 'fritidsledare', weekdays: [1, 2, 3, 4, 5], from: '15:00', to: '21:00', plannedStaff: 2, visibility: 'all' },
  {
    by: 'faltassistent',
    where: { area: 'Centrum' },
    staffRole: 'faltassistent',
    staffNames: ['Filip Fältassistent (demo)'],
    weekdays: [3, 6],
    from: '19:00',
    to: '23:00',
    plannedStaff: 2,
    visibility: 'all',
    skipSchoolHolidays: true,
    notes: 'Rundor i centrum; fredagar är vi i Sätra.',
  },
  { by: 'faltassistent', where: { place: 'Sätra centrum' }, staffRole: 'faltassistent', weekdays: [5], from: '19:00', to: '23:00', plannedStaff: 2, visibility: 'all' },
  { by: 'faltassistent', where: { place: 'Discord: Gävle Gaming (demo)' }, staffRole: 'faltassistent', weekdays: [2, 4], from: '19:00', to: '21:00', plannedStaff: 1, visibility: 'all' },
  { by: 'foreningsnyckelperson', where: { place: 'Stortorget' }, staffRole: 'nattvandrare', weekdays: [6], from: '20:00', to: '24:00', plannedStaff: 4, visibility: 'all', notes: 'Nattvandring lördagar, samling vid fontänen.' },
  { by: 'foreningsnyckelperson', where: { place: 'Andersbergs centrum' }, staffRole: 'nattvandrare', weekdays: [5], from: '19:00', to: '23:00', plannedStaff: 3, visibility: 'all' },
  {
    by: 'polis',
    where: { place: 'Gävle resecentrum' },
    staffRole: 'omradespolis',
    weekdays: [5],
    from: '21:00',
    to: '23:00',
    plannedStaff: 2,
    visibility: 'authorities',
    notes: 'Områdespolisen på plats. Tiderna delas inte med föreningar.',
  },
];

export const DEMO_SCHOOL_HOLIDAYS = (year: number) => [
  { name: `Sportlov ${year}`, startsOn: `${year}-02-23`, endsOn: `${year}-02-27` },
  { name: `Höstlov ${year}`, startsOn: `${year}-10-26`, endsOn: `${year}-10-30` },
  { name: `Jullov ${year}/${year + 1}`, startsOn: `${year}-12-21`, endsOn: `${year + 1}-01-08` },
];

export const presenceChapter: DemoChapter = {
  key: 'presence',
  async isTold(context) {
    // Without an organisation in the context, row-level security shows the entries shared with all.
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: presenceEntry.id }).from(presenceEntry).where(eq(presenceEntry.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const today = localDateOf(new Date());
    const coordinator = driver.as('koordinator');
    const year = Number(today.slice(0, 4));
    for (const [n, holiday] of DEMO_SCHOOL_HOLIDAYS(year).entries()) await coordinator.on(-36, later('09:00', n)).post('/api/school-holidays', holiday);

    const places = await coordinator.on(-35, '08:55').get<{ places: { id: string; name: string }[] }>('/api/places');
    const areas = await coordinator.on(-35, '08:56').get<{ areas: { id: string; name: string }[] }>('/api/areas');
    const placeId = (name: string) => places.places.find((p) => p.name === name)!.id;
    const areaId = (name: string) => areas.areas.find((a) => a.name === name)!.id;
    const firstDay = storyDay(today, -35);
    for (const [n, demo] of DEMO_PRESENCE.entries()) {
      // The first occurrence: the first of its weekdays on or after the day it was planned.
      const date = addDays(firstDay, (demo.weekdays[0]! - isoWeekdayOf(firstDay) + 7) % 7);
      await driver
        .as(demo.by)
        .on(-35, later('09:00', 4 * n))
        .post('/api/presence', {
          staffRole: demo.staffRole,
          staffNames: demo.staffNames ?? [],
          placeId: 'place' in demo.where ? placeId(demo.where.place) : null,
          areaId: 'area' in demo.where ? areaId(demo.where.area) : null,
          date,
          startTime: demo.from,
          endTime: demo.to === '24:00' ? '00:00' : demo.to,
          recurrence: weeklyRule(demo.weekdays),
          exceptions: [],
          skipPublicHolidays: true,
          skipSchoolHolidays: demo.skipSchoolHolidays ?? false,
          plannedStaff: demo.plannedStaff,
          visibility: demo.visibility,
          notes: demo.notes ?? null,
        } satisfies PresenceEntryInput);
    }
  },
};
