import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, offer, offerPlace, organisation, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import { hasRoom, periodEnded, type Offer, type OfferParsedInput, type OfferTime, type PublicOffer } from '../../../shared/offers';
import { offerResource } from './policy';
import { activeReferralCounts } from '../referrals/store';

export type OfferRow = typeof offer.$inferSelect & { providerName: string; places: OfferPlace[]; referred: number };
interface OfferPlace {
  id: string;
  name: string;
  areaId: string | null;
  areaName: string | null;
  address: string | null;
}

/** The tenant's offers (archived ones left out), with their provider's name and their places in order. */
export async function selectOffers(tx: Tx, tenantId: string, where: SQL[] = []): Promise<OfferRow[]> {
  const rows = await tx
    .select({ offer, providerName: organisation.name })
    .from(offer)
    .innerJoin(organisation, and(eq(organisation.tenantId, offer.tenantId), eq(organisation.id, offer.providerOrganisationId)))
    .where(and(eq(offer.tenantId, tenantId), isNull(offer.archivedAt), ...where))
    .orderBy(asc(offer.title), asc(offer.id));
  if (rows.length === 0) return [];
  const links = await tx
    .select({ offerId: offerPlace.offerId, id: place.id, name: place.name, areaId: place.areaId, areaName: area.name, address: place.address })
    .from(offerPlace)
    .innerJoin(place, and(eq(place.tenantId, offerPlace.tenantId), eq(place.id, offerPlace.placeId)))
    .leftJoin(area, and(eq(area.tenantId, place.tenantId), eq(area.id, place.areaId)))
    .where(and(eq(offerPlace.tenantId, tenantId), inArray(offerPlace.offerId, rows.map((r) => r.offer.id))))
    .orderBy(asc(offerPlace.position));
  const byOffer = new Map<string, OfferPlace[]>();
  for (const { offerId, ...link } of links) byOffer.set(offerId, [...(byOffer.get(offerId) ?? []), link]);
  const referred = await activeReferralCounts(tx, tenantId, rows.map((r) => r.offer.id));
  return rows.map((r) => ({ ...r.offer, providerName: r.providerName, places: byOffer.get(r.offer.id) ?? [], referred: referred.get(r.offer.id) ?? 0 }));
}

export async function findOffer(tx: Tx, tenantId: string, id: string): Promise<OfferRow | null> {
  return (await selectOffers(tx, tenantId, [eq(offer.id, id)]))[0] ?? null;
}

const sortedTimes = (times: OfferTime[]) => [...times].sort((a, b) => a.weekday - b.weekday || a.starts.localeCompare(b.starts));

/** `today` is the Swedish calendar day (YYYY-MM-DD) that decides whether the period has ended. */
export function presentOffer(actor: Actor, row: OfferRow, today: string): Offer {
  return {
    id: row.id,
    providerOrganisationId: row.providerOrganisationId,
    providerName: row.providerName,
    kind: row.kind as Offer['kind'],
    title: row.title,
    description: row.description,
    targetGroup: row.targetGroup as Offer['targetGroup'],
    ageFrom: row.ageFrom,
    ageTo: row.ageTo,
    languages: row.languages,
    places: row.places,
    times: sortedTimes(row.times),
    capacity: row.capacity,
    taken: row.taken,
    referred: row.referred,
    hasRoom: hasRoom(row),
    cost: row.cost,
    howToRefer: row.howToRefer,
    contactLabel: row.contactLabel,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    contactPerson: row.contactPerson,
    public: row.public,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    ended: periodEnded(row, today),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(actor, offerResource(row.tenantId, row)),
  };
}

/** Only what the public page may show: the contact person and the counts stay inside. */
export function presentPublicOffer(row: OfferRow): PublicOffer {
  return {
    id: row.id,
    providerName: row.providerName,
    kind: row.kind as PublicOffer['kind'],
    title: row.title,
    description: row.description,
    targetGroup: row.targetGroup as PublicOffer['targetGroup'],
    ageFrom: row.ageFrom,
    ageTo: row.ageTo,
    languages: row.languages,
    places: row.places,
    times: sortedTimes(row.times),
    cost: row.cost,
    howToRefer: row.howToRefer,
    contactLabel: row.contactLabel,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
  };
}

/** The input's references must be the tenant's own (RLS hides the others, so an unknown id is a 400 on its field). */
export async function checkReferences(tx: Tx, tenantId: string, input: OfferParsedInput): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const provider = await tx.execute(sql`select 1 from organisation where tenant_id = ${tenantId} and id = ${input.providerOrganisationId} and active`);
  if (provider.rows.length === 0) fields.providerOrganisationId = 'not_found';
  if (input.placeIds.length > 0) {
    const found = await tx.select({ id: place.id }).from(place).where(and(eq(place.tenantId, tenantId), inArray(place.id, input.placeIds)));
    if (found.length !== input.placeIds.length) fields.placeIds = 'not_found';
  }
  return fields;
}

export const offerValues = (input: OfferParsedInput) => ({
  providerOrganisationId: input.providerOrganisationId,
  kind: input.kind,
  title: input.title,
  description: input.description,
  targetGroup: input.targetGroup,
  ageFrom: input.ageFrom,
  ageTo: input.ageTo,
  languages: input.languages,
  times: input.times,
  capacity: input.capacity,
  taken: input.taken,
  cost: input.cost,
  howToRefer: input.howToRefer,
  contactLabel: input.contactLabel,
  contactPhone: input.contactPhone,
  contactEmail: input.contactEmail,
  contactPerson: input.contactPerson,
  public: input.public,
  availableFrom: input.availableFrom,
  availableUntil: input.availableUntil,
});

export async function writePlaces(tx: Tx, tenantId: string, offerId: string, placeIds: string[]): Promise<void> {
  await tx.delete(offerPlace).where(and(eq(offerPlace.tenantId, tenantId), eq(offerPlace.offerId, offerId)));
  if (placeIds.length > 0) await tx.insert(offerPlace).values(placeIds.map((placeId, position) => ({ tenantId, offerId, placeId, position })));
}
