import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenant } from './tenancy';

/**
 * Append-only access log. A trigger refuses UPDATE and DELETE. Each tenant's events form
 * hash chains: `lane` is one of a few parallel chains so that concurrent requests do not queue
 * behind one lock; (tenant, lane, seq) orders a chain and `hash` covers `prev_hash`.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    lane: integer('lane').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull().defaultRandom(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorUserId: text('actor_user_id'),
    actorOrganisationId: uuid('actor_organisation_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    personId: uuid('person_id'),
    legalBasis: text('legal_basis'),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.lane, t.seq] }),
    index('audit_event_tenant_time_idx').on(t.tenantId, t.occurredAt),
    // "Who has read about this child?" in the log's keyset order (migration 0025).
    index('audit_event_tenant_person_time_idx').on(t.tenantId, t.personId, t.occurredAt.desc(), t.lane.desc(), t.seq.desc()),
    index('audit_event_tenant_actor_idx').on(t.tenantId, t.actorUserId),
    // The log review's flags (migration 0015, modules/audit-log/review-flags.ts).
    index('audit_event_tenant_actor_time_idx').on(t.tenantId, t.actorUserId, t.occurredAt),
    index('audit_event_tenant_person_access_idx')
      .on(t.tenantId, t.occurredAt)
      .where(sql`${t.personId} is not null and ${t.actorUserId} is not null and ${t.outcome} = 'allowed'`),
    index('audit_event_tenant_denied_idx').on(t.tenantId, t.occurredAt).where(sql`${t.outcome} = 'denied'`),
    // The newest purge record, which verification compares with the purge points (migration 0019).
    index('audit_event_tenant_purge_idx').on(t.tenantId, t.occurredAt).where(sql`${t.action} = 'audit.purge'`),
  ],
);

/**
 * Where each chain starts after the audit purge (audit/purge.ts): the last purged event's sequence
 * number and hash per tenant and lane. Written only by the purge, as the owner; verification starts
 * from it. No row: the lane starts at its genesis.
 */
export const auditPurgePoint = pgTable(
  'audit_purge_point',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    lane: integer('lane').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.lane], name: 'audit_purge_point_pk' })],
);

/** The head of each chain: the row lock on it serialises appends to one lane. */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    lane: integer('lane').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.lane] })],
);

/** The tenant's thresholds for the log review's flags (modules/audit-log/review-settings.ts). */
export const logReviewSetting = pgTable(
  'log_review_setting',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenant.id),
    bulkPersons: integer('bulk_persons').notNull().default(10),
    bulkMinutes: integer('bulk_minutes').notNull().default(10),
    nightStartHour: integer('night_start_hour').notNull().default(22),
    nightEndHour: integer('night_end_hour').notNull().default(6),
    lookbackDays: integer('lookback_days').notNull().default(14),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    check(
      'log_review_setting_ranges_check',
      sql`${t.bulkPersons} BETWEEN 2 AND 1000 AND ${t.bulkMinutes} BETWEEN 1 AND 1440 AND ${t.nightStartHour} BETWEEN 0 AND 23 AND ${t.nightEndHour} BETWEEN 0 AND 23 AND ${t.nightStartHour} <> ${t.nightEndHour} AND ${t.lookbackDays} BETWEEN 1 AND 90`,
    ),
  ],
);

/** A flag of the log review that the reviewer has looked at: never changed or removed (the app may only insert). */
export const logReviewMark = pgTable(
  'log_review_mark',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').notNull(),
    flagKey: text('flag_key').notNull(),
    reviewedBy: text('reviewed_by').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
    comment: text('comment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('log_review_mark_flag_idx').on(t.tenantId, t.kind, t.flagKey)],
);
