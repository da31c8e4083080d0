import { foreignKey, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation } from './tenancy';

/**
 * An association's anmälningsansvarig: the adult the club has designated to report concerns. A staff
 * or volunteer contact, never a child, so it is stored plainly; every change is audited.
 */
export const associationReportingContact = pgTable(
  'association_reporting_contact',
  {
    tenantId: uuid('tenant_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.organisationId] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisation.tenantId, organisation.id] }).onDelete('cascade'),
  ],
);
