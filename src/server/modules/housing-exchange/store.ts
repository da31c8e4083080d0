import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  exchangeHousingPartner,
  exchangeIncomingOffer,
  exchangeIncomingRequest,
  exchangeMatch,
  exchangeMessageLog,
  exchangeOffer,
  exchangeOfficer,
  exchangeParticipation,
  exchangeRequest,
  exchangeSealed,
  exchangeUnsuitable,
  membership,
  organisation,
  user,
} from '../../db/schema';
import type { Actor } from '../../policy/actor';
import type { ExchangeEndpoint, OfficerContact } from '../../../shared/exchange-messages';
import type { ExchangeMatch, ExchangeOffer, ExchangePartner, ExchangeRequestSummary, IncomingOffer, IncomingRequest, Participation } from '../../../shared/housing-exchange';
import { municipalityInArea } from '../../../shared/municipalities';
import { listRemotePartners, localInstallationId } from './transport';
import type { exchangeCrypto } from './exchange-crypto';

type Crypto = ReturnType<typeof exchangeCrypto>;
export type RequestRow = typeof exchangeRequest.$inferSelect;
export type OfferRow = typeof exchangeOffer.$inferSelect;
export type MatchRow = typeof exchangeMatch.$inferSelect;
export type IncomingOfferRow = typeof exchangeIncomingOffer.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function findParticipation(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(exchangeParticipation).where(eq(exchangeParticipation.tenantId, tenantId));
  return row ?? null;
}

/** The actor's membership is named in the participation decision, and the tenant takes part. */
export async function isNamedOfficer(tx: Tx, actor: Actor): Promise<boolean> {
  const [row] = await tx
    .select({ id: exchangeOfficer.membershipId })
    .from(exchangeOfficer)
    .innerJoin(exchangeParticipation, and(eq(exchangeParticipation.tenantId, exchangeOfficer.tenantId), eq(exchangeParticipation.participating, true)))
    .where(and(eq(exchangeOfficer.tenantId, actor.tenantId), eq(exchangeOfficer.membershipId, actor.membershipId)));
  return !!row;
}

