import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { organisation, tenant } from './tenancy';
import { concern } from './concerns';

/**
 * An in-app notification. It carries no personal data: a kind and a link into the app only; the
 * page behind the link does its own authorization. A user reads only their own (row-level security).
 */
export const notification = pgTable(
  'notification',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('notification_tenant_user_created_idx').on(t.tenantId, t.userId, t.createdAt)],
);

/**
 * A member's choice about an organisation's inbox. Without a row, the default holds: the inbox
 * roles of the organisation hear of everything new, in the app and by e-mail.
 */
export const inboxSubscription = pgTable(
  'inbox_subscription',
  {
    tenantId: uuid('tenant_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    subscribed: boolean('subscribed').notNull().default(true),
    email: boolean('email').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.organisationId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
  ],
);

/**
 * E-mail waiting to be sent, written in the same transaction as the event it announces: nothing is
 * mailed for a rolled-back event, nothing is lost on a crash. The address is looked up when sending,
 * so the outbox holds no address, only who and a link.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    link: text('link').notNull(),
    /** pending, sent, logged (no SMTP configured: written to the log), failed (gave up), skipped (the user is inactive). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not before: the backoff after a failure, and the lease while one sender works on the row. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** How many reports a coalesced "new reports in the inbox" mail stands for (1 for every other kind). */
    count: integer('count').notNull().default(1),
    /** The count the sender took when it claimed the row; what arrives meanwhile stays pending (migration 0019). */
    claimedCount: integer('claimed_count'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('email_outbox_tenant_pending_idx')
      .on(t.tenantId, t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    // One waiting new-report mail per subscriber and kind: app_notify_all upserts into it.
    uniqueIndex('email_outbox_waiting_report_idx')
      .on(t.tenantId, t.userId, t.kind)
      .where(sql`status = 'pending' AND kind IN ('concern.received', 'place_report.received')`),
  ],
);

/** One row per concern and deadline that its inbox has been told about: the deadline job notifies once. */
export const deadlineNotice = pgTable(
  'deadline_notice',
  {
    tenantId: uuid('tenant_id').notNull(),
    concernId: uuid('concern_id').notNull(),
    /** assessment or decision */
    deadline: text('deadline').notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.concernId, t.deadline] }),
    foreignKey({ columns: [t.tenantId, t.concernId], foreignColumns: [concern.tenantId, concern.id] }).onDelete('cascade'),
  ],
);
