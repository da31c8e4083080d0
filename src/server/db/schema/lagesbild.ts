import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { area } from './places';
import { tenant } from './tenancy';

/**
 * The weekly lägesbild (issue 14 §2, §5). The three rollups are kept by triggers on event_report
 * (migration 0031), never written by the app: verified events only, +1/−1 per statement. Their keys
 * are NOT NULL so an upsert can name them: NO_AREA is "no area", '' "no cell", hour −1 "time unknown".
 */
export const NO_AREA = '00000000-0000-0000-0000-000000000000';

export const eventWeekCategory = pgTable(
  'event_week_category',
  {
    tenantId: uuid('tenant_id').notNull(),
    areaKey: uuid('area_key').notNull(),
    isoWeek: integer('iso_week').notNull(),
    category: text('category').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ name: 'event_week_category_pk', columns: [t.tenantId, t.areaKey, t.isoWeek, t.category] }), index('event_week_category_week_idx').on(t.tenantId, t.isoWeek)],
);

export const eventWeekCell = pgTable(
  'event_week_cell',
  {
    tenantId: uuid('tenant_id').notNull(),
    areaKey: uuid('area_key').notNull(),
    isoWeek: integer('iso_week').notNull(),
    category: text('category').notNull(),
    cell: text('cell').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ name: 'event_week_cell_pk', columns: [t.tenantId, t.areaKey, t.isoWeek, t.category, t.cell] }), index('event_week_cell_week_idx').on(t.tenantId, t.isoWeek)],
);

export const eventWeekHour = pgTable(
  'event_week_hour',
  {
    tenantId: uuid('tenant_id').notNull(),
    areaKey: uuid('area_key').notNull(),
    isoWeek: integer('iso_week').notNull(),
    category: text('category').notNull(),
    weekday: smallint('weekday').notNull(),
    hour: smallint('hour').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ name: 'event_week_hour_pk', columns: [t.tenantId, t.areaKey, t.isoWeek, t.category, t.weekday, t.hour] }),
    index('event_week_hour_week_idx').on(t.tenantId, t.isoWeek),
  ],
);

/**
 * The EST group's week: its analysis, closing and sending. `areaId` null is the whole tenant. The
 * analysis is about places and is sent to partners, so it is plain text (a personnummer is refused);
 * `sentSnapshot` is the picture exactly as sent (suppressed figures), never recomputed.
 */
export const lagesbildWeek = pgTable(
  'lagesbild_week',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    isoWeek: integer('iso_week').notNull(),
    areaId: uuid('area_id'),
    /** open | closed | sent */
    status: text('status').notNull().default('open'),
    analysis: text('analysis').notNull().default(''),
    analysisBy: text('analysis_by'),
    analysisAt: timestamp('analysis_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    sentBy: text('sent_by'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentSnapshot: jsonb('sent_snapshot'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.areaId], foreignColumns: [area.tenantId, area.id] }),
    uniqueIndex('lagesbild_week_unique_idx').on(t.tenantId, t.isoWeek, sql`coalesce(${t.areaId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    check('lagesbild_week_status', sql`${t.status} IN ('open', 'closed', 'sent')`),
    check('lagesbild_week_sent', sql`(${t.status} = 'sent') = (${t.sentSnapshot} IS NOT NULL)`),
  ],
);

/** Who got a sent week back: the reporters of its events. */
export const lagesbildRecipient = pgTable(
  'lagesbild_recipient',
  {
    tenantId: uuid('tenant_id').notNull(),
    weekId: uuid('week_id').notNull(),
    userId: text('user_id').notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lagesbild_recipient_pk', columns: [t.tenantId, t.weekId, t.userId] }),
    foreignKey({ name: 'lagesbild_recipient_week_fk', columns: [t.tenantId, t.weekId], foreignColumns: [lagesbildWeek.tenantId, lagesbildWeek.id] }).onDelete('cascade'),
  ],
);

/** The tenant's small-cell threshold k (migration 0033): no row means DEFAULT_SUPPRESSION_K; 3 to 100. */
export const lagesbildSetting = pgTable(
  'lagesbild_setting',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenant.id),
    suppressionK: integer('suppression_k').notNull().default(5),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('lagesbild_setting_k', sql`${t.suppressionK} BETWEEN 3 AND 100`)],
);
