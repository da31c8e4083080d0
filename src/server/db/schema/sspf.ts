import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenant } from './tenancy';
import { person } from './persons';

/**
 * SSPF individual work: consent, the case, its team, mapping, plan, meetings and chronology.
 * Every free text about the young person is encrypted field by field (bound to tenant, row and
 * column, like the concern channel). Organisation and user ids are plain: they drive the engine.
 */

/** A tenant's SSPF settings: the young person's consent age and retention per record type. */
export const sspfSetting = pgTable('sspf_setting', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenant.id),
  youngPersonConsentAge: integer('young_person_consent_age').notNull().default(15),
  /** Years after closure (cases), after the last entry (concerns), after expiry or withdrawal (consents). */
  retentionYears: jsonb('retention_years').$type<Record<string, number>>().notNull().default({ case: 5, concern: 5, consent: 5 }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** When and by whom (user id) an administrator confirmed the periods; null: the nightly job only dry-runs (migration 0019). */
  retentionConfirmedAt: timestamp('retention_confirmed_at', { withTimezone: true }),
  retentionConfirmedBy: text('retention_confirmed_by'),
  /** Years the audit log keeps its events (2–50); older ones are purged by `samverka audit purge`. */
  auditRetentionYears: integer('audit_retention_years').notNull().default(10),
});

export const consent = pgTable(
  'consent',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    caseId: uuid('case_id'),
    organisationIds: uuid('organisation_ids').array().notNull(),
    userIds: text('user_ids').array().notNull().default(sql`'{}'::text[]`),
    categories: text('categories').array().notNull(),
    /** Issue 15 §6: the guardians agreed to be contacted about support (migration 0038). */
    guardianSupportContact: boolean('guardian_support_contact').notNull().default(false),
    purposeEncrypted: text('purpose_encrypted').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
    /** JSON: who withdrew it (kind, guardian id) and the note. */
    withdrawalEncrypted: text('withdrawal_encrypted'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.personId], foreignColumns: [person.tenantId, person.id] }),
    index('consent_person_idx').on(t.tenantId, t.personId),
    index('consent_valid_to_idx').on(t.tenantId, t.validTo),
    /** The target of consent_document's foreign key, which keeps a scan's person that of its consent. */
    uniqueIndex('consent_person_key_idx').on(t.tenantId, t.id, t.personId),
  ],
);

/** One party's consent: each guardian separately, and the young person. */
export const consentParty = pgTable(
  'consent_party',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    consentId: uuid('consent_id').notNull(),
    kind: text('kind').notNull(),
    guardianId: uuid('guardian_id'),
    method: text('method').notNull(),
    witnessEncrypted: text('witness_encrypted'),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    documentId: uuid('document_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.consentId], foreignColumns: [consent.tenantId, consent.id] }).onDelete('cascade'),
    index('consent_party_consent_idx').on(t.tenantId, t.consentId),
  ],
);

/**
 * A scan of a signed consent form. The bytes are encrypted (base64 of the sealed box). It belongs to one
 * consent (migration 0021); `consentId` is null only for a scan stored before that whose person had no
 * consent left, and a NOT VALID check refuses null on every new row. `personId` is the consent's person.
 */
export const consentDocument = pgTable(
  'consent_document',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    consentId: uuid('consent_id'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    contentEncrypted: text('content_encrypted').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.personId], foreignColumns: [person.tenantId, person.id] }),
    foreignKey({ name: 'consent_document_consent_fk', columns: [t.tenantId, t.consentId, t.personId], foreignColumns: [consent.tenantId, consent.id, consent.personId] }).onDelete('cascade'),
    index('consent_document_consent_idx').on(t.tenantId, t.consentId),
  ],
);

