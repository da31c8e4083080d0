import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The security log for sign-in (migration 0020): one global, append-only, hash-chained log in a few
 * lanes. Not tenant-owned: sign-in happens before a tenant is chosen. `tenantIds` (fixed when the
 * event is written: the user's accepted, active memberships then) decides which tenants' log reviewers
 * see it, by row-level security. No address in clear: `emailKey` is the lockout's HMAC of it.
 * The application role may only read (under that policy); it appends through app_append_security_chain.
 */
export const securityEvent = pgTable(
  'security_event',
  {
    lane: integer('lane').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    outcome: text('outcome').notNull(),
    userId: text('user_id'),
    emailKey: text('email_key'),
    tenantIds: uuid('tenant_ids').array().notNull().default([]),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lane, t.seq] }),
    index('security_event_tenants_idx').using('gin', t.tenantIds),
    index('security_event_time_idx').on(t.occurredAt),
    index('security_event_user_time_idx').on(t.userId, t.occurredAt),
  ],
);

/** The head of each lane of the security chain: its row lock serialises appends to that lane. */
export const securityChainHead = pgTable('security_chain_head', {
  lane: integer('lane').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: text('hash').notNull(),
});
