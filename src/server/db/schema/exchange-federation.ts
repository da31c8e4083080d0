import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The housing exchange between installations (issue 16 §5): pinned partner installations, the outbox of
 * signed messages to them and the inbox (replay guard) of messages from them. All per tenant, RLS
 * forced; constraints and policies in migration 0042_exchange_federation.sql.
 */
export const exchangePartner = pgTable(
  'exchange_partner',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    installationId: text('installation_id').notNull(),
    name: text('name').notNull(),
    endpointUrl: text('endpoint_url').notNull(),
    /** The partner's Ed25519 public key as a JWK (kty OKP, crv Ed25519, x). */
    publicJwk: jsonb('public_jwk').notNull(),
    /** RFC 7638 thumbprint of the key, for comparing over the phone. */
    keyThumbprint: text('key_thumbprint').notNull(),
    pinnedBy: text('pinned_by').notNull(),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('exchange_partner_installation_idx').on(t.tenantId, t.installationId)],
);

export const exchangePartnerTenant = pgTable(
  'exchange_partner_tenant',
  {
    tenantId: uuid('tenant_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    remoteTenantId: uuid('remote_tenant_id').notNull(),
    name: text('name').notNull(),
    municipalityCode: text('municipality_code').notNull(),
  },
  (t) => [primaryKey({ name: 'exchange_partner_tenant_pk', columns: [t.tenantId, t.partnerId, t.remoteTenantId] })],
);

export const exchangeOutbox = pgTable(
  'exchange_outbox',
  {
    tenantId: uuid('tenant_id').notNull(),
    messageId: uuid('message_id').notNull(),
    toInstallation: text('to_installation').notNull(),
    toTenant: uuid('to_tenant').notNull(),
    type: text('type').notNull(),
    /** The envelope without its body. */
    envelope: jsonb('envelope').notNull(),
    /** The body, encrypted with the field cipher bound to `exchange_outbox.body:<tenant>:<message>`; NULL once delivered or given up. */
    bodyEncrypted: text('body_encrypted'),
    /** pending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.messageId] }), index('exchange_outbox_due_idx').on(t.tenantId, t.status, t.nextAttemptAt)],
);

export const exchangeInbox = pgTable(
  'exchange_inbox',
  {
    tenantId: uuid('tenant_id').notNull(),
    messageId: uuid('message_id').notNull(),
    fromInstallation: text('from_installation').notNull(),
    fromTenant: uuid('from_tenant').notNull(),
    type: text('type').notNull(),
    jwsSha256: text('jws_sha256').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.messageId] })],
);
