import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Forums (samverkansforum), issue 15 §2. Constraints, foreign keys and RLS are in migration
 * 0037_forums.sql. Minutes are encrypted per agenda item (forums/minutes-crypto.ts).
 */
export const forum = pgTable(
  'forum',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** styrgrupp | operativ_grupp | est_grupp | trygghetsrad | natverk */
    type: text('type').notNull(),
    chairUserId: text('chair_user_id').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A member: an organisation, a user of the tenant, or a key person of the directory (exactly one). */
export const forumMember = pgTable(
  'forum_member',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    forumId: uuid('forum_id').notNull(),
    /** organisation | user | key_person */
    kind: text('kind').notNull(),
    organisationId: uuid('organisation_id'),
    userId: text('user_id'),
    keyPersonId: uuid('key_person_id'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const forumMeeting = pgTable(
  'forum_meeting',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    forumId: uuid('forum_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place').notNull().default(''),
    /** The member who approves the minutes (justerare); only they can. */
    justerareUserId: text('justerare_user_id'),
    /** Set once the minutes are approved: from then on the meeting's record is locked. */
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const forumAgendaItem = pgTable(
  'forum_agenda_item',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** lagesbild_week | place | place_action | offer | decision | sspf_case */
    linkKind: text('link_kind'),
    /** The linked id, or the ISO week. A case is its id only: no person data on an agenda. */
    linkRef: text('link_ref'),
    minutesEncrypted: text('minutes_encrypted'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const forumAttendance = pgTable(
  'forum_attendance',
  {
    tenantId: uuid('tenant_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    memberId: uuid('member_id').notNull(),
    present: boolean('present').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.meetingId, t.memberId] })],
);

export const forumDecision = pgTable(
  'forum_decision',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    forumId: uuid('forum_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    text: text('text').notNull(),
    ownerOrganisationId: uuid('owner_organisation_id').notNull(),
    ownerUserId: text('owner_user_id'),
    ownerName: text('owner_name'),
    dueOn: date('due_on').notNull(),
    /** open | in_progress | done | cancelled */
    status: text('status').notNull().default('open'),
    /** The meeting whose follow-up closed it (done or cancelled there): that meeting keeps listing it. */
    closedAtMeetingId: uuid('closed_at_meeting_id'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
