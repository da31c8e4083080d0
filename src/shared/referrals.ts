import { z } from 'zod';
import type { Role } from './roles';
import { line, multiline } from './text';
import { containsIdentityNumber } from './field-reports';
import { OFFER_KINDS } from './offers';

/**
 * Referrals (hänvisningar), issue 15 §4, §6, §7: the contract between the API and the web.
 *
 * A referral comes from an action in an SSPF plan (the young person, or a guardian who agreed to be
 * contacted about support), or from BVC/MVC without a case (a parent, on the parent's own consent).
 * The provider organisation's staff answer it within a response time and report start, attendance
 * and outcome; the plan's action follows. The provider sees only what the lawful-sharing engine
 * allows: a first name and an age band, and the action's description when the coordinator shares it
 * and the engine allows its category. Never the case, never crime information to a non-authority.
 */

export const REFERRAL_SUBJECTS = ['ung', 'vardnadshavare', 'foralder'] as const;
export type ReferralSubject = (typeof REFERRAL_SUBJECTS)[number];
export const REFERRAL_STATUSES = ['vantelista', 'vantar_svar', 'accepterad', 'avbojd', 'paborjad', 'avslutad'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** The statuses that hold a place of the offer's capacity. */
export const ACTIVE_REFERRAL_STATUSES = ['vantar_svar', 'accepterad', 'paborjad'] as const satisfies readonly ReferralStatus[];
export const REFERRAL_OUTCOMES = ['genomford', 'avbrot', 'paborjades_inte'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export const PARENT_CONSENT_METHODS = ['muntligt', 'skriftligt', 'digitalt'] as const;

/** Working days the provider has to answer (accept or decline). */
export const REFERRAL_RESPONSE_WORKING_DAYS = 10;
/** Roles that never work a provider's inbox, even in the provider organisation. */
export const REFERRAL_NO_PROVIDER_ROLES = ['loggranskare', 'analytiker', 'administrator', 'mentor', 'jurist'] as const satisfies readonly Role[];
/** The role that refers a parent to a parent programme without a case (issue 15 §6). */
export const REFERRAL_BVC_ROLES = ['mvc_bvc'] as const satisfies readonly Role[];
/** Offer kinds a BVC/MVC referral without a case may go to. */
export const PARENT_OFFER_KINDS = ['foraldraprogram', 'mammagrupp', 'utokade_hembesok'] as const satisfies readonly (typeof OFFER_KINDS)[number][];
/** Roles that read the per-offer figures unsuppressed: they run the collaboration. */
export const REFERRAL_FIGURE_ROLES = ['koordinator'] as const satisfies readonly Role[];

export const IDENTITY_NUMBER_IN_REFERRAL_MESSAGE = 'identity_number_in_referral';
const noIdentityNumber = (value: string | null | undefined) => !value || !containsIdentityNumber(value);
const safe = { message: IDENTITY_NUMBER_IN_REFERRAL_MESSAGE };
const isoDate = z.iso.date();
const note = multiline().max(1000).refine(noIdentityNumber, safe);

/** From a plan action: POST /api/cases/:id/actions/:actionId/referrals */
export const planReferralInputSchema = z
  .strictObject({
    offerId: z.uuid(),
    subject: z.enum(['ung', 'vardnadshavare']),
    guardianId: z.uuid().nullable().default(null),
    /** Let the provider read the action's description, when the engine allows its category. */
    shareWhat: z.boolean().default(false),
  })
  .refine((v) => (v.subject === 'vardnadshavare') === (v.guardianId !== null), { message: 'guardian_required', path: ['guardianId'] });
export type PlanReferralInput = z.input<typeof planReferralInputSchema>;

/** From BVC/MVC without a case: POST /api/referrals/parent */
export const parentReferralInputSchema = z.strictObject({
  offerId: z.uuid(),
  parentName: line().min(2).max(200).refine(noIdentityNumber, safe),
  parentPhone: line()
    .max(40)
    .refine((value) => /^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' })
    .nullable()
    .default(null),
  /** The parent's own consent: who gave it, when and how. */
  consentGivenBy: line().min(2).max(200).refine(noIdentityNumber, safe),
  consentOn: isoDate,
  consentMethod: z.enum(PARENT_CONSENT_METHODS),
  note: note.default(''),
});
export type ParentReferralInput = z.input<typeof parentReferralInputSchema>;

export const referralAnswerInputSchema = z
  .strictObject({ decision: z.enum(['accept', 'decline']), note: note.default('') })
  .refine((v) => v.decision === 'accept' || v.note.trim().length >= 2, { message: 'decline_reason_required', path: ['note'] });
export const referralProgressInputSchema = z.strictObject({
  startedOn: isoDate.optional(),
  sessionsAttended: z.number().int().min(0).max(1000).optional(),
});
export const referralOutcomeInputSchema = z.strictObject({ outcome: z.enum(REFERRAL_OUTCOMES), on: isoDate, note: note.default('') });

export const referralIdParamsSchema = z.strictObject({ referralId: z.uuid() });
export const planReferralParamsSchema = z.strictObject({ id: z.uuid(), actionId: z.uuid() });
export const caseReferralParamsSchema = z.strictObject({ id: z.uuid() });
export const referralListQuerySchema = z.strictObject({ box: z.enum(['inkommande', 'skickade']).default('inkommande') });

/** What the provider is told about the person: each field only when the engine allows it. */
export const referralPersonSchema = z.strictObject({
  firstName: z.string().nullable(),
  ageBand: z.string().nullable(),
  /** The plan action's description (only when shared and allowed). */
  what: z.string().nullable(),
  /** A BVC referral: the parent's name and phone (the parent consented). */
  parentName: z.string().nullable(),
  parentPhone: z.string().nullable(),
  /** Why a field is held back, in words, for the provider. */
  withheldSv: z.string().nullable(),
  withheldEn: z.string().nullable(),
});

export const referralSchema = z.strictObject({
  id: z.string(),
  offerId: z.string(),
  offerTitle: z.string(),
  offerKind: z.enum(OFFER_KINDS),
  providerOrganisationId: z.string(),
  providerName: z.string(),
  referringOrganisationName: z.string(),
  /** Set for the referring side only (the case director). */
  caseId: z.string().nullable(),
  actionId: z.string().nullable(),
  subject: z.enum(REFERRAL_SUBJECTS),
  status: z.enum(REFERRAL_STATUSES),
  /** 1-based place on the offer's waiting list. */
  waitingPosition: z.number().nullable(),
  respondBy: z.string().nullable(),
  overdue: z.boolean(),
  answerNote: z.string().nullable(),
  startedOn: z.string().nullable(),
  sessionsAttended: z.number(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  outcomeOn: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  person: referralPersonSchema,
  /** The parent's consent on a BVC referral (the referring side only). */
  parentConsent: z.strictObject({ givenBy: z.string(), on: z.string(), method: z.enum(PARENT_CONSENT_METHODS) }).nullable(),
  createdAt: z.string(),
  abilities: z.record(z.string(), z.boolean()),
});
export type Referral = z.infer<typeof referralSchema>;
export const referralListSchema = z.strictObject({ referrals: z.array(referralSchema), abilities: z.record(z.string(), z.boolean()) });
export type ReferralList = z.infer<typeof referralListSchema>;

const cellSchema = z.union([z.strictObject({ kind: z.literal('value'), value: z.number() }), z.strictObject({ kind: z.literal('suppressed'), below: z.number().nullable() })]);
export const offerFiguresSchema = z.strictObject({
  offerId: z.string(),
  suppressed: z.boolean(),
  k: z.number(),
  referred: cellSchema,
  accepted: cellSchema,
  completed: cellSchema,
  waiting: cellSchema,
});
export type OfferFigures = z.infer<typeof offerFiguresSchema>;

export const placementsSchema = z.strictObject({
  suppressed: z.boolean(),
  k: z.number(),
  businesses: z.array(z.strictObject({ organisationId: z.string(), name: z.string(), placements: cellSchema })),
});
export type Placements = z.infer<typeof placementsSchema>;

/** An age band, never the age: what a provider needs to plan, not enough to point at someone. */
export function ageBandOf(age: number): string {
  if (age < 13) return '0–12';
  if (age < 16) return '13–15';
  if (age < 18) return '16–17';
  return '18+';
}

/** The date `days` working days (Monday–Friday) after `from` (YYYY-MM-DD). Public holidays are not counted out. */
export function addWorkingDays(from: string, days: number): string {
  const date = new Date(`${from}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

export const REFERRALS_PATH = '/hanvisningar';
export const PARENT_REFERRAL_PATH = '/hanvisningar/foraldrastod';
