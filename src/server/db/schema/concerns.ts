import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { organisation, tenant } from './tenancy';
import { person } from './persons';

/**
 * A report through the concern channel: a concern about a young person (orosanmälan) or a place
 * report (EST). Free text, contact details and names are encrypted field by field, bound to tenant,
 * row and column. The receipt code is never stored readable: its HMAC, to look the status up by,
 * and for a report sent with a submission id, the code encrypted, to answer a repeat with.
 */
export const concern = pgTable(
  'concern',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').notNull(),
    receiptHash: text('receipt_hash').notNull(),
    /**
     * A report sent with a client-made submission id (modules/concerns/submission-id.ts): the id's
     * HMAC, unique per tenant, and the receipt code encrypted, so that a repeat gets the same receipt.
     */
    submissionHash: text('submission_hash'),
    receiptEncrypted: text('receipt_encrypted'),
    /**
     * The reference staff say aloud ("OR-2026-0042", modules/concerns/reference.ts): numbered per tenant,
     * kind and year of receipt by the trigger concern_number (migration 0017) on every insert; the
     * default only lets an insert leave them out. Never the receipt code, which opens the public status.
     */
    referenceYear: smallint('reference_year').notNull().default(0),
    referenceNumber: integer('reference_number').notNull().default(0),
    /** The public status (mottagen, under_bedomning, vidarebefordrad, avslutad) and when it last changed. */
    status: text('status').notNull().default('mottagen'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set only for a reporter with the duty to report, once decided. */
    feedback: text('feedback'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    receivingOrganisationId: uuid('receiving_organisation_id').notNull(),
    assignedUserId: text('assigned_user_id').references(() => user.id, { onDelete: 'set null' }),
    language: text('language'),
    reporterRole: text('reporter_role'),
    reporterOrganisationType: text('reporter_organisation_type'),
    reporterDutyToReport: boolean('reporter_duty_to_report').notNull().default(false),
    reporterAssociationId: uuid('reporter_association_id'),
    /** JSON: contact (name, phone, e-mail), organisation name, typed association name. */
    reporterEncrypted: text('reporter_encrypted'),
    /** JSON: name, approximate age, school, where usually seen. */
    subjectEncrypted: text('subject_encrypted'),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    eventType: text('event_type'),
    descriptionEncrypted: text('description_encrypted').notNull(),
    placeEncrypted: text('place_encrypted'),
    /** The arena register comes in a later issue; the place is kept a field of its own for it. */
    arenaId: uuid('arena_id'),
    occurredOn: date('occurred_on', { mode: 'string' }),
    occurredTime: text('occurred_time'),
    guardiansKnow: text('guardians_know'),
    personId: uuid('person_id'),
    assessmentResult: text('assessment_result'),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    assessedBy: text('assessed_by'),
    decision: text('decision'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    closeReason: text('close_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    /** Computed at receipt in Europe/Stockholm: end of that day, and of the day 14 days later. */
    assessmentDueAt: timestamp('assessment_due_at', { withTimezone: true }),
    decisionDueAt: timestamp('decision_due_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The one lookup without a tenant: the public status by receipt code, through app_concern_status().
    uniqueIndex('concern_receipt_hash_idx').on(t.receiptHash),
    // A repeated submission meets this index and is answered with the first report's receipt.
    uniqueIndex('concern_submission_hash_idx').on(t.tenantId, t.submissionHash),
    uniqueIndex('concern_reference_idx').on(t.tenantId, t.kind, t.referenceYear, t.referenceNumber),
    check('concern_submission_receipt_check', sql`(${t.submissionHash} is null) = (${t.receiptEncrypted} is null)`),
    index('concern_tenant_inbox_idx').on(t.tenantId, t.receivingOrganisationId, t.status, t.receivedAt),
    index('concern_tenant_assignee_idx').on(t.tenantId, t.assignedUserId),
    index('concern_tenant_person_idx').on(t.tenantId, t.personId),
    // The inbox's open reports, newest first (migration 0025).
    index('concern_tenant_open_inbox_idx').on(t.tenantId, t.receivingOrganisationId, t.receivedAt.desc()).where(sql`${t.status} <> 'avslutad'`),
    foreignKey({ columns: [t.tenantId, t.receivingOrganisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    foreignKey({ columns: [t.tenantId, t.reporterAssociationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    foreignKey({ columns: [t.tenantId, t.personId], foreignColumns: [person.tenantId, person.id] }),
  ],
);

/** The concern's timeline: every step, who and when. A step's free-text note is encrypted. */
export const concernEvent = pgTable(
  'concern_event',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    concernId: uuid('concern_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    type: text('type').notNull(),
    actorUserId: text('actor_user_id'),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    noteEncrypted: text('note_encrypted'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.concernId], foreignColumns: [concern.tenantId, concern.id] }).onDelete('cascade'),
    index('concern_event_tenant_concern_idx').on(t.tenantId, t.concernId, t.occurredAt),
  ],
);

/** Where new reports of a kind go, per tenant. Without a rule, a fallback decides (see routing.ts). */
export const concernRoutingRule = pgTable(
  'concern_routing_rule',
  {
    tenantId: uuid('tenant_id').notNull(),
    kind: text('kind').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    notifyCoordinator: boolean('notify_coordinator').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.kind] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
  ],
);

/** The last reference number handed out per tenant, kind and year (migration 0017's trigger). */
export const concernReferenceCounter = pgTable(
  'concern_reference_counter',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    kind: text('kind').notNull(),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ name: 'concern_reference_counter_pk', columns: [t.tenantId, t.kind, t.year] })],
);

/**
 * Counters of the public endpoints' rate limits (per client address, hashed: the table never holds
 * a reporter's IP). Not tenant-owned: the limit holds across tenants and server processes.
 */
export const publicRateLimit = pgTable('public_rate_limit', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
