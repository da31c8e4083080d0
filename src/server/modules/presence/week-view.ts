import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import type { PresenceVisibility, StaffRole, WeekOccurrence, WeekRow, WeekView } from '../../../shared/presence';
import { addDays, isoWeekOf, isoWeekWindow, localDateOf, localTimeOf, mondayOfIsoWeek } from '../../../shared/stockholm-time';
import { swedishPublicHolidays } from '../../../shared/swedish-holidays';
import { listEntries } from './entries';
import { expandOccurrences, type HolidayCalendar } from './occurrences';

export interface WeekFilter {
  areaId?: string;
  organisationId?: string;
  placeType?: string;
}

/** The weeks before and after, for the week picker. */
export function neighbourWeeks(week: string): { previousWeek: string; nextWeek: string } {
  const monday = mondayOfIsoWeek(week);
  return { previousWeek: isoWeekOf(addDays(monday, -7)), nextWeek: isoWeekOf(addDays(monday, 7)) };
}

/**
 * The Veckoplan: a row per place (or area) with who is planned each day of the week. Without an area
 * filter only rows with someone planned are shown; with one, every place in the area is, so its empty
 * days can be seen too.
 */
export async function weekView(tx: Tx, actor: Actor, week: string, filter: WeekFilter, calendar: HolidayCalendar): Promise<WeekView> {
  const window = isoWeekWindow(week);
  const entries = await listEntries(tx, actor, { areaId: filter.areaId, organisationId: filter.organisationId });
  const placeConditions = [eq(place.tenantId, actor.tenantId), eq(place.active, true)];
  if (filter.areaId) placeConditions.push(eq(place.areaId, filter.areaId));
  if (filter.placeType) placeConditions.push(eq(place.type, filter.placeType));
  const places = await tx
    .select({ id: place.id, name: place.name, type: place.type, areaName: area.name })
    .from(place)
    .leftJoin(area, and(eq(area.tenantId, place.tenantId), eq(area.id, place.areaId)))
    .where(and(...placeConditions))
    .orderBy(sql`lower(${place.name})`, place.id);
  const placeById = new Map(places.map((row) => [row.id, row]));

  const rows = new Map<string, WeekRow>();
  const rowFor = (kind: 'place' | 'area', id: string, name: string, placeType: string | null, areaName: string | null) => {
    let row = rows.get(id);
    if (!row) {
      row = { kind, id, name, placeType, areaName, days: Array.from({ length: 7 }, () => [] as WeekOccurrence[]) };
      rows.set(id, row);
    }
    return row;
  };
  if (filter.areaId) for (const p of places) rowFor('place', p.id, p.name, p.type, p.areaName);

  for (const entry of entries) {
    let row: WeekRow;
    if (entry.placeId) {
      const p = placeById.get(entry.placeId);
      if (!p) continue; // filtered out by type, or archived
      row = rowFor('place', p.id, p.name, p.type, p.areaName);
    } else {
      if (filter.placeType || !entry.areaId) continue; // a type filter is about places
      row = rowFor('area', entry.areaId, entry.areaName ?? '', null, entry.areaName);
    }
    for (const occurrence of expandOccurrences(entry, window, calendar)) {
      const day = window.dates.indexOf(localDateOf(occurrence.start));
      if (day < 0) continue; // began the week before
      row.days[day]!.push({
        entryId: entry.id,
        startTime: localTimeOf(occurrence.start),
        endTime: localTimeOf(occurrence.end),
        endsNextDay: localDateOf(occurrence.end) !== localDateOf(occurrence.start) && localTimeOf(occurrence.end) !== '00:00',
        organisationId: entry.organisationId,
        organisationName: entry.organisationName,
        staffRole: entry.staffRole as StaffRole,
        staffNames: entry.staffNames,
        plannedStaff: entry.plannedStaff,
        visibility: entry.visibility as PresenceVisibility,
      });
    }
  }
  for (const row of rows.values()) for (const day of row.days) day.sort((a, b) => a.startTime.localeCompare(b.startTime));
  const sorted = [...rows.values()]
    .filter((row) => filter.areaId || row.days.some((day) => day.length > 0))
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'sv') : a.kind === 'area' ? -1 : 1));

  const years = [...new Set(window.dates.map((date) => Number(date.slice(0, 4))))];
  const holidays = years.flatMap(swedishPublicHolidays).filter((holiday) => window.dates.includes(holiday.date));
  return { week, ...neighbourWeeks(week), dates: window.dates, publicHolidays: holidays, rows: sorted };
}
