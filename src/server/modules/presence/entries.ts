import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, organisation, place, presenceEntry } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import type { PresenceEntry, PresenceEntryInputParsed, PresenceVisibility, StaffRole } from '../../../shared/presence';
import { instantOfWallTime, localDateOf, localTimeOf, parseLocalDate, wallTimeOf } from '../../../shared/stockholm-time';
import { invalid } from '../../http/errors';
import type { PresenceEntryRow } from './occurrences';
import type { PresenceEntryResource } from './policy';

export type EntryWithNames = PresenceEntryRow & { organisationName: string; placeName: string | null; areaName: string | null };

export function entryResource(tenantId: string, entry: { id: string | null; organisationId: string; visibility: string }): PresenceEntryResource {
  return { kind: 'presence_entry', tenantId, id: entry.id, organisationId: entry.organisationId, visibility: entry.visibility as PresenceVisibility };
}

/**
 * The visibility rule in SQL, for the actor: the policy layer's first wall in every query (row-level
 * security, app_may_see_visibility, is the second).
 */
export function visibleTo(actor: Actor): SQL {
  const rule = or(eq(presenceEntry.visibility, 'all'), eq(presenceEntry.organisationId, actor.organisationId));
  return actor.organisationIsAuthority ? or(rule, eq(presenceEntry.visibility, 'authorities'))! : rule!;
}

const columns = {
  entry: presenceEntry,
  organisationName: organisation.name,
  placeName: place.name,
  areaName: area.name,
};

function selectEntries(tx: Tx, where: SQL | undefined) {
  return tx
    .select(columns)
    .from(presenceEntry)
    .innerJoin(organisation, and(eq(organisation.tenantId, presenceEntry.tenantId), eq(organisation.id, presenceEntry.organisationId)))
    .leftJoin(place, and(eq(place.tenantId, presenceEntry.tenantId), eq(place.id, presenceEntry.placeId)))
    .leftJoin(area, and(eq(area.tenantId, presenceEntry.tenantId), eq(area.id, presenceEntry.areaId)))
    .where(where);
}

const flatten = (row: { entry: PresenceEntryRow; organisationName: string; placeName: string | null; areaName: string | null }): EntryWithNames => ({
  ...row.entry,
  organisationName: row.organisationName,
  placeName: row.placeName,
  areaName: row.areaName,
});

/** One entry the actor may see, or null: an entry hidden from them is as absent as one that never was. */
export async function findEntry(tx: Tx, actor: Actor, id: string): Promise<EntryWithNames | null> {
  const [row] = await selectEntries(tx, and(eq(presenceEntry.tenantId, actor.tenantId), eq(presenceEntry.id, id), visibleTo(actor))).limit(1);
  return row ? flatten(row) : null;
}

export interface EntryFilter {
  placeId?: string;
  areaId?: string;
  organisationId?: string;
  /** Include cancelled entries (the list does not). */
  withCancelled?: boolean;
}

