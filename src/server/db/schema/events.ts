import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { area, place } from './places';
import { organisation, tenant } from './tenancy';

/**
 * Event reports for the lägesbild (issue 14 §1). About places, never about people: no column holds a
 * person. The description is free text and may still name someone, so it is encrypted (bound to tenant,
 * table, column and row) and each read of it is audited. Week, weekday, hour and H3 cell are stored so
 * that the weekly picture is a plain GROUP BY on both databases (no PostGIS, no time-zone maths at read).
 */

/**
 * A tenant's own categories, and its choices about the built-in EST ones: a row with a built-in code
 * and `active = false` deactivates it for the tenant. Built-ins live in code (src/shared/event-reports.ts).
 */
export const eventCategory = pgTable(
  'event_category',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    code: text('code').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

export const eventReport = pgTable(
  'event_report',
  {
    tenantId: uuid('tenant_id').notNull(),
    /** May be made by the client, so that a report resent from the offline queue is still one. */
    id: uuid('id').notNull(),
    /** staff | field_report | citizen | import */
    source: text('source').notNull(),
    /** verified | unverified | rejected: only verified reports count in the lägesbild. */
    status: text('status').notNull(),
    /** A category code: a built-in EST one or the tenant's own (event_category). */
    category: text('category').notNull(),
    placeId: uuid('place_id'),
    /** Given, or found from the place or the point. */
    areaId: uuid('area_id'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** The point was rounded to about 250 m before it was stored. */
    approximate: boolean('approximate').notNull().default(false),
    /** H3 resolution 9 cell of the stored point (the place's point when a place is given). */
    cell: text('cell'),
    occurredFrom: timestamp('occurred_from', { withTimezone: true }).notNull(),
    occurredTo: timestamp('occurred_to', { withTimezone: true }).notNull(),
    /** ISO year × 100 + ISO week of occurred_from in Stockholm, e.g. 202649. */
    isoWeek: integer('iso_week').notNull(),
    /** 1 = Monday … 7 = Sunday, Stockholm. */
    weekday: smallint('weekday').notNull(),
    /** 0–23, Stockholm wall time of occurred_from; null when only the day is known (a citizen's report without a time). */
    hour: smallint('hour'),
    /** '1' | '2-4' | '5-9' | '10+' */
    peopleCount: text('people_count'),
    /** 1 lindrig, 2 allvarlig, 3 mycket allvarlig */
    severity: smallint('severity').notNull().default(1),
    descriptionCipher: text('description_cipher'),
    /** The reporting organisation; null for a citizen's report. */
    organisationId: uuid('organisation_id'),
    reportedBy: text('reported_by'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    fieldReportId: uuid('field_report_id'),
    /** The citizen's place report (concern of kind place) it came from. */
    concernId: uuid('concern_id'),
    importBatchId: uuid('import_batch_id'),
    /** The source's own id (a police event id, a housing company's row id): unique per tenant and source. */
    externalRef: text('external_ref'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.placeId], foreignColumns: [place.tenantId, place.id] }),
    foreignKey({ columns: [t.tenantId, t.areaId], foreignColumns: [area.tenantId, area.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    index('event_report_week_area_idx').on(t.tenantId, t.isoWeek, t.areaId),
    index('event_report_place_occurred_idx').on(t.tenantId, t.placeId, t.occurredFrom),
    index('event_report_received_idx').on(t.tenantId, t.receivedAt),
    uniqueIndex('event_report_external_ref_idx').on(t.tenantId, t.source, t.externalRef),
    uniqueIndex('event_report_field_report_idx').on(t.tenantId, t.fieldReportId),
    uniqueIndex('event_report_concern_idx').on(t.tenantId, t.concernId),
    check('event_report_source', sql`${t.source} IN ('staff', 'field_report', 'citizen', 'import')`),
    check('event_report_status', sql`${t.status} IN ('verified', 'unverified', 'rejected')`),
    check('event_report_order', sql`${t.occurredFrom} <= ${t.occurredTo}`),
    check('event_report_point_pair', sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL)`),
    check('event_report_people', sql`${t.peopleCount} IS NULL OR ${t.peopleCount} IN ('1', '2-4', '5-9', '10+')`),
    check('event_report_severity', sql`${t.severity} BETWEEN 1 AND 3`),
    check('event_report_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('event_report_hour', sql`${t.hour} IS NULL OR ${t.hour} BETWEEN 0 AND 23`),
  ],
);
