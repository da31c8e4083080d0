import { z } from 'zod';
import { containsIdentityNumber } from './field-reports';
import { line, multiline } from './text';
import {
  ACCESSIBILITY_FEATURES,
  AGE_BANDS,
  FOLLOWUP_OUTCOMES,
  OFFER_CONDITIONS,
  SCHOOL_NEEDS,
  districtSchema,
  type AccessibilityFeature,
  type AgeBand,
  type FollowupOutcome,
  type OfferCondition,
  type OfficerContact,
  type SchoolNeed,
} from './exchange-messages';
import { isExchangeAreaCode, isMunicipalityCode } from './municipalities';
import type { Role } from './roles';

/**
 * The housing exchange (bostadsutbyte), issue 16: the contract between the API and the web.
 *
 * Routes (all under /api/exchange; only the role utbytessamordnare sees requests, offers and matches,
 * the administrator manages participation only; everyone else: 403 on collections, 404 on records):
 *   GET    /participation                       administrator, officer: this tenant's participation
 *   PUT    /participation                       administrator: join or change (decision, officers, partners)
 *   DELETE /participation                       administrator: leave (withdraws every open request and offer)
 *   GET    /participation/candidates            administrator: memberships with the role, bostadsbolag organisations
 *   GET    /partners                            officer: participating municipalities (this installation and pinned)
 *   GET    /case-options                        officer: the open SSPF cases whose team they are on, to make a request from
 *   GET    /requests                            officer: our requests (sending side)
 *   POST   /requests                            officer: create (and publish unless `publish: false`)
 *   GET    /requests/:id                        officer: one of ours, with its matching offers and matches
 *   POST   /requests/:id/publish                officer: publish a draft (exit support must be in place)
 *   POST   /requests/:id/withdraw               officer: withdraw at any step
 *   POST   /requests/:id/matches                officer: propose an offer { offerId }
 *   GET    /incoming-requests                   officer: requests published to us (receiving side)
 *   GET    /incoming-requests/:id               officer
 *   POST   /incoming-requests/:id/unsuitable    officer: mark offers of ours unsuitable for it { offerIds, reason? }
 *   GET    /offers                              officer: our offers (receiving side)
 *   POST   /offers                              officer: make an offer, for a request or into the pool
 *   POST   /offers/:id/withdraw                 officer
 *   GET    /incoming-offers                     officer: offers published to us
 *   GET    /matches                             officer: matches on either side
 *   GET    /matches/:id                         officer
 *   POST   /matches/:id/accept | /decline       officer, receiving side
 *   POST   /matches/:id/confirm                 officer, sending side
 *   POST   /matches/:id/schedule { moveOn }     officer, either side
 *   POST   /matches/:id/moved { movedOn }       officer, either side
 *   POST   /matches/:id/follow-up { outcome }   officer, sending side
 *   POST   /matches/:id/sealed { text }         officer: the one-time sealed message (after confirmation)
 *   POST   /matches/:id/sealed/open             officer: open it once (deleted on opening)
 *   GET    /reciprocity                         officer: offers given/received, moves, per municipality, 12 months
 */

export const EXCHANGE_OFFICER_ROLE = 'utbytessamordnare' as const satisfies Role;
export const EXCHANGE_PARTICIPATION_ROLES = ['administrator'] as const satisfies readonly Role[];
export const HOUSING_PARTNER_ORGANISATION_TYPE = 'bostadsbolag' as const;
export const MIN_ACCEPTABLE_AREAS = 5;
export const FOLLOWUP_AFTER_MONTHS = 3;
export const RECIPROCITY_MONTHS = 12;

export const OWN_WISH_REQUIRED = 'own_wish_required';
export const EXIT_SUPPORT_REQUIRED = 'exit_support_required';
export const IDENTITY_NUMBER_IN_EXCHANGE = 'identity_number_in_exchange';
const noIdentityNumber = (value: string | null | undefined) => !value || !containsIdentityNumber(value);
const safe = { message: IDENTITY_NUMBER_IN_EXCHANGE };
const isoDate = z.iso.date();
const areaCode = z.string().refine(isExchangeAreaCode, { message: 'unknown_area' });
const municipalityCode = z.string().refine(isMunicipalityCode, { message: 'unknown_municipality' });

