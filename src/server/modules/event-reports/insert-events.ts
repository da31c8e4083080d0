import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FieldCipher } from '../../crypto/field-cipher';
import { now } from '../../clock';
import { area, eventReport, place } from '../../db/schema';
import type { RequestScope } from '../../http/request-scope';
import { containsPoint, type AreaGeometry } from '../../../shared/geojson';
import { approximatePoint, cellOf } from '../../../shared/event-cells';
import { eventTimeFacts, type EventReportParsedInput, type EventSource, type EventStatus } from '../../../shared/event-reports';
import { activeCategoryCodes } from './categories';
import { encryptDescription } from './event-crypto';
import { runEventsInserted, type EventFacts } from './events-hooks';

/**
 * One event to insert: the parsed form (`eventReportInputSchema`) and what the source knows besides.
 * Unset, the organisation and reporter are the actor's, the status is `unverified` for citizens'
 * reports and `verified` otherwise, and received_at is now.
 */
export type NewEventReport = EventReportParsedInput & {
  externalRef?: string | null;
  organisationId?: string | null;
  reportedBy?: string | null;
  status?: EventStatus;
  fieldReportId?: string | null;
  concernId?: string | null;
  importBatchId?: string | null;
  receivedAt?: Date;
};

export interface InsertEventsOptions {
  source: EventSource;
  /** Encrypts the descriptions (AppContext.cipher). */
  cipher: FieldCipher;
  /** Validate and compute only; report what would be inserted and what already exists. */
  dryRun?: boolean;
}

/** A row that cannot be inserted: its index in `rows`, the field and the message id (as a 400's field messages). */
export interface EventRowError {
  index: number;
  field: string;
  message: string;
}

export interface InsertEventsResult {
  /** Inserted (in a dry run: would be inserted). */
  inserted: number;
  /** Already there under the same id or the same (source, external ref): not inserted again. */
  duplicates: number;
  /** The ids actually inserted (empty in a dry run). */
  insertedIds: string[];
  /** With any error, nothing is inserted. */
  errors: EventRowError[];
}

/** Rows per INSERT: 27 columns × 1,000 stays well under PostgreSQL's 65,535 parameters. */
const BATCH = 1000;

/**
 * Inserts event reports in bulk for every source (the form, field reports, imports, the demo).
 * Validates categories, places and areas with one query each, finds the area of a point in memory,
 * computes cell, week, weekday and hour, encrypts descriptions, and inserts in multi-row statements
 * that skip duplicates (ON CONFLICT DO NOTHING: the same id, or the same source and external ref).
 * Registered hooks (events-hooks.ts) see the inserted rows in the same transaction.
 *
 * The caller has authorized the write (scope.authorize) and audits it; this only writes.
 */
export async function insertEventReports(scope: RequestScope, rows: readonly NewEventReport[], options: InsertEventsOptions): Promise<InsertEventsResult> {
  const { tx, actor } = scope;
  const tenantId = actor.tenantId;
  const errors: EventRowError[] = [];
  if (rows.length === 0) return { inserted: 0, duplicates: 0, insertedIds: [], errors };

  const categories = await activeCategoryCodes(tx, tenantId);
  const placeIds = unique(rows.map((row) => row.placeId));
  const areaIds = unique(rows.map((row) => row.areaId));
  const places = new Map(
    placeIds.length === 0
      ? []
      : (
          await tx
            .select({ id: place.id, latitude: place.latitude, longitude: place.longitude, areaId: place.areaId })
            .from(place)
            .where(and(eq(place.tenantId, tenantId), inArray(place.id, placeIds)))
        ).map((row) => [row.id, row]),
  );
  const knownAreas = new Set(
    areaIds.length === 0 ? [] : (await tx.select({ id: area.id }).from(area).where(and(eq(area.tenantId, tenantId), inArray(area.id, areaIds)))).map((row) => row.id),
  );
  const needsAreaLookup = rows.some((row) => !row.areaId && !(row.placeId && places.get(row.placeId)?.areaId) && row.latitude !== null);
  const areaOf = needsAreaLookup ? await areaFinder(scope, tenantId) : () => null;

  const receivedAt = now();
  const values: (typeof eventReport.$inferInsert)[] = [];
  rows.forEach((row, index) => {
    const fail = (field: string, message: string) => errors.push({ index, field, message });
    if (!categories.has(row.category)) fail('category', 'unknown_category');
    const placeRow = row.placeId ? places.get(row.placeId) : undefined;
    if (row.placeId && !placeRow) fail('placeId', 'unknown_reference');
    if (row.areaId && !knownAreas.has(row.areaId)) fail('areaId', 'unknown_reference');
    const point = row.latitude !== null && row.longitude !== null ? (row.approximate ? approximatePoint(row.latitude, row.longitude) : { latitude: row.latitude, longitude: row.longitude }) : null;
    const cellPoint = placeRow?.latitude != null && placeRow.longitude != null ? { latitude: placeRow.latitude, longitude: placeRow.longitude } : point;
    const occurredFrom = new Date(row.occurredFrom);
    const time = eventTimeFacts(occurredFrom);
    const source = options.source;
    values.push({
      tenantId,
      id: row.id,
      source,
      status: row.status ?? (source === 'citizen' ? 'unverified' : 'verified'),
      category: row.category,
      placeId: row.placeId,
      areaId: row.areaId ?? placeRow?.areaId ?? (point ? areaOf(point.latitude, point.longitude) : null),
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      approximate: row.approximate,
      cell: cellPoint ? cellOf(cellPoint.latitude, cellPoint.longitude) : null,
      occurredFrom,
      occurredTo: new Date(row.occurredTo),
      isoWeek: time.isoWeek,
      weekday: time.weekday,
      hour: time.hour,
      peopleCount: row.peopleCount,
      severity: row.severity,
      descriptionCipher: row.description === '' ? null : encryptDescription(options.cipher, tenantId, row.id, row.description),
      organisationId: row.organisationId === undefined ? actor.organisationId : row.organisationId,
      reportedBy: row.reportedBy === undefined ? actor.userId : row.reportedBy,
      receivedAt: row.receivedAt ?? receivedAt,
      fieldReportId: row.fieldReportId ?? null,
      concernId: row.concernId ?? null,
      importBatchId: row.importBatchId ?? null,
      externalRef: row.externalRef ?? null,
    });
  });
  if (errors.length > 0) return { inserted: 0, duplicates: 0, insertedIds: [], errors };

  if (options.dryRun) {
    const existing = await existingCount(scope, tenantId, options.source, values);
    return { inserted: values.length - existing, duplicates: existing, insertedIds: [], errors };
  }

  const insertedIds: string[] = [];
  const facts: EventFacts[] = [];
  for (let start = 0; start < values.length; start += BATCH) {
    const batch = values.slice(start, start + BATCH);
    const returned = await tx.insert(eventReport).values(batch).onConflictDoNothing().returning({ id: eventReport.id });
    const ids = new Set(returned.map((row) => row.id));
    for (const value of batch) {
      if (!ids.has(value.id)) continue;
      ids.delete(value.id); // the same id twice in one batch is inserted once
      insertedIds.push(value.id);
      facts.push(factsOf(value));
    }
  }
  await runEventsInserted(tx, tenantId, facts);
  return { inserted: insertedIds.length, duplicates: values.length - insertedIds.length, insertedIds, errors };
}