export async function presentParticipation(tx: Tx, tenantId: string): Promise<Participation> {
  const row = await findParticipation(tx, tenantId);
  const officers = await tx
    .select({ membershipId: membership.id, name: user.name, organisationName: organisation.name })
    .from(exchangeOfficer)
    .innerJoin(membership, and(eq(membership.tenantId, exchangeOfficer.tenantId), eq(membership.id, exchangeOfficer.membershipId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .where(eq(exchangeOfficer.tenantId, tenantId))
    .orderBy(asc(user.name));
  const partners = await tx
    .select({ organisationId: organisation.id, name: organisation.name })
    .from(exchangeHousingPartner)
    .innerJoin(organisation, and(eq(organisation.tenantId, exchangeHousingPartner.tenantId), eq(organisation.id, exchangeHousingPartner.organisationId)))
    .where(eq(exchangeHousingPartner.tenantId, tenantId))
    .orderBy(asc(organisation.name));
  return {
    participating: row?.participating ?? false,
    municipalityCode: row?.municipalityCode ?? null,
    decidedOn: row?.decidedOn ?? null,
    decisionReference: row?.decisionReference ?? null,
    decidedBy: row?.decidedBy ?? null,
    officers,
    housingPartners: partners,
    updatedAt: iso(row?.updatedAt ?? null),
  };
}

/** Participating tenants of this installation (SECURITY DEFINER function) and pinned remote partners. */
export async function listPartners(tx: Tx): Promise<ExchangePartner[]> {
  const local = await tx.execute<{ tenant_id: string; name: string; municipality_code: string }>(sql`select tenant_id, name, municipality_code from app_exchange_local_partners()`);
  const installation = localInstallationId();
  const remote = await listRemotePartners(tx);
  return [
    ...local.rows.map((r) => ({ installation, tenantId: r.tenant_id, name: r.name, municipalityCode: r.municipality_code, local: true })),
    ...remote.map((r) => ({ ...r, local: false })),
  ];
}
export const endpointOf = (p: { installation: string; tenantId: string }): ExchangeEndpoint => ({ installation: p.installation, tenant: p.tenantId });

/** The partners a message about `subjectId` of `type` went to (from our own message log). */
export async function recipientsOf(tx: Tx, tenantId: string, type: string, subjectId: string): Promise<ExchangeEndpoint[]> {
  const rows = await tx
    .selectDistinct({ installation: exchangeMessageLog.partnerInstallation, tenant: exchangeMessageLog.partnerTenant })
    .from(exchangeMessageLog)
    .where(and(eq(exchangeMessageLog.tenantId, tenantId), eq(exchangeMessageLog.direction, 'out'), eq(exchangeMessageLog.type, type), eq(exchangeMessageLog.subjectId, subjectId)));
  return rows;
}

export async function officerContact(tx: Tx, actor: Actor): Promise<OfficerContact> {
  const [row] = await tx.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, actor.userId));
  return { name: row?.name ?? '', email: row?.email ?? null, phone: null, organisation: `${actor.organisationName}, ${actor.tenantName}` };
}

export function presentRequest(row: RequestRow): ExchangeRequestSummary {
  return {
    id: row.id,
    status: row.status as ExchangeRequestSummary['status'],
    householdSize: row.householdSize,
    ageBands: row.ageBands as ExchangeRequestSummary['ageBands'],
    rooms: row.rooms,
    accessibility: row.accessibility as ExchangeRequestSummary['accessibility'],
    schoolNeeds: row.schoolNeeds as ExchangeRequestSummary['schoolNeeds'],
    avoidCodes: row.avoidCodes,
    acceptableCodes: row.acceptableCodes,
    moveBy: row.moveBy,
    exitSupportInPlace: row.exitSupportInPlace,
    publishedAt: iso(row.publishedAt),
    withdrawnAt: iso(row.withdrawnAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findRequest(tx: Tx, tenantId: string, id: string): Promise<RequestRow | null> {
  const [row] = await tx.select().from(exchangeRequest).where(and(eq(exchangeRequest.tenantId, tenantId), eq(exchangeRequest.id, id)));
  return row ?? null;
}

export async function listRequests(tx: Tx, tenantId: string): Promise<RequestRow[]> {
  return tx.select().from(exchangeRequest).where(eq(exchangeRequest.tenantId, tenantId)).orderBy(desc(exchangeRequest.createdAt));
}

export function presentIncomingOffer(row: IncomingOfferRow): IncomingOffer {
  const b = row.body as Record<string, unknown>;
  return {
    id: row.id,
    from: { installation: row.fromInstallation, tenantId: row.fromTenant, name: row.fromName },
    requestId: row.requestId,
    rooms: b.rooms as number,
    sizeSqm: b.sizeSqm as number,
    municipalityCode: b.municipalityCode as string,
    district: (b.district as string | null) ?? null,
    availableFrom: b.availableFrom as string,
    accessibility: b.accessibility as IncomingOffer['accessibility'],
    conditions: b.conditions as IncomingOffer['conditions'],
    conditionsText: (b.conditionsText as string | null) ?? null,
    receivedAt: row.receivedAt.toISOString(),
  };
}

export async function liveIncomingOffers(tx: Tx, tenantId: string): Promise<IncomingOfferRow[]> {
  return tx
    .select()
    .from(exchangeIncomingOffer)
    .where(and(eq(exchangeIncomingOffer.tenantId, tenantId), isNull(exchangeIncomingOffer.withdrawnAt)))
    .orderBy(asc(exchangeIncomingOffer.receivedAt));
}

/**
 * Matching, on the sending side's own rows: offers whose municipality is acceptable and not avoided, with
 * enough rooms, available by the date, with the accessibility needed, and not marked unsuitable by the
 * offering side; for this request or in the pool.
 */
export function matches(request: RequestRow, offer: IncomingOfferRow): boolean {
  if (!offer.body || offer.withdrawnAt) return false;
  if (offer.requestId !== null && offer.requestId !== request.id) return false;
  if (offer.unsuitableFor.includes(request.id)) return false;
  const o = presentIncomingOffer(offer);
  if (!request.acceptableCodes.some((code) => municipalityInArea(o.municipalityCode, code))) return false;
  if (request.avoidCodes.some((code) => municipalityInArea(o.municipalityCode, code))) return false;
  if (o.rooms < request.rooms) return false;
  if (o.availableFrom > request.moveBy) return false;
  return request.accessibility.every((need) => (o.accessibility as string[]).includes(need));
}

export function presentOffer(row: OfferRow, partnerName: string): ExchangeOffer {
  return {
    id: row.id,
    status: row.status as ExchangeOffer['status'],
    housingPartner: { organisationId: row.housingPartnerOrganisationId, name: partnerName },
    requestId: row.requestId,
    rooms: row.rooms,
    sizeSqm: row.sizeSqm,
    municipalityCode: row.municipalityCode,
    district: row.district,
    availableFrom: row.availableFrom,
    accessibility: row.accessibility as ExchangeOffer['accessibility'],
    conditions: row.conditions as ExchangeOffer['conditions'],
    conditionsText: row.conditionsText,
    publishedAt: row.publishedAt.toISOString(),
    withdrawnAt: iso(row.withdrawnAt),
  };
}

export async function listOffers(tx: Tx, tenantId: string): Promise<ExchangeOffer[]> {
  const rows = await tx
    .select({ offer: exchangeOffer, partnerName: organisation.name })
    .from(exchangeOffer)
    .innerJoin(organisation, and(eq(organisation.tenantId, exchangeOffer.tenantId), eq(organisation.id, exchangeOffer.housingPartnerOrganisationId)))
    .where(eq(exchangeOffer.tenantId, tenantId))
    .orderBy(desc(exchangeOffer.publishedAt));
  return rows.map((r) => presentOffer(r.offer, r.partnerName));
}

export async function listIncomingRequests(tx: Tx, tenantId: string, id?: string): Promise<IncomingRequest[]> {
  const rows = await tx
    .select()
    .from(exchangeIncomingRequest)
    .where(and(eq(exchangeIncomingRequest.tenantId, tenantId), isNull(exchangeIncomingRequest.withdrawnAt), ...(id ? [eq(exchangeIncomingRequest.id, id)] : [])))
    .orderBy(desc(exchangeIncomingRequest.receivedAt));
  const ids = rows.map((r) => r.id);
  const marks = ids.length
    ? await tx.select().from(exchangeUnsuitable).where(and(eq(exchangeUnsuitable.tenantId, tenantId), inArray(exchangeUnsuitable.requestId, ids)))
    : [];
  return rows.map((row) => {
    const b = row.body as Record<string, unknown>;
    return {
      id: row.id,
      from: { installation: row.fromInstallation, tenantId: row.fromTenant, name: row.fromName },
      status: 'publicerad' as const,
      householdSize: b.householdSize as number,
      ageBands: b.ageBands as IncomingRequest['ageBands'],
      rooms: b.rooms as number,
      accessibility: b.accessibility as IncomingRequest['accessibility'],
      schoolNeeds: b.schoolNeeds as IncomingRequest['schoolNeeds'],
      avoidCodes: b.avoidCodes as string[],
      acceptableCodes: b.acceptableCodes as string[],
      moveBy: b.moveBy as string,
      receivedAt: row.receivedAt.toISOString(),
      withdrawnAt: null,
      unsuitableOfferIds: marks.filter((m) => m.requestId === row.id).map((m) => m.offerId),
    };
  });
}

export async function findMatch(tx: Tx, tenantId: string, id: string): Promise<MatchRow | null> {
  const [row] = await tx.select().from(exchangeMatch).where(and(eq(exchangeMatch.tenantId, tenantId), eq(exchangeMatch.id, id)));
  return row ?? null;
}

export const CONFIRMED_STATUSES = ['bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd'];

export async function presentMatch(tx: Tx, actor: Actor, crypto: Crypto, row: MatchRow): Promise<ExchangeMatch> {
  const named = row.officerUserId === actor.userId && CONFIRMED_STATUSES.includes(row.status);
  const [waiting] = await tx
    .select({ id: exchangeSealed.id, openedAt: exchangeSealed.openedAt, text: exchangeSealed.textEncrypted })
    .from(exchangeSealed)
    .where(and(eq(exchangeSealed.tenantId, row.tenantId), eq(exchangeSealed.matchId, row.id)));
  const contact = (token: string | null) => (named && token ? (JSON.parse(crypto.decryptContact(row.tenantId, row.id, token)) as OfficerContact) : null);
  return {
    id: row.id,
    side: row.side as ExchangeMatch['side'],
    status: row.status as ExchangeMatch['status'],
    requestId: row.requestId,
    offerId: row.offerId,
    partner: { installation: row.partnerInstallation, tenantId: row.partnerTenant, name: row.partnerName },
    reference: named ? row.reference : null,
    ownContact: contact(row.ownContactEncrypted),
    partnerContact: contact(row.partnerContactEncrypted),
    moveOn: row.moveOn,
    movedOn: row.movedOn,
    followUpDue: row.followUpDue,
    followedUpOn: row.followedUpOn,
    followUpOutcome: row.followUpOutcome as ExchangeMatch['followUpOutcome'],
    sealed: { sentByUs: row.sealedSentByUs, waitingForUs: !!waiting?.text, openedAt: iso(waiting?.openedAt ?? null) },
    proposedAt: row.proposedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listMatches(tx: Tx, tenantId: string, requestId?: string): Promise<MatchRow[]> {
  return tx
    .select()
    .from(exchangeMatch)
    .where(and(eq(exchangeMatch.tenantId, tenantId), ...(requestId ? [eq(exchangeMatch.requestId, requestId), eq(exchangeMatch.side, 'sender')] : [])))
    .orderBy(desc(exchangeMatch.proposedAt));
}
