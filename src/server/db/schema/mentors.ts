import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The mentor programme, issue 15 §5. Constraints, foreign keys and RLS are in migration 0039_mentors.sql.
 * The vetting check holds the day and who checked: never the criminal-record extract itself.
 */
export const mentor = pgTable(
  'mentor',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** The association or municipal organisation the mentor volunteers through. */
    organisationId: uuid('organisation_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    /** The mentor's own user account (role `mentor`), when they sign in to log meetings. */
    userId: text('user_id'),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const mentorVettingCheck = pgTable(
  'mentor_vetting_check',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    mentorId: uuid('mentor_id').notNull(),
    checkedOn: date('checked_on', { mode: 'string' }).notNull(),
    checkedBy: text('checked_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('mentor_vetting_check_mentor_idx').on(t.tenantId, t.mentorId, t.checkedOn)],
);

export const mentorTraining = pgTable(
  'mentor_training',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    mentorId: uuid('mentor_id').notNull(),
    name: text('name').notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One mentor per mentorskap action of a plan; matching again replaces the mentor. */
export const mentorMatch = pgTable(
  'mentor_match',
  {
    tenantId: uuid('tenant_id').notNull(),
    actionId: uuid('action_id').notNull(),
    caseId: uuid('case_id').notNull(),
    mentorId: uuid('mentor_id').notNull(),
    matchedBy: text('matched_by').notNull(),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.actionId] }), index('mentor_match_mentor_idx').on(t.tenantId, t.mentorId)],
);

export const mentorMeeting = pgTable(
  'mentor_meeting',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    actionId: uuid('action_id').notNull(),
    caseId: uuid('case_id').notNull(),
    mentorId: uuid('mentor_id').notNull(),
    metOn: date('met_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    /** Field cipher, context `mentor_meeting.note:<tenant>:<id>`. */
    noteEncrypted: text('note_encrypted').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('mentor_meeting_action_idx').on(t.tenantId, t.actionId, t.metOn)],
);