export const REQUEST_STATUSES = ['utkast', 'publicerad', 'matchad', 'bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd', 'aterkallad'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const MATCH_STATUSES = ['foreslagen', 'accepterad', 'avbojd', 'bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd', 'aterkallad'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const OFFER_STATUSES = ['publicerad', 'matchad', 'aterkallad'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type ExchangeSide = 'sender' | 'receiver';

// ---- Participation (administrator) ----

export const participationInputSchema = z.strictObject({
  /** This tenant's municipality (SCB code). */
  municipalityCode,
  decidedOn: isoDate,
  /** The decision's reference (diarienummer or similar). */
  decisionReference: line().min(1).max(120).refine(noIdentityNumber, safe),
  /** Memberships with the role utbytessamordnare. */
  officerMembershipIds: z.array(z.uuid()).min(1).max(50),
  /** Organisations of type bostadsbolag. */
  housingPartnerOrganisationIds: z.array(z.uuid()).max(50),
});
export type ParticipationInput = z.input<typeof participationInputSchema>;

export interface ParticipationOfficer {
  membershipId: string;
  name: string;
  organisationName: string;
}
export interface ParticipationPartner {
  organisationId: string;
  name: string;
}
export interface Participation {
  participating: boolean;
  municipalityCode: string | null;
  decidedOn: string | null;
  decisionReference: string | null;
  decidedBy: string | null;
  officers: ParticipationOfficer[];
  housingPartners: ParticipationPartner[];
  updatedAt: string | null;
}
export interface ParticipationCandidates {
  officers: ParticipationOfficer[];
  housingPartners: ParticipationPartner[];
}

export interface ExchangePartner {
  installation: string;
  tenantId: string;
  name: string;
  municipalityCode: string | null;
  local: boolean;
}

// ---- Requests (sending side) ----

export const requestOriginSchema = z.discriminatedUnion('kind', [
  /** From an SSPF case: the case id stays in this tenant. */
  z.strictObject({ kind: z.literal('sspf'), caseId: z.uuid() }),
  /** From an exit case (avhopparverksamhet): an internal reference, kept in this tenant. */
  z.strictObject({ kind: z.literal('avhopp'), reference: line().min(1).max(80).refine(noIdentityNumber, safe) }),
]);

export const requestInputSchema = z
  .strictObject({
    origin: requestOriginSchema,
    householdSize: z.int().min(1).max(12),
    ageBands: z.array(z.enum(AGE_BANDS)).min(1).max(12),
    rooms: z.int().min(1).max(10),
    accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length).default([]),
    schoolNeeds: z.array(z.enum(SCHOOL_NEEDS)).min(1).max(SCHOOL_NEEDS.length),
    avoidCodes: z.array(areaCode).max(311).default([]),
    acceptableCodes: z.array(areaCode).max(311),
    moveBy: isoDate,
    exitSupportInPlace: z.boolean(),
    /** The young person's own recorded wish to move: who recorded it and when. Required. */
    ownWish: z.strictObject({ recordedBy: line().min(2).max(200).refine(noIdentityNumber, safe), recordedOn: isoDate }).nullable(),
    /** Internal note, encrypted, never leaves this tenant. */
    note: multiline().max(2000).refine(noIdentityNumber, safe).nullable().default(null),
    /** Publish at once (exit support must be in place). false: keep as a draft. */
    publish: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.ownWish === null) ctx.addIssue({ code: 'custom', message: OWN_WISH_REQUIRED, path: ['ownWish'] });
    if (v.publish && !v.exitSupportInPlace) ctx.addIssue({ code: 'custom', message: EXIT_SUPPORT_REQUIRED, path: ['exitSupportInPlace'] });
    if (new Set(v.acceptableCodes).size < MIN_ACCEPTABLE_AREAS) ctx.addIssue({ code: 'custom', message: 'min_five_acceptable', path: ['acceptableCodes'] });
    if (v.ageBands.length !== v.householdSize) ctx.addIssue({ code: 'custom', message: 'age_bands_household', path: ['ageBands'] });
    if (v.acceptableCodes.some((c) => v.avoidCodes.includes(c))) ctx.addIssue({ code: 'custom', message: 'acceptable_and_avoided', path: ['avoidCodes'] });
  });
export type RequestInput = z.input<typeof requestInputSchema>;

/** An SSPF case the officer may make a request from: on its team now, open. The name stays in this tenant. */
export interface ExchangeCaseOption {
  id: string;
  personId: string;
  /** "Förnamn Efternamn · SSPF-1A2B3C4D" */
  label: string;
  status: string;
}

export const proposeInputSchema = z.strictObject({ offerId: z.uuid() });

export interface ExchangeRequestSummary {
  id: string;
  status: RequestStatus;
  householdSize: number;
  ageBands: AgeBand[];
  rooms: number;
  accessibility: AccessibilityFeature[];
  schoolNeeds: SchoolNeed[];
  avoidCodes: string[];
  acceptableCodes: string[];
  moveBy: string;
  exitSupportInPlace: boolean;
  publishedAt: string | null;
  withdrawnAt: string | null;
  createdAt: string;
}
/** Our own request, for our officers: with what stays home. */
export interface ExchangeRequestDetail extends ExchangeRequestSummary {
  origin: { kind: 'sspf'; caseId: string } | { kind: 'avhopp'; reference: string };
  ownWish: { recordedBy: string; recordedOn: string };
  note: string | null;
  createdBy: string;
  matchingOffers: IncomingOffer[];
  matches: ExchangeMatch[];
}

/** A request published to us by another municipality (receiving side). */
export interface IncomingRequest {
  id: string;
  from: { installation: string; tenantId: string; name: string };
  status: 'publicerad' | 'aterkallad';
  householdSize: number;
  ageBands: AgeBand[];
  rooms: number;
  accessibility: AccessibilityFeature[];
  schoolNeeds: SchoolNeed[];
  avoidCodes: string[];
  acceptableCodes: string[];
  moveBy: string;
  receivedAt: string;
  withdrawnAt: string | null;
  /** Our own offers we marked unsuitable for it (private to us). */
  unsuitableOfferIds: string[];
}

export const unsuitableInputSchema = z.strictObject({
  offerIds: z.array(z.uuid()).min(1).max(200),
  /** Optional internal reason, encrypted, never sent. */
  reason: multiline().max(1000).refine(noIdentityNumber, safe).nullable().default(null),
});

// ---- Offers (receiving side) ----

export const offerInputSchema = z.strictObject({
  housingPartnerOrganisationId: z.uuid(),
  /** null: into the pool (every partner). */
  requestId: z.uuid().nullable().default(null),
  rooms: z.int().min(1).max(10),
  sizeSqm: z.int().min(10).max(400),
  municipalityCode,
  district: districtSchema.nullable().default(null),
  availableFrom: isoDate,
  accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length).default([]),
  conditions: z.array(z.enum(OFFER_CONDITIONS)).max(OFFER_CONDITIONS.length).default([]),
  conditionsText: line().max(200).refine(noIdentityNumber, safe).nullable().default(null),
});
export type OfferInput = z.input<typeof offerInputSchema>;

