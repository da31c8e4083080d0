import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The housing exchange (issue 16). Every table holds one tenant's own rows; what the other side knows, a
 * message told it. Constraints, RLS and app_exchange_local_partners() are in migration 0041_housing_exchange.sql.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const exchangeParticipation = pgTable('exchange_participation', {
  tenantId: uuid('tenant_id').notNull().primaryKey(),
  participating: boolean('participating').notNull().default(true),
  municipalityCode: text('municipality_code').notNull(),
  decidedOn: date('decided_on', { mode: 'string' }).notNull(),
  decisionReference: text('decision_reference').notNull(),
  decidedBy: text('decided_by').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const exchangeOfficer = pgTable('exchange_officer', { tenantId: uuid('tenant_id').notNull(), membershipId: uuid('membership_id').notNull() }, (t) => [
  primaryKey({ columns: [t.tenantId, t.membershipId] }),
]);

export const exchangeHousingPartner = pgTable('exchange_housing_partner', { tenantId: uuid('tenant_id').notNull(), organisationId: uuid('organisation_id').notNull() }, (t) => [
  primaryKey({ columns: [t.tenantId, t.organisationId] }),
]);

export const exchangeRequest = pgTable(
  'exchange_request',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    status: text('status').notNull(),
    /** sspf | avhopp */
    originKind: text('origin_kind').notNull(),
    /** Internal to this tenant: never in a message. */
    caseId: uuid('case_id'),
    originReferenceEncrypted: text('origin_reference_encrypted'),
    householdSize: integer('household_size').notNull(),
    ageBands: jsonb('age_bands').$type<string[]>().notNull(),
    rooms: integer('rooms').notNull(),
    accessibility: jsonb('accessibility').$type<string[]>().notNull(),
    schoolNeeds: jsonb('school_needs').$type<string[]>().notNull(),
    avoidCodes: jsonb('avoid_codes').$type<string[]>().notNull(),
    acceptableCodes: jsonb('acceptable_codes').$type<string[]>().notNull(),
    moveBy: date('move_by', { mode: 'string' }).notNull(),
    exitSupportInPlace: boolean('exit_support_in_place').notNull(),
    ownWishEncrypted: text('own_wish_encrypted').notNull(),
    noteEncrypted: text('note_encrypted'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    withdrawnAt: ts('withdrawn_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const exchangeOffer = pgTable(
  'exchange_offer',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    status: text('status').notNull(),
    housingPartnerOrganisationId: uuid('housing_partner_organisation_id').notNull(),
    requestId: uuid('request_id'),
    requestInstallation: text('request_installation'),
    requestTenant: uuid('request_tenant'),
    rooms: integer('rooms').notNull(),
    sizeSqm: integer('size_sqm').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    district: text('district'),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    accessibility: jsonb('accessibility').$type<string[]>().notNull(),
    conditions: jsonb('conditions').$type<string[]>().notNull(),
    conditionsText: text('conditions_text'),
    createdBy: text('created_by').notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const exchangeIncomingRequest = pgTable(
  'exchange_incoming_request',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    fromInstallation: text('from_installation').notNull(),
    fromTenant: uuid('from_tenant').notNull(),
    fromName: text('from_name').notNull(),
    /** The published fields; null once withdrawn (a tombstone remains). */
    body: jsonb('body').$type<Record<string, unknown> | null>(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const exchangeIncomingOffer = pgTable(
  'exchange_incoming_offer',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    fromInstallation: text('from_installation').notNull(),
    fromTenant: uuid('from_tenant').notNull(),
    fromName: text('from_name').notNull(),
    requestId: uuid('request_id'),
    body: jsonb('body').$type<Record<string, unknown> | null>(),
    unsuitableFor: jsonb('unsuitable_for').$type<string[]>().notNull().default([]),
    receivedAt: ts('received_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const exchangeUnsuitable = pgTable(
  'exchange_unsuitable',
  {
    tenantId: uuid('tenant_id').notNull(),
    requestId: uuid('request_id').notNull(),
    offerId: uuid('offer_id').notNull(),
    reasonEncrypted: text('reason_encrypted'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.requestId, t.offerId] })],
);

export const exchangeMatch = pgTable(
  'exchange_match',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    /** sender (our request) | receiver (our offer) */
    side: text('side').notNull(),
    status: text('status').notNull(),
    requestId: uuid('request_id').notNull(),
    offerId: uuid('offer_id').notNull(),
    partnerInstallation: text('partner_installation').notNull(),
    partnerTenant: uuid('partner_tenant').notNull(),
    partnerName: text('partner_name').notNull(),
    /** Our named officer: the proposer (sender) or the one who accepted (receiver). */
    officerUserId: text('officer_user_id'),
    reference: text('reference'),
    ownContactEncrypted: text('own_contact_encrypted'),
    partnerContactEncrypted: text('partner_contact_encrypted'),
    moveOn: date('move_on', { mode: 'string' }),
    movedOn: date('moved_on', { mode: 'string' }),
    followUpDue: date('follow_up_due', { mode: 'string' }),
    followedUpOn: date('followed_up_on', { mode: 'string' }),
    followUpOutcome: text('follow_up_outcome'),
    sealedSentByUs: boolean('sealed_sent_by_us').notNull().default(false),
    proposedAt: ts('proposed_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const exchangeSealed = pgTable(
  'exchange_sealed',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    matchId: uuid('match_id').notNull(),
    textEncrypted: text('text_encrypted'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    openedAt: ts('opened_at'),
    openedBy: text('opened_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const exchangeMessageLog = pgTable(
  'exchange_message_log',
  {
    tenantId: uuid('tenant_id').notNull(),
    /** in | out */
    direction: text('direction').notNull(),
    messageId: uuid('message_id').notNull(),
    type: text('type').notNull(),
    partnerInstallation: text('partner_installation').notNull(),
    partnerTenant: uuid('partner_tenant').notNull(),
    subjectId: uuid('subject_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.direction, t.messageId] })],
);
