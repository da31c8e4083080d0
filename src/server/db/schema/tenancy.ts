import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';

/** A samverkansområde, usually one municipality. The root of every tenant-owned row. */
export const tenant = pgTable('tenant', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const organisation = pgTable(
  'organisation',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    isAuthority: boolean('is_authority').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Businesses and associations: the organisationsnummer, checked with its checksum (migration 0035). */
    organisationNumber: text('organisation_number'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('organisation_tenant_name_idx').on(t.tenantId, t.name)],
);

export const membership = pgTable(
  'membership',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Null while the membership is an invitation waiting for the person's own answer (an account that
     * another tenant also governs): a pending membership grants nothing and is never entered.
     */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).defaultNow(),
    /** The name the inviting administrator typed: what this tenant shows of a pending invitee. */
    invitedName: text('invited_name'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }),
    index('membership_tenant_user_idx').on(t.tenantId, t.userId),
    // Looking up "my memberships" before a tenant is chosen is the one query not led by tenant_id.
    index('membership_user_idx').on(t.userId),
    // One membership per user, organisation and role in a tenant; a deactivated one is reactivated, not duplicated.
    uniqueIndex('membership_tenant_user_org_role_idx').on(t.tenantId, t.userId, t.organisationId, t.role),
  ],
);
