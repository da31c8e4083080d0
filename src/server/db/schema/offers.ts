import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Offers (insatskatalog), issue 15 §3: what an organisation provides that a young person or a parent
 * can take part in. The key (tenant_id, id) is what a referral (issue 15 §4) will point at. Constraints,
 * foreign keys and RLS are in migration 0036_offers.sql.
 */
export const offer = pgTable(
  'offer',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    providerOrganisationId: uuid('provider_organisation_id').notNull(),
    /** mentorskap | foraldraprogram | mammagrupp | utokade_hembesok | oppen_verksamhet | feriejobb_praktik | avhopparstod | annat */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** unga | foraldrar | bada */
    targetGroup: text('target_group').notNull(),
    ageFrom: integer('age_from'),
    ageTo: integer('age_to'),
    /** ISO 639-1 codes. */
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    /** [{ weekday 1–7, starts 'HH:MM', ends 'HH:MM' }], Stockholm wall time. */
    times: jsonb('times').$type<{ weekday: number; starts: string; ends: string }[]>().notNull().default([]),
    capacity: integer('capacity'),
    taken: integer('taken').notNull().default(0),
    cost: text('cost').notNull().default('gratis'),
    howToRefer: text('how_to_refer').notNull().default(''),
    contactLabel: text('contact_label'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    /** Staff only: never in the public answer. */
    contactPerson: text('contact_person'),
    public: boolean('public').notNull().default(false),
    /** The period the offer runs, either end open (migration 0040_offer_period.sql checks until >= from). */
    availableFrom: date('available_from', { mode: 'string' }),
    availableUntil: date('available_until', { mode: 'string' }),
    /** Set instead of deleting, so a referral that points here keeps its offer. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('offer_public_idx').on(t.tenantId, t.public)],
);

/** The registered places (places module) where an offer takes place. */
export const offerPlace = pgTable(
  'offer_place',
  {
    tenantId: uuid('tenant_id').notNull(),
    offerId: uuid('offer_id').notNull(),
    placeId: uuid('place_id').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.offerId, t.placeId] })],
);
