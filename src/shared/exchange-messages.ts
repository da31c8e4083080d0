import { z } from 'zod';
import { containsIdentityNumber } from './field-reports';
import { line } from './text';
import { isExchangeAreaCode, isMunicipalityCode } from './municipalities';

/**
 * The housing exchange's messages (issue 16 §5), version 1. Every step that crosses from one tenant to
 * another, on this installation or between installations, is one of these. The receiver knows only what a
 * message told it. No message carries a name of the young person, a personnummer, an address, a case id or
 * any free text written about the young person; the schemas are strict, so an extra field is refused.
 *
 * The only personal data that ever crosses is the two named exchange officers' work contact (in
 * `match.confirmed` and `contact.shared`, after both sides approved) and the one-time sealed message's text
 * (`sealed.sent`), which the receiving tenant stores encrypted and deletes when its officer opens it; the
 * sending tenant never stores that text. Federation must not keep a delivered `sealed.sent` body in its outbox.
 */

export const EXCHANGE_MESSAGE_VERSION = 1 as const;

export const EXCHANGE_MESSAGE_TYPES = [
  'participant.announced',
  'request.published',
  'request.withdrawn',
  'offer.published',
  'offer.withdrawn',
  'area.unsuitable',
  'match.proposed',
  'match.accepted',
  'match.declined',
  'match.confirmed',
  'contact.shared',
  'sealed.sent',
  'sealed.opened',
  'move.scheduled',
  'move.completed',
  'followup.recorded',
] as const;
export type ExchangeMessageType = (typeof EXCHANGE_MESSAGE_TYPES)[number];

/** Age bands of household members: bands, never dates. */
export const AGE_BANDS = ['0-5', '6-12', '13-15', '16-17', '18-20', '21-25', '26-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/** Accessibility needs (request) and what a dwelling has (offer): one fixed list. */
export const ACCESSIBILITY_FEATURES = ['entreplan_eller_hiss', 'rullstolsanpassad', 'anpassat_badrum', 'allergianpassad', 'nara_kollektivtrafik'] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];
export const SCHOOL_NEEDS = ['grundskola', 'gymnasium', 'anpassad_skola', 'inga'] as const;
export type SchoolNeed = (typeof SCHOOL_NEEDS)[number];
export const OFFER_CONDITIONS = ['forstahandskontrakt', 'andrahandskontrakt', 'tidsbegransat', 'mobelerat', 'boendestod_finns', 'inkomstkrav'] as const;
export type OfferCondition = (typeof OFFER_CONDITIONS)[number];
export const FOLLOWUP_OUTCOMES = ['bor_kvar', 'flyttat_vidare', 'atervant', 'okant'] as const;
export type FollowupOutcome = (typeof FOLLOWUP_OUTCOMES)[number];

export const EXCHANGE_REFERENCE_PATTERN = /^BX-[A-Z2-9]{6}$/;
export const IDENTITY_NUMBER_IN_EXCHANGE_MESSAGE = 'identity_number_in_exchange';
const noIdentityNumber = (value: string | null | undefined) => !value || !containsIdentityNumber(value);
const safe = { message: IDENTITY_NUMBER_IN_EXCHANGE_MESSAGE };

const isoDate = z.iso.date();
const municipalityCode = z.string().refine(isMunicipalityCode, { message: 'unknown_municipality' });
const areaCode = z.string().refine(isExchangeAreaCode, { message: 'unknown_area' });
/** A district (stadsdel/kommundel) name: at district level only, never a street. */
export const districtSchema = line().min(2).max(80).refine(noIdentityNumber, safe);

export const endpointSchema = z.strictObject({
  /** The installation id (config SAMVERKA_INSTALLATION_ID). */
  installation: z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/),
  /** The tenant's id on its own installation. */
  tenant: z.uuid(),
});
export type ExchangeEndpoint = z.infer<typeof endpointSchema>;

/** An exchange officer's work contact: shown only to the other named officer, after confirmation. */
export const officerContactSchema = z.strictObject({
  name: line().min(1).max(200),
  email: z.email().max(320).nullable(),
  phone: line().max(40).nullable(),
  organisation: line().max(200),
});
export type OfficerContact = z.infer<typeof officerContactSchema>;

export const participantAnnouncedBody = z.strictObject({
  /** The municipality's name, e.g. "Gävle kommun". No officer names. */
  name: line().min(1).max(200),
  municipalityCode,
  officerCount: z.int().min(0).max(1000),
  /** false when the tenant leaves the exchange. */
  participating: z.boolean(),
});

export const requestPublishedBody = z.strictObject({
  requestId: z.uuid(),
  householdSize: z.int().min(1).max(12),
  /** One band per household member. */
  ageBands: z.array(z.enum(AGE_BANDS)).min(1).max(12),
  rooms: z.int().min(1).max(10),
  accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length),
  schoolNeeds: z.array(z.enum(SCHOOL_NEEDS)).min(1).max(SCHOOL_NEEDS.length),
  /** Municipality (4 digits) or region (2 digits) codes to avoid. */
  avoidCodes: z.array(areaCode).max(311),
  /** At least five acceptable municipalities or regions. */
  acceptableCodes: z.array(areaCode).min(5).max(311),
  moveBy: isoDate,
  /** Always true: a request without exit support in place is never sent. */
  exitSupportInPlace: z.literal(true),
  /** Always true: a request without the young person's own recorded wish cannot be made. Who recorded it stays home. */
  ownWishRecorded: z.literal(true),
  publishedAt: z.iso.datetime({ offset: true }),
});

