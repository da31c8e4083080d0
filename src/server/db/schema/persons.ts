import { sql } from 'drizzle-orm';
import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenant, organisation } from './tenancy';

/** A young person or a guardian. Personnummer is stored encrypted, with an HMAC blind index for exact lookup. */
export const person = pgTable(
  'person',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    id: uuid('id').notNull().defaultRandom(),
    identityNumberEncrypted: text('identity_number_encrypted').notNull(),
    identityNumberIndex: text('identity_number_index').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    schoolId: uuid('school_id'),
    protectedIdentity: text('protected_identity').notNull().default('none'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('person_tenant_identity_idx').on(t.tenantId, t.identityNumberIndex),
    index('person_tenant_name_idx').on(t.tenantId, t.lastName, t.firstName),
    foreignKey({ columns: [t.tenantId, t.schoolId], foreignColumns: [organisation.tenantId, organisation.id] }),
  ],
);

export const personGuardian = pgTable(
  'person_guardian',
  {
    tenantId: uuid('tenant_id').notNull(),
    childId: uuid('child_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.childId, t.guardianId] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [person.tenantId, person.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.guardianId], foreignColumns: [person.tenantId, person.id] }).onDelete('cascade'),
  ],
);

/** Free-text notes about a person: the body is encrypted field by field. */
export const personNote = pgTable(
  'person_note',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    authorUserId: text('author_user_id').notNull(),
    bodyEncrypted: text('body_encrypted').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.personId], foreignColumns: [person.tenantId, person.id] }).onDelete('cascade'),
    index('person_note_tenant_person_idx').on(t.tenantId, t.personId),
  ],
);
