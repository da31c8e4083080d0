import { z } from 'zod';
import type { Role } from './roles';
import { line, multiline } from './text';
import { containsIdentityNumber } from './field-reports';
import { weekdaySchema } from './places';
import { tenantSlugSchema } from './concerns-public';

/**
 * Offers (insatskatalog), issue 15 §3: something an organisation provides that a young person or a
 * parent can take part in. The contract between the API and the web, signed in and public.
 *
 * An offer names no person in public: the public page shows the provider organisation and its work
 * contact (a function, a phone, an email), never the named contact person. Every text field refuses
 * anything shaped like a personnummer (field message `identity_number_in_offer`).
 */

export const OFFER_KINDS = [
  'mentorskap',
  'foraldraprogram',
  'mammagrupp',
  'utokade_hembesok',
  'oppen_verksamhet',
  'feriejobb_praktik',
  'avhopparstod',
  'annat',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const TARGET_GROUPS = ['unga', 'foraldrar', 'bada'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Who writes offers besides the provider's own staff: the coordinators, for every provider. */
export const OFFER_COORDINATOR_ROLES = ['koordinator'] as const satisfies readonly Role[];
/** Roles that never write offers, even for their own organisation: their work is elsewhere. */
export const OFFER_NO_WRITE_ROLES = ['loggranskare', 'analytiker', 'administrator', 'mentor', 'jurist'] as const satisfies readonly Role[];

export const IDENTITY_NUMBER_IN_OFFER_MESSAGE = 'identity_number_in_offer';
const noIdentityNumber = (value: string | null | undefined) => !value || !containsIdentityNumber(value);
const safe = { message: IDENTITY_NUMBER_IN_OFFER_MESSAGE };

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const timeSchema = z.string().refine((value) => TIME.test(value), { message: 'invalid_time' });

/** One weekly time: ISO weekday (1 = Monday, as places and presence store them) and Stockholm wall time. */
export const offerTimeSchema = z
  .strictObject({ weekday: weekdaySchema, starts: timeSchema, ends: timeSchema })
  .refine((value) => value.starts < value.ends, { message: 'closes_before_opens', path: ['ends'] });
export type OfferTime = z.infer<typeof offerTimeSchema>;

/** ISO 639-1 codes, lower case ("sv", "ar", "so"). */
export const languageCodeSchema = z.string().regex(/^[a-z]{2}$/, { message: 'invalid_language' });

/**
 * An ISO calendar date (YYYY-MM-DD, a real day) within years a database date holds without surprises.
 * One custom check, so a bad date gets the field message that says how to write one ('invalid_date').
 */
const isoDay = z.iso.date();
const offerDateSchema = z.string().refine((value) => isoDay.safeParse(value).success && value >= '1900-01-01' && value <= '2999-12-31', { message: 'invalid_date' });

const phoneSchema = line()
  .max(40)
  .refine((value) => /^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' });

export const offerInputSchema = z
  .strictObject({
    providerOrganisationId: z.uuid(),
    kind: z.enum(OFFER_KINDS),
    title: line().min(2).max(200).refine(noIdentityNumber, safe),
    description: multiline().max(4000).refine(noIdentityNumber, safe).default(''),
    targetGroup: z.enum(TARGET_GROUPS),
    ageFrom: z.number().int().min(0).max(99).nullable().default(null),
    ageTo: z.number().int().min(0).max(99).nullable().default(null),
    languages: z.array(languageCodeSchema).max(20).default(['sv']),
    placeIds: z.array(z.uuid()).max(20).default([]),
    times: z.array(offerTimeSchema).max(28).default([]),
    capacity: z.number().int().min(1).max(100_000).nullable().default(null),
    /** Places in use now (set by the provider until referrals count them, issue 15 §4). */
    taken: z.number().int().min(0).max(100_000).default(0),
    cost: line().max(200).refine(noIdentityNumber, safe).default('gratis'),
    howToRefer: multiline().max(2000).refine(noIdentityNumber, safe).default(''),
    /** The organisation's work contact: a function ("Fritidsgårdens reception"), never a person's name in public. */
    contactLabel: line().max(200).refine(noIdentityNumber, safe).nullable().default(null),
    contactPhone: phoneSchema.nullable().default(null),
    contactEmail: line().max(254).pipe(z.email()).nullable().default(null),
    /** A named contact person for staff only; never shown on the public page. */
    contactPerson: line().max(200).refine(noIdentityNumber, safe).nullable().default(null),
    public: z.boolean().default(false),
    /** The period the offer runs (a summer job: June–August); either end open. Dates in Sweden. */
    availableFrom: offerDateSchema.nullable().default(null),
    availableUntil: offerDateSchema.nullable().default(null),
  })
  .refine((v) => v.ageFrom === null || v.ageTo === null || v.ageFrom <= v.ageTo, { message: 'age_order', path: ['ageTo'] })
  .refine((v) => new Set(v.placeIds).size === v.placeIds.length, { message: 'duplicate_values', path: ['placeIds'] })
  .refine((v) => new Set(v.languages).size === v.languages.length, { message: 'duplicate_values', path: ['languages'] })
  .refine((v) => v.availableFrom === null || v.availableUntil === null || v.availableFrom <= v.availableUntil, { message: 'ends_before_starts', path: ['availableUntil'] });
export type OfferInput = z.input<typeof offerInputSchema>;
export type OfferParsedInput = z.output<typeof offerInputSchema>;

export const offerIdParamsSchema = z.strictObject({ offerId: z.uuid() });

export const offerListQuerySchema = z.strictObject({
  kind: z.enum(OFFER_KINDS).optional(),
  provider: z.uuid().optional(),
  room: z.enum(['true', 'false']).optional(),
});

const offerPlaceSchema = z.strictObject({ id: z.string(), name: z.string(), areaId: z.string().nullable(), areaName: z.string().nullable(), address: z.string().nullable() });

export const offerSchema = z.strictObject({
  id: z.string(),
  providerOrganisationId: z.string(),
  providerName: z.string(),
  kind: z.enum(OFFER_KINDS),
  title: z.string(),
  description: z.string(),
  targetGroup: z.enum(TARGET_GROUPS),
  ageFrom: z.number().nullable(),
  ageTo: z.number().nullable(),
  languages: z.array(z.string()),
  places: z.array(offerPlaceSchema),
  times: z.array(offerTimeSchema),
  capacity: z.number().nullable(),
  taken: z.number(),
  /** Places held by referrals (waiting for an answer, accepted, started), issue 15 §4. */
  referred: z.number(),
  /** Room: no capacity set, or fewer taken (by hand and by referrals) than the capacity. */
  hasRoom: z.boolean(),
  cost: z.string(),
  howToRefer: z.string(),
  contactLabel: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPerson: z.string().nullable(),
  public: z.boolean(),
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  /** The period has passed (its last day is before today in Sweden): kept in the staff list, gone from the public one. */
  ended: z.boolean(),
  updatedAt: z.string(),
  abilities: z.record(z.string(), z.boolean()),
});
export type Offer = z.infer<typeof offerSchema>;

export const offerListSchema = z.strictObject({
  offers: z.array(offerSchema.omit({ abilities: true }).extend({ abilities: z.record(z.string(), z.boolean()) })),
  /** What the actor may do with the collection (create). */
  abilities: z.record(z.string(), z.boolean()),
  /** The organisations the actor may name as provider of a new offer. */
  providers: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export type OfferList = z.infer<typeof offerListSchema>;

// ---- public ----

export const PUBLIC_OFFER_PAGE_SIZE = 20;

export const publicOfferParamsSchema = z.strictObject({ slug: tenantSlugSchema });
export const publicOfferQuerySchema = z.strictObject({
  area: z.uuid().optional(),
  age: z.coerce.number().int().min(0).max(99).optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

/** What the public page may show: no contact person, no counts of who takes part. */
export const publicOfferSchema = z.strictObject({
  id: z.string(),
  providerName: z.string(),
  kind: z.enum(OFFER_KINDS),
  title: z.string(),
  description: z.string(),
  targetGroup: z.enum(TARGET_GROUPS),
  ageFrom: z.number().nullable(),
  ageTo: z.number().nullable(),
  languages: z.array(z.string()),
  places: z.array(offerPlaceSchema),
  times: z.array(offerTimeSchema),
  cost: z.string(),
  howToRefer: z.string(),
  contactLabel: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
});
export type PublicOffer = z.infer<typeof publicOfferSchema>;

export const publicOfferListSchema = z.strictObject({
  tenant: z.strictObject({ slug: z.string(), name: z.string() }),
  offers: z.array(publicOfferSchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  /** The areas that public offers are in, for the area filter. */
  areas: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export type PublicOfferList = z.infer<typeof publicOfferListSchema>;

/** An offer matches an age when the age lies within its range (an open end matches every age that side). */
export function matchesAge(offer: { ageFrom: number | null; ageTo: number | null }, age: number): boolean {
  return (offer.ageFrom === null || offer.ageFrom <= age) && (offer.ageTo === null || age <= offer.ageTo);
}

/** Room: no capacity, or the places taken by hand plus those held by referrals below it. */
export const hasRoom = (offer: { capacity: number | null; taken: number; referred?: number }) => offer.capacity === null || offer.taken + (offer.referred ?? 0) < offer.capacity;

/** The period has ended when its last day lies before `today` (both YYYY-MM-DD, so text order is date order). */
export const periodEnded = (offer: { availableUntil: string | null }, today: string) => offer.availableUntil !== null && offer.availableUntil < today;

export const OFFERS_PATH = '/insatser';
export const PUBLIC_OFFERS_PATH = '/vad-finns-att-gora';