export interface ExchangeOffer {
  id: string;
  status: OfferStatus;
  housingPartner: ParticipationPartner;
  requestId: string | null;
  rooms: number;
  sizeSqm: number;
  municipalityCode: string;
  district: string | null;
  availableFrom: string;
  accessibility: AccessibilityFeature[];
  conditions: OfferCondition[];
  conditionsText: string | null;
  publishedAt: string;
  withdrawnAt: string | null;
}
/** An offer published to us by another municipality (sending side). */
export interface IncomingOffer {
  id: string;
  from: { installation: string; tenantId: string; name: string };
  requestId: string | null;
  rooms: number;
  sizeSqm: number;
  municipalityCode: string;
  district: string | null;
  availableFrom: string;
  accessibility: AccessibilityFeature[];
  conditions: OfferCondition[];
  conditionsText: string | null;
  receivedAt: string;
}

// ---- Matches ----

export interface ExchangeMatch {
  id: string;
  side: ExchangeSide;
  status: MatchStatus;
  requestId: string;
  offerId: string;
  partner: { installation: string; tenantId: string; name: string };
  /** Only after confirmation, and only to the named officers. */
  reference: string | null;
  ownContact: OfficerContact | null;
  partnerContact: OfficerContact | null;
  moveOn: string | null;
  movedOn: string | null;
  followUpDue: string | null;
  followedUpOn: string | null;
  followUpOutcome: FollowupOutcome | null;
  sealed: { sentByUs: boolean; waitingForUs: boolean; openedAt: string | null };
  proposedAt: string;
  updatedAt: string;
}

export const scheduleInputSchema = z.strictObject({ moveOn: isoDate });
export const movedInputSchema = z.strictObject({ movedOn: isoDate });
export const followUpInputSchema = z.strictObject({ outcome: z.enum(FOLLOWUP_OUTCOMES) });
export const sealedInputSchema = z.strictObject({ text: multiline().min(1).max(4000) });
export interface SealedOpened {
  text: string;
  openedAt: string;
}

// ---- Reciprocity ----

export interface ReciprocityRowCell {
  kind: 'value' | 'suppressed';
  value?: number;
  below?: number | null;
}
export interface ReciprocityRow {
  municipalityCode: string | null;
  name: string;
  offersGiven: ReciprocityRowCell;
  offersReceived: ReciprocityRowCell;
  movesCompleted: ReciprocityRowCell;
}
export interface Reciprocity {
  from: string;
  to: string;
  k: number;
  rows: ReciprocityRow[];
}
