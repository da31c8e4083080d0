import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Referrals (hänvisningar), issue 15 §4, §6, §7: a young person or a guardian referred from an action of
 * an SSPF plan to an offer, or a parent referred by BVC/MVC without a case. Constraints, foreign keys and
 * RLS are in migration 0038_referrals.sql.
 */
export const referral = pgTable(
  'referral',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    offerId: uuid('offer_id').notNull(),
    /** The offer's provider when the referral was made: whose staff answer it. */
    providerOrganisationId: uuid('provider_organisation_id').notNull(),
    referringOrganisationId: uuid('referring_organisation_id').notNull(),
    caseId: uuid('case_id'),
    actionId: uuid('action_id'),
    /** ung | vardnadshavare (from a plan) | foralder (BVC/MVC, no case) */
    subject: text('subject').notNull(),
    guardianId: uuid('guardian_id'),
    /** The coordinator chose to let the provider read the action's description (if the engine allows it). */
    shareWhat: boolean('share_what').notNull().default(false),
    /** vantelista | vantar_svar | accepterad | avbojd | paborjad | avslutad */
    status: text('status').notNull(),
    respondBy: date('respond_by', { mode: 'string' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by'),
    answerNoteEncrypted: text('answer_note_encrypted'),
    startedOn: date('started_on', { mode: 'string' }),
    sessionsAttended: integer('sessions_attended').notNull().default(0),
    /** genomford | avbrot | paborjades_inte */
    outcome: text('outcome'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
    outcomeNoteEncrypted: text('outcome_note_encrypted'),
    /** BVC/MVC without a case: the parent's name and contact (JSON, encrypted). */
    parentEncrypted: text('parent_encrypted'),
    /** BVC/MVC without a case: the parent's own consent, who, date and method (JSON, encrypted). */
    parentConsentEncrypted: text('parent_consent_encrypted'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('referral_provider_idx').on(t.tenantId, t.providerOrganisationId, t.status),
    index('referral_offer_idx').on(t.tenantId, t.offerId, t.status, t.createdAt),
    index('referral_case_idx').on(t.tenantId, t.caseId),
  ],
);
