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

/**
 * Rows per INSERT. Each batch is ONE statement with ONE parameter (the rows as JSON, read by
 * json_to_recordset): the same SQL text for every batch, so nothing is built per row in the ORM, and
 * the rollup triggers (migration 0031, statement-level) run once per batch over the whole batch.
 */
const BATCH = 10_000;

/** The inserted columns and their SQL types, in the order of the JSON record (tenant_id … external_ref). */
const INSERT_COLUMNS = [
  ['tenant_id', 'uuid'],
  ['id', 'uuid'],
  ['source', 'text'],
  ['status', 'text'],
  ['category', 'text'],
  ['place_id', 'uuid'],
  ['area_id', 'uuid'],
  ['latitude', 'double precision'],
  ['longitude', 'double precision'],
  ['approximate', 'boolean'],
  ['cell', 'text'],
  ['occurred_from', 'timestamptz'],
  ['occurred_to', 'timestamptz'],
  ['iso_week', 'integer'],
  ['weekday', 'smallint'],
  ['hour', 'smallint'],
  ['people_count', 'text'],
  ['severity', 'smallint'],
  ['description_cipher', 'text'],
  ['organisation_id', 'uuid'],
  ['reported_by', 'text'],
  ['received_at', 'timestamptz'],
  ['field_report_id', 'uuid'],
  ['concern_id', 'uuid'],
  ['import_batch_id', 'uuid'],
  ['external_ref', 'text'],
] as const;
const INSERT_HEAD = sql.raw(
  `insert into event_report (${INSERT_COLUMNS.map(([name]) => name).join(', ')})
   select ${INSERT_COLUMNS.map(([name]) => `r.${name}`).join(', ')} from json_to_recordset(`,
);
const INSERT_TAIL = sql.raw(`::json) as r(${INSERT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')}) on conflict do nothing returning id`);

type EventRow = typeof eventReport.$inferInsert;

/** One row as the JSON record of INSERT_COLUMNS (timestamps as ISO text, which timestamptz reads exactly). */
function record(row: EventRow): Record<string, unknown> {
  return {
    tenant_id: row.tenantId,
    id: row.id,
    source: row.source,
    status: row.status,
    category: row.category,
    place_id: row.placeId ?? null,
    area_id: row.areaId ?? null,
    latitude: row.latitude ?? null,
    longitude: row.longitude ?? null,
    approximate: row.approximate ?? false,
    cell: row.cell ?? null,
    occurred_from: row.occurredFrom.toISOString(),
    occurred_to: row.occurredTo.toISOString(),
    iso_week: row.isoWeek,
    weekday: row.weekday,
    hour: row.hour ?? null,
    people_count: row.peopleCount ?? null,
    severity: row.severity ?? 1,
    description_cipher: row.descriptionCipher ?? null,
    organisation_id: row.organisationId ?? null,
    reported_by: row.reportedBy ?? null,
    received_at: (row.receivedAt ?? now()).toISOString(),
    field_report_id: row.fieldReportId ?? null,
    concern_id: row.concernId ?? null,
    import_batch_id: row.importBatchId ?? null,
    external_ref: row.externalRef ?? null,
  };
}

/** Inserts one batch in one statement; the ids actually inserted (a duplicate id or external ref is skipped). */
async function insertBatch(tx: RequestScope['tx'], rows: readonly EventRow[]): Promise<Set<string>> {
  const json = JSON.stringify(rows.map(record));
  const result = await tx.execute<{ id: string }>(sql`${INSERT_HEAD}${json}${INSERT_TAIL}`);
  return new Set(result.rows.map((row) => row.id));
}

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
    const ids = await insertBatch(tx, batch);
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
