import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    index('audit_event_tenant_person_idx').on(t.tenantId, t.personId),
    index('audit_event_tenant_actor_idx').on(t.tenantId, t.actorUserId),
  ],
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
