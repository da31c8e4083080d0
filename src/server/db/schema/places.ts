import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { membership, organisation, tenant } from './tenancy';

/**
 * Places and presence (issue 13). Everything here is about places, never about people: no table
 * holds a young person's name or identity. Staff names in a presence entry are the professionals'
 * own. Positions are plain WGS 84 columns (no PostGIS); areas are GeoJSON with a bounding box kept
 * beside it so "which area is this point in" starts with a cheap range test.
 */

/** An area (område): a stadsdel, a school catchment or any drawn polygon. */
export const area = pgTable(
  'area',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** stadsdel | upptagningsomrade | annat */
    kind: text('kind').notNull(),
    /** A GeoJSON Polygon or MultiPolygon geometry, validated on the way in. */
    geometry: jsonb('geometry').notNull(),
    minLatitude: doublePrecision('min_latitude').notNull(),
    minLongitude: doublePrecision('min_longitude').notNull(),
    maxLatitude: doublePrecision('max_latitude').notNull(),
    maxLongitude: doublePrecision('max_longitude').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('area_tenant_name_idx').on(t.tenantId, t.name),
  ],
);

/** A place (arena) where young people are: a school, a fritidsgård, a square, or a digital arena. */
export const place = pgTable(
  'place',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** One of PLACE_TYPES in src/shared/places.ts; `digital` has no position. */
    type: text('type').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** A place that is itself an area (a park, an estate): a GeoJSON Polygon, instead of or beside the point. */
    geometry: jsonb('geometry'),
    address: text('address'),
    /** For a digital arena: where it is (a server name, a platform). */
    digitalLocation: text('digital_location'),
    areaId: uuid('area_id'),
    responsibleOrganisationId: uuid('responsible_organisation_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    /** Per ISO weekday (1 = Monday): a list of { opens: "HH:MM", closes: "HH:MM" }. */
    openingHours: jsonb('opening_hours').notNull().default(sql`'{}'::jsonb`),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.areaId], foreignColumns: [area.tenantId, area.id] }),
    foreignKey({ columns: [t.tenantId, t.responsibleOrganisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    index('place_tenant_area_idx').on(t.tenantId, t.areaId),
    index('place_tenant_name_idx').on(t.tenantId, t.name),
    check('place_position_pair', sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL)`),
  ],
);

/** Ungdomstider: when young people are usually at a place, as ISO weekday × hour with a level. */
export const placeYouthHour = pgTable(
  'place_youth_hour',
  {
    tenantId: uuid('tenant_id').notNull(),
    placeId: uuid('place_id').notNull(),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    /** Local (Europe/Stockholm) hour the slot starts, 0–23. */
    hour: smallint('hour').notNull(),
    /** few | some | many */
    level: text('level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.placeId, t.weekday, t.hour] }),
    foreignKey({ columns: [t.tenantId, t.placeId], foreignColumns: [place.tenantId, place.id] }).onDelete('cascade'),
    check('place_youth_hour_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('place_youth_hour_hour', sql`${t.hour} BETWEEN 0 AND 23`),
    check('place_youth_hour_level', sql`${t.level} IN ('few', 'some', 'many')`),
  ],
);

/**
 * A presence entry (närvaroplan): who from which organisation is at a place or in an area, and when:
 * once, or recurring by an iCalendar RRULE with exceptions. `visibility` decides which partners see
 * it, enforced by the policy layer and by row-level security (migration 0025).
 */
export const presenceEntry = pgTable(
  'presence_entry',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    /** faltassistent | omradespolis | nattvandrare | fritidsledare | annan */
    staffRole: text('staff_role').notNull(),
    /** Optional named professionals (staff, never young people). */
    staffNames: text('staff_names').array().notNull().default(sql`'{}'::text[]`),
    placeId: uuid('place_id'),
    areaId: uuid('area_id'),
    /** First occurrence's start; local wall time is Europe/Stockholm. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** An RRULE (without DTSTART), or null for a single occasion. */
    recurrence: text('recurrence'),
    /** Occurrence starts that are cancelled (EXDATE). */
    exceptions: timestamp('exceptions', { withTimezone: true }).array().notNull().default(sql`'{}'::timestamptz[]`),
    skipPublicHolidays: boolean('skip_public_holidays').notNull().default(false),
    skipSchoolHolidays: boolean('skip_school_holidays').notNull().default(false),
    plannedStaff: integer('planned_staff').notNull().default(1),
    /** all | authorities | organisation */
    visibility: text('visibility').notNull(),
    notes: text('notes'),
    /** A cancelled entry is kept (feeds must tell clients it is gone), never shown as planned. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    sequence: integer('sequence').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    foreignKey({ columns: [t.tenantId, t.placeId], foreignColumns: [place.tenantId, place.id] }),
    foreignKey({ columns: [t.tenantId, t.areaId], foreignColumns: [area.tenantId, area.id] }),
    index('presence_entry_tenant_place_idx').on(t.tenantId, t.placeId),
    index('presence_entry_tenant_area_idx').on(t.tenantId, t.areaId),
    index('presence_entry_tenant_organisation_idx').on(t.tenantId, t.organisationId),
    check('presence_entry_where', sql`(${t.placeId} IS NULL) <> (${t.areaId} IS NULL)`),
    check('presence_entry_visibility', sql`${t.visibility} IN ('all', 'authorities', 'organisation')`),
    check('presence_entry_duration', sql`${t.durationMinutes} BETWEEN 15 AND 1440`),
    check('presence_entry_staff', sql`${t.plannedStaff} BETWEEN 1 AND 100`),
  ],
);

/** School holidays (lov) per term, a tenant setting: presence entries may skip them. */
export const schoolHoliday = pgTable(
  'school_holiday',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), check('school_holiday_order', sql`${t.startsOn} <= ${t.endsOn}`)],
);

/**
 * A private calendar feed: a secret URL (only its SHA-256 is stored) that serves an owner's view of
 * the presence plan. It is read as its owner's membership on every fetch, so a lost right is lost on
 * the next fetch. scope: user (own presence and the organisation's) | organisation | place.
 */
export const calendarFeed = pgTable(
  'calendar_feed',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').notNull(),
    scope: text('scope').notNull(),
    placeId: uuid('place_id'),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('calendar_feed_token_hash_idx').on(t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.membershipId], foreignColumns: [membership.tenantId, membership.id] }).onDelete('cascade'),
    index('calendar_feed_user_idx').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.placeId], foreignColumns: [place.tenantId, place.id] }).onDelete('cascade'),
    check('calendar_feed_scope', sql`${t.scope} IN ('user', 'organisation', 'place')`),
    check('calendar_feed_place', sql`(${t.scope} = 'place') = (${t.placeId} IS NOT NULL)`),
  ],
);

/**
 * A field report (fältrapport) after a presence occasion: counts by age band and a mood, never names.
 * `id` is generated by the client, so a report sent again after a lost connection is the same report.
 * An observation marked for the lägesbild (`forSituationPicture`) becomes an incident report there.
 */
export const fieldReport = pgTable(
  'field_report',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    /** The organisations present besides the author's. */
    otherOrganisationIds: uuid('other_organisation_ids').array().notNull().default(sql`'{}'::uuid[]`),
    presenceEntryId: uuid('presence_entry_id'),
    placeId: uuid('place_id'),
    areaId: uuid('area_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    staffCount: integer('staff_count').notNull().default(1),
    youthUnder13: integer('youth_under_13').notNull().default(0),
    youth13To15: integer('youth_13_to_15').notNull().default(0),
    youth16To17: integer('youth_16_to_17').notNull().default(0),
    youth18Plus: integer('youth_18_plus').notNull().default(0),
    /** lugnt | anstrangt | oroligt */
    mood: text('mood').notNull(),
    observations: text('observations'),
    forSituationPicture: boolean('for_situation_picture').notNull().default(false),
    /** all | authorities | organisation, as for presence entries. */
    visibility: text('visibility').notNull(),
    reportedBy: text('reported_by'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    foreignKey({ columns: [t.tenantId, t.placeId], foreignColumns: [place.tenantId, place.id] }),
    foreignKey({ columns: [t.tenantId, t.areaId], foreignColumns: [area.tenantId, area.id] }),
    index('field_report_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('field_report_tenant_place_idx').on(t.tenantId, t.placeId),
    check('field_report_order', sql`${t.startedAt} < ${t.endedAt}`),
    check('field_report_mood', sql`${t.mood} IN ('lugnt', 'anstrangt', 'oroligt')`),
    check('field_report_visibility', sql`${t.visibility} IN ('all', 'authorities', 'organisation')`),
    check(
      'field_report_counts',
      sql`${t.youthUnder13} >= 0 AND ${t.youth13To15} >= 0 AND ${t.youth16To17} >= 0 AND ${t.youth18Plus} >= 0 AND ${t.staffCount} >= 1`,
    ),
  ],
);