export const sspfCase = pgTable(
  'sspf_case',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    concernId: uuid('concern_id'),
    status: text('status').notNull().default('aktualiserad'),
    directorUserId: text('director_user_id').notNull(),
    /** The organisation the case is run from (the director's, when opened). */
    ownerOrganisationId: uuid('owner_organisation_id').notNull(),
    consentId: uuid('consent_id'),
    /** For a person with protected identity: the coordinator's explicit decision on sharing. */
    protectedDecisionAllow: boolean('protected_decision_allow'),
    protectedDecisionAt: timestamp('protected_decision_at', { withTimezone: true }),
    protectedDecisionBy: text('protected_decision_by'),
    protectedDecisionNoteEncrypted: text('protected_decision_note_encrypted'),
    closeReason: text('close_reason'),
    outcome: text('outcome'),
    closeNoteEncrypted: text('close_note_encrypted'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().default(sql`app_now()`),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.personId], foreignColumns: [person.tenantId, person.id] }),
    index('sspf_case_person_idx').on(t.tenantId, t.personId),
    index('sspf_case_status_idx').on(t.tenantId, t.status),
    // A coordinator's case list (migration 0025).
    index('sspf_case_director_idx').on(t.tenantId, t.directorUserId, t.updatedAt.desc()),
  ],
);

export const caseMember = pgTable(
  'case_member',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    userId: text('user_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    caseRole: text('case_role').notNull(),
    legalBasis: text('legal_basis'),
    /** The sharing rule and its version (content hash) the disclosure rests on (issue 17 §3). */
    ruleId: text('rule_id'),
    ruleVersion: text('rule_version'),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().default(sql`app_now()`),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
    index('case_member_user_idx').on(t.tenantId, t.userId),
    index('case_member_case_idx').on(t.tenantId, t.caseId),
  ],
);

/** Whether each guardian takes part in the work, with a note. */
export const caseGuardian = pgTable(
  'case_guardian',
  {
    tenantId: uuid('tenant_id').notNull(),
    caseId: uuid('case_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    participates: boolean('participates').notNull(),
    noteEncrypted: text('note_encrypted'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId, t.guardianId] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
  ],
);

/** A risk or protective factor from the kartläggning. Its category decides who may read the note. */
export const caseFactor = pgTable(
  'case_factor',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    domain: text('domain').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    category: text('category').notNull(),
    crimeData: boolean('crime_data').notNull().default(false),
    noteEncrypted: text('note_encrypted').notNull(),
    sourceOrganisationId: uuid('source_organisation_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
    index('case_factor_case_idx').on(t.tenantId, t.caseId),
  ],
);

export const caseGoal = pgTable(
  'case_goal',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    textEncrypted: text('text_encrypted').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
  ],
);

/** An action (insats) in the joint commitment plan. */
export const caseAction = pgTable(
  'case_action',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    goalId: uuid('goal_id'),
    type: text('type').notNull(),
    responsibleOrganisationId: uuid('responsible_organisation_id').notNull(),
    responsibleUserId: text('responsible_user_id'),
    whatEncrypted: text('what_encrypted').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('planerad'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
    index('case_action_case_idx').on(t.tenantId, t.caseId),
    index('case_action_due_idx').on(t.tenantId, t.dueOn),
  ],
);

export const caseMeeting = pgTable(
  'case_meeting',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    held: boolean('held').notNull().default(true),
    participantsEncrypted: text('participants_encrypted').notNull(),
    decisionsEncrypted: text('decisions_encrypted').notNull(),
    actionIds: uuid('action_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
    index('case_meeting_held_idx').on(t.tenantId, t.heldOn),
  ],
);

/** The case's chronology. `section` is what the entry reveals, so each viewer sees only their part. */
export const caseEvent = pgTable(
  'case_event',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    personId: uuid('person_id').notNull(),
    type: text('type').notNull(),
    section: text('section'),
    actorUserId: text('actor_user_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`app_now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [sspfCase.tenantId, sspfCase.id] }).onDelete('cascade'),
    index('case_event_person_idx').on(t.tenantId, t.personId, t.at),
  ],
);

/** One row per subject and reminder sent (follow-up due, action overdue, consent expiring): the job reminds once. */
export const reminderNotice = pgTable(
  'reminder_notice',
  {
    tenantId: uuid('tenant_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    reminder: text('reminder').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.subjectId, t.reminder] })],
);

/** What a retention run did (or, dry, would do): counts per record type, never the records themselves. */
export const retentionRun = pgTable(
  'retention_run',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    dryRun: boolean('dry_run').notNull(),
    summary: jsonb('summary').$type<Record<string, number>>().notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