/** The entries the actor may see, in one query. */
export async function listEntries(tx: Tx, actor: Actor, filter: EntryFilter = {}): Promise<EntryWithNames[]> {
  const conditions: (SQL | undefined)[] = [eq(presenceEntry.tenantId, actor.tenantId), visibleTo(actor)];
  if (!filter.withCancelled) conditions.push(isNull(presenceEntry.cancelledAt));
  if (filter.placeId) conditions.push(eq(presenceEntry.placeId, filter.placeId));
  if (filter.areaId) conditions.push(or(eq(presenceEntry.areaId, filter.areaId), eq(place.areaId, filter.areaId)));
  if (filter.organisationId) conditions.push(eq(presenceEntry.organisationId, filter.organisationId));
  const rows = await selectEntries(tx, and(...conditions)).orderBy(asc(presenceEntry.startsAt), asc(presenceEntry.id));
  return rows.map(flatten);
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOfMinutes = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The stored columns of an input: the first start as an instant, the duration in wall minutes, exceptions as occurrence starts. */
export function entryColumns(input: PresenceEntryInputParsed) {
  const start = minutesOf(input.startTime);
  let duration = minutesOf(input.endTime) - start;
  if (duration <= 0) duration += 24 * 60;
  const at = (date: string) => instantOfWallTime({ ...parseLocalDate(date), hour: Math.floor(start / 60), minute: start % 60 });
  return {
    staffRole: input.staffRole,
    staffNames: input.staffNames,
    placeId: input.placeId,
    areaId: input.areaId,
    startsAt: at(input.date),
    durationMinutes: duration,
    recurrence: input.recurrence,
    exceptions: [...new Set(input.exceptions)].sort().map(at),
    skipPublicHolidays: input.skipPublicHolidays,
    skipSchoolHolidays: input.skipSchoolHolidays,
    plannedStaff: input.plannedStaff,
    visibility: input.visibility,
    notes: input.notes,
  };
}

/** The place or area must be the tenant's and in use; a wrong one is a field error, not a 404. */
export async function checkWhere(tx: Tx, tenantId: string, input: { placeId: string | null; areaId: string | null }): Promise<void> {
  if (input.placeId) {
    const [row] = await tx.select({ id: place.id }).from(place).where(and(eq(place.tenantId, tenantId), eq(place.id, input.placeId), eq(place.active, true))).limit(1);
    if (!row) throw invalid({ placeId: 'invalid' });
  }
  if (input.areaId) {
    const [row] = await tx.select({ id: area.id }).from(area).where(and(eq(area.tenantId, tenantId), eq(area.id, input.areaId), eq(area.active, true))).limit(1);
    if (!row) throw invalid({ areaId: 'invalid' });
  }
}

export async function insertEntry(tx: Tx, actor: Actor, input: PresenceEntryInputParsed): Promise<string> {
  const [row] = await tx
    .insert(presenceEntry)
    .values({ tenantId: actor.tenantId, organisationId: actor.organisationId, createdBy: actor.userId, ...entryColumns(input) })
    .returning({ id: presenceEntry.id });
  return row!.id;
}

/** Which fields an update changed (names, never values: the audit log is no copy of the plan). */
export function changedFields(before: PresenceEntryRow, after: ReturnType<typeof entryColumns>): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return (Object.keys(after) as (keyof typeof after)[]).filter((key) => !same(before[key], after[key]));
}

export async function updateEntry(tx: Tx, actor: Actor, id: string, values: ReturnType<typeof entryColumns>): Promise<void> {
  await tx
    .update(presenceEntry)
    .set({ ...values, sequence: sql`${presenceEntry.sequence} + 1`, updatedAt: sql`app_now()` })
    .where(and(eq(presenceEntry.tenantId, actor.tenantId), eq(presenceEntry.id, id)));
}

export async function cancelEntry(tx: Tx, actor: Actor, id: string): Promise<void> {
  await tx
    .update(presenceEntry)
    .set({ cancelledAt: sql`app_now()`, sequence: sql`${presenceEntry.sequence} + 1`, updatedAt: sql`app_now()` })
    .where(and(eq(presenceEntry.tenantId, actor.tenantId), eq(presenceEntry.id, id), isNull(presenceEntry.cancelledAt)));
}

export function presentEntry(actor: Actor, row: EntryWithNames): PresenceEntry {
  const startMinutes = (() => {
    const wall = wallTimeOf(row.startsAt);
    return wall.hour * 60 + wall.minute;
  })();
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    staffRole: row.staffRole as StaffRole,
    staffNames: row.staffNames,
    placeId: row.placeId,
    placeName: row.placeName,
    areaId: row.areaId,
    areaName: row.areaName,
    date: localDateOf(row.startsAt),
    startTime: localTimeOf(row.startsAt),
    endTime: timeOfMinutes(startMinutes + row.durationMinutes),
    durationMinutes: row.durationMinutes,
    recurrence: row.recurrence,
    exceptions: row.exceptions.map(localDateOf),
    skipPublicHolidays: row.skipPublicHolidays,
    skipSchoolHolidays: row.skipSchoolHolidays,
    plannedStaff: row.plannedStaff,
    visibility: row.visibility as PresenceVisibility,
    notes: row.notes,
    cancelled: row.cancelledAt !== null,
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(actor, entryResource(row.tenantId, row)),
  };
}
