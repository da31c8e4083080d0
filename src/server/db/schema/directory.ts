import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation } from './tenancy';

/**
 * A key person (nyckelperson) of a partner organisation: a rektor, a kommunpolis, a trygghetsvärd,
 * an association's anmälningsansvarig. No user account; only work contact data, with the legal basis
 * for processing it. `forums` names the forums they sit in, as free text until forums exist.
 */
export const keyPerson = pgTable(
  'key_person',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    roleOther: text('role_other'),
    phone: text('phone'),
    email: text('email'),
    forums: text('forums').array().notNull().default(sql`'{}'`),
    legalBasis: text('legal_basis').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }).onDelete('cascade'),
    index('key_person_tenant_organisation_idx').on(t.tenantId, t.organisationId),
    check('key_person_reachable', sql`${t.phone} IS NOT NULL OR ${t.email} IS NOT NULL`),
    check('key_person_role_other', sql`(${t.role} = 'annan') = (${t.roleOther} IS NOT NULL)`),
  ],
);