export function factsOf(row: Pick<typeof eventReport.$inferSelect, 'id' | 'source' | 'status' | 'category' | 'placeId' | 'areaId' | 'cell' | 'isoWeek' | 'weekday' | 'hour' | 'occurredFrom'> | typeof eventReport.$inferInsert): EventFacts {
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    category: row.category,
    placeId: row.placeId ?? null,
    areaId: row.areaId ?? null,
    cell: row.cell ?? null,
    isoWeek: row.isoWeek,
    weekday: row.weekday,
    hour: row.hour ?? null,
    occurredFrom: row.occurredFrom,
  };
}

function unique(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * The tenant's active areas, read once, and the point-in-polygon test in memory (as
 * places/area-assignment.ts does per point): where areas overlap, the smallest box wins.
 */
async function areaFinder(scope: RequestScope, tenantId: string): Promise<(latitude: number, longitude: number) => string | null> {
  const areas = await scope.tx
    .select({ id: area.id, geometry: area.geometry, minLatitude: area.minLatitude, maxLatitude: area.maxLatitude, minLongitude: area.minLongitude, maxLongitude: area.maxLongitude })
    .from(area)
    .where(and(eq(area.tenantId, tenantId), eq(area.active, true)));
  const bySize = areas
    .map((row) => ({ ...row, size: (row.maxLatitude - row.minLatitude) * (row.maxLongitude - row.minLongitude) }))
    .sort((a, b) => a.size - b.size || a.id.localeCompare(b.id));
  return (latitude, longitude) =>
    bySize.find(
      (row) =>
        row.minLatitude <= latitude &&
        latitude <= row.maxLatitude &&
        row.minLongitude <= longitude &&
        longitude <= row.maxLongitude &&
        containsPoint(row.geometry as AreaGeometry, latitude, longitude),
    )?.id ?? null;
}

/** How many of the rows already exist, by id or by (source, external ref). */
async function existingCount(scope: RequestScope, tenantId: string, source: EventSource, values: readonly (typeof eventReport.$inferInsert)[]): Promise<number> {
  const ids = values.map((value) => value.id);
  const refs = unique(values.map((value) => value.externalRef ?? null));
  const found = await scope.tx
    .select({ id: eventReport.id, externalRef: eventReport.externalRef })
    .from(eventReport)
    .where(
      and(
        eq(eventReport.tenantId, tenantId),
        refs.length > 0
          ? sql`(${inArray(eventReport.id, ids)} OR (${eq(eventReport.source, source)} AND ${inArray(eventReport.externalRef, refs)}))`
          : inArray(eventReport.id, ids),
      ),
    );
  const foundIds = new Set(found.map((row) => row.id));
  const foundRefs = new Set(found.map((row) => row.externalRef).filter(Boolean));
  return values.filter((value) => foundIds.has(value.id) || (value.externalRef && foundRefs.has(value.externalRef))).length;
}