export const requestWithdrawnBody = z.strictObject({ requestId: z.uuid(), withdrawnAt: z.iso.datetime({ offset: true }) });

export const offerPublishedBody = z.strictObject({
  offerId: z.uuid(),
  /** null: into the pool (every partner). */
  requestId: z.uuid().nullable(),
  rooms: z.int().min(1).max(10),
  sizeSqm: z.int().min(10).max(400),
  municipalityCode,
  district: districtSchema.nullable(),
  availableFrom: isoDate,
  accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length),
  conditions: z.array(z.enum(OFFER_CONDITIONS)).max(OFFER_CONDITIONS.length),
  /** Short text about the dwelling's conditions; refused when it holds a personnummer. */
  conditionsText: line().max(200).refine(noIdentityNumber, safe).nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
});

export const offerWithdrawnBody = z.strictObject({ offerId: z.uuid(), withdrawnAt: z.iso.datetime({ offset: true }) });

/** Receiver → sender: these offers are not for this request. Never a reason. */
export const areaUnsuitableBody = z.strictObject({ requestId: z.uuid(), offerIds: z.array(z.uuid()).min(1).max(200) });

export const matchProposedBody = z.strictObject({ matchId: z.uuid(), requestId: z.uuid(), offerId: z.uuid() });
export const matchAnsweredBody = z.strictObject({ matchId: z.uuid() });
export const matchConfirmedBody = z.strictObject({
  matchId: z.uuid(),
  reference: z.string().regex(EXCHANGE_REFERENCE_PATTERN),
  /** The sending officer's work contact. */
  contact: officerContactSchema,
});
export const contactSharedBody = z.strictObject({ matchId: z.uuid(), contact: officerContactSchema });
export const sealedSentBody = z.strictObject({
  matchId: z.uuid(),
  sealedId: z.uuid(),
  /** The one-time text for the other named officer. The receiver stores it encrypted until opened once. */
  text: z.string().min(1).max(4000),
});
export const sealedOpenedBody = z.strictObject({ matchId: z.uuid(), sealedId: z.uuid(), openedAt: z.iso.datetime({ offset: true }) });
export const moveScheduledBody = z.strictObject({ matchId: z.uuid(), moveOn: isoDate });
export const moveCompletedBody = z.strictObject({ matchId: z.uuid(), movedOn: isoDate });
export const followupRecordedBody = z.strictObject({ matchId: z.uuid(), outcome: z.enum(FOLLOWUP_OUTCOMES), followedUpOn: isoDate });

const common = {
  id: z.uuid(),
  version: z.literal(EXCHANGE_MESSAGE_VERSION),
  sentAt: z.iso.datetime({ offset: true }),
  from: endpointSchema,
  to: endpointSchema,
};

export const exchangeEnvelopeSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('participant.announced'), body: participantAnnouncedBody }),
  z.strictObject({ ...common, type: z.literal('request.published'), body: requestPublishedBody }),
  z.strictObject({ ...common, type: z.literal('request.withdrawn'), body: requestWithdrawnBody }),
  z.strictObject({ ...common, type: z.literal('offer.published'), body: offerPublishedBody }),
  z.strictObject({ ...common, type: z.literal('offer.withdrawn'), body: offerWithdrawnBody }),
  z.strictObject({ ...common, type: z.literal('area.unsuitable'), body: areaUnsuitableBody }),
  z.strictObject({ ...common, type: z.literal('match.proposed'), body: matchProposedBody }),
  z.strictObject({ ...common, type: z.literal('match.accepted'), body: matchAnsweredBody }),
  z.strictObject({ ...common, type: z.literal('match.declined'), body: matchAnsweredBody }),
  z.strictObject({ ...common, type: z.literal('match.confirmed'), body: matchConfirmedBody }),
  z.strictObject({ ...common, type: z.literal('contact.shared'), body: contactSharedBody }),
  z.strictObject({ ...common, type: z.literal('sealed.sent'), body: sealedSentBody }),
  z.strictObject({ ...common, type: z.literal('sealed.opened'), body: sealedOpenedBody }),
  z.strictObject({ ...common, type: z.literal('move.scheduled'), body: moveScheduledBody }),
  z.strictObject({ ...common, type: z.literal('move.completed'), body: moveCompletedBody }),
  z.strictObject({ ...common, type: z.literal('followup.recorded'), body: followupRecordedBody }),
]);
export type ExchangeEnvelope = z.infer<typeof exchangeEnvelopeSchema>;
export type ExchangeMessage<T extends ExchangeMessageType> = Extract<ExchangeEnvelope, { type: T }>;
export type ExchangeBody<T extends ExchangeMessageType> = ExchangeMessage<T>['body'];

/** Maximum clock skew the receiver accepts on `sentAt` (federation checks it). */
export const EXCHANGE_MAX_SKEW_MS = 10 * 60 * 1000;
