import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { now } from '../../clock';
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
  sspfCase,
  user,
} from '../../db/schema';
import {
  EXCHANGE_OFFICER_ROLE,
  HOUSING_PARTNER_ORGANISATION_TYPE,
  RECIPROCITY_MONTHS,
  followUpInputSchema,
  movedInputSchema,
  offerInputSchema,
  participationInputSchema,
  proposeInputSchema,
  requestInputSchema,
  scheduleInputSchema,
  sealedInputSchema,
  unsuitableInputSchema,
  type Reciprocity,
  type ReciprocityRow,
} from '../../../shared/housing-exchange';
import type { ExchangeEndpoint, ExchangeEnvelope } from '../../../shared/exchange-messages';
import { suppressCount } from '../../../shared/suppression';
import { suppressionK } from '../lagesbild/settings';
import { exchangeCollection, exchangeRecord, type ExchangeParticipationResource } from './policy';
import { exchangeCaseOptions, mayRequestFromCase } from './case-options';
import { exchangeCrypto } from './exchange-crypto';
import {
  CONFIRMED_STATUSES,
  endpointOf,
  findMatch,
  findParticipation,
  findRequest,
  isNamedOfficer,
  listIncomingRequests,
  listMatches,
  listOffers,
  listPartners,
  listRequests,
  liveIncomingOffers,
  matches,
  officerContact,
  presentIncomingOffer,
  presentMatch,
  presentParticipation,
  presentRequest,
  recipientsOf,
  type MatchRow,
} from './store';
import { envelope, exchangeNodeOf, ExchangeRefused, followUpDueOf, sendExchangeMessage, syncRequestStatus } from './transport';

const TAGS = ['housing-exchange'];
const idParams = z.strictObject({ id: z.uuid() });
const AUDIT = (action: string, resourceType = 'exchange_request') => ({ action: `exchange.${action}`, resourceType });

/**
 * The housing exchange (bostadsutbyte) between municipalities, issue 16. Only the named exchange officers
 * (role utbytessamordnare, named in the administrator's participation decision) see requests, offers and
 * matches; the administrator manages participation only. Every step that crosses to the other tenant is a
 * message (transport.ts), audited here as the acting officer and on the other side as the exchange partner.
 */
export function registerHousingExchangeRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);
  const crypto = exchangeCrypto(context.cipher);
  const node = exchangeNodeOf(context.config, context.cipher);

  const participationResource = async (scope: RequestScope): Promise<ExchangeParticipationResource> => ({
    kind: 'exchange_participation',
    tenantId: scope.actor.tenantId,
    id: null,
    namedOfficer: await isNamedOfficer(scope.tx, scope.actor),
  });
  /** The collection check: 403 for anyone but a named officer. Returns whether the actor is one. */
  async function officerCollection(scope: RequestScope, action: 'list' | 'create', audit: { action: string; resourceType: string }) {
    const named = await isNamedOfficer(scope.tx, scope.actor);
    scope.authorize(action, exchangeCollection(scope.actor.tenantId, named), audit);
    return named;
  }
  /** The record check: 404 for anyone but a named officer, and for a record that does not exist. */
  async function officerRecord<T>(scope: RequestScope, id: string, audit: { action: string; resourceType: string }, load: () => Promise<T | null>): Promise<T> {
    const named = await isNamedOfficer(scope.tx, scope.actor);
    const entry = { ...audit, resourceId: id };
    scope.authorize('read', exchangeRecord(scope.actor.tenantId, id, named), entry);
    const row = await load();
    if (!row) throw notFound();
    return row;
  }
  /** Sends, turning a refusal by the other side (it left the exchange, a stale step) into 409. */
  async function send(scope: RequestScope, message: ExchangeEnvelope) {
    try {
      await sendExchangeMessage(scope.tx, node, message);
    } catch (error) {
      if (error instanceof ExchangeRefused) throw new AppError(409, 'conflict', { exchange: error.reason });
      throw error;
    }
  }
  const me = (scope: RequestScope) => scope.actor.tenantId;

  // ---- Participation (administrator) ----

  routes.get('/api/exchange/participation', { schema: { tags: TAGS, summary: 'This municipality’s participation in the housing exchange' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      scope.authorize('read', await participationResource(scope), AUDIT('participation_read', 'exchange_participation'));
      await scope.audit(AUDIT('participation_read', 'exchange_participation'));
      return presentParticipation(scope.tx, me(scope));
    }),
  );

  routes.get('/api/exchange/participation/candidates', { schema: { tags: TAGS, summary: 'Memberships with the exchange officer role, and housing companies' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      scope.authorize('manage', await participationResource(scope), AUDIT('participation_candidates', 'exchange_participation'));
      await scope.audit(AUDIT('participation_candidates', 'exchange_participation'));
      const officers = await scope.tx
        .select({ membershipId: membership.id, name: user.name, organisationName: organisation.name })
        .from(membership)
        .innerJoin(user, eq(user.id, membership.userId))
        .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
        .where(and(eq(membership.tenantId, me(scope)), eq(membership.role, EXCHANGE_OFFICER_ROLE), eq(membership.active, true)));
      const housingPartners = await scope.tx
        .select({ organisationId: organisation.id, name: organisation.name })
        .from(organisation)
        .where(and(eq(organisation.tenantId, me(scope)), eq(organisation.type, HOUSING_PARTNER_ORGANISATION_TYPE), eq(organisation.active, true)));
      return { officers, housingPartners };
    }),
  );

  routes.put('/api/exchange/participation', { schema: { tags: TAGS, summary: 'Join the exchange or change the decision (administrator)', body: participationInputSchema }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('participation_update', 'exchange_participation');
      scope.authorize('manage', await participationResource(scope), entry);
      const input = request.body;
      const tenantId = me(scope);
      const officerRows = await scope.tx
        .select({ id: membership.id })
        .from(membership)
        .where(and(eq(membership.tenantId, tenantId), inArray(membership.id, input.officerMembershipIds), eq(membership.role, EXCHANGE_OFFICER_ROLE), eq(membership.active, true)));
      if (officerRows.length !== new Set(input.officerMembershipIds).size) throw invalid({ officerMembershipIds: 'exchange_not_officer' });
      if (input.housingPartnerOrganisationIds.length > 0) {
        const partnerRows = await scope.tx
          .select({ id: organisation.id })
          .from(organisation)
          .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, input.housingPartnerOrganisationIds), eq(organisation.type, HOUSING_PARTNER_ORGANISATION_TYPE)));
        if (partnerRows.length !== new Set(input.housingPartnerOrganisationIds).size) throw invalid({ housingPartnerOrganisationIds: 'exchange_not_housing_partner' });
      }
      const values = { municipalityCode: input.municipalityCode, decidedOn: input.decidedOn, decisionReference: input.decisionReference, decidedBy: scope.actor.userId, participating: true, updatedAt: now() };
      await scope.tx.insert(exchangeParticipation).values({ tenantId, ...values }).onConflictDoUpdate({ target: exchangeParticipation.tenantId, set: values });
      await scope.tx.delete(exchangeOfficer).where(eq(exchangeOfficer.tenantId, tenantId));
      await scope.tx.insert(exchangeOfficer).values([...new Set(input.officerMembershipIds)].map((membershipId) => ({ tenantId, membershipId })));
      await scope.tx.delete(exchangeHousingPartner).where(eq(exchangeHousingPartner.tenantId, tenantId));
      if (input.housingPartnerOrganisationIds.length > 0) {
        await scope.tx.insert(exchangeHousingPartner).values([...new Set(input.housingPartnerOrganisationIds)].map((organisationId) => ({ tenantId, organisationId })));
      }
      for (const partner of await listPartners(scope.tx, node.installationId)) {
        await send(scope, envelope(node, 'participant.announced', tenantId, endpointOf(partner), { name: scope.actor.tenantName, municipalityCode: input.municipalityCode, officerCount: officerRows.length, participating: true }));
      }
      await scope.audit({ ...entry, details: { officers: officerRows.length, housingPartners: input.housingPartnerOrganisationIds.length, decidedOn: input.decidedOn } });
      return presentParticipation(scope.tx, tenantId);
    }),
  );

  routes.delete('/api/exchange/participation', { schema: { tags: TAGS, summary: 'Leave the exchange: every open request and offer is withdrawn (administrator)' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('participation_leave', 'exchange_participation');
      scope.authorize('manage', await participationResource(scope), entry);
      const tenantId = me(scope);
      const participation = await findParticipation(scope.tx, tenantId);
      if (!participation?.participating) throw notFound();
      const partners = await listPartners(scope.tx, node.installationId);
      for (const row of await listRequests(scope.tx, tenantId)) if (row.status !== 'aterkallad') await withdrawRequest(scope, row.id);
      const offers = await scope.tx.select({ id: exchangeOffer.id }).from(exchangeOffer).where(and(eq(exchangeOffer.tenantId, tenantId), isNull(exchangeOffer.withdrawnAt)));
      for (const offer of offers) await withdrawOffer(scope, offer.id);
      for (const partner of partners) {
        await send(scope, envelope(node, 'participant.announced', tenantId, endpointOf(partner), { name: scope.actor.tenantName, municipalityCode: participation.municipalityCode, officerCount: 0, participating: false }));
      }
      await scope.tx.update(exchangeParticipation).set({ participating: false, updatedAt: now() }).where(eq(exchangeParticipation.tenantId, tenantId));
      await scope.audit({ ...entry, details: { withdrawnOffers: offers.length } });
      return presentParticipation(scope.tx, tenantId);
    }),
  );

  routes.get('/api/exchange/partners', { schema: { tags: TAGS, summary: 'Participating municipalities' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('partners', 'exchange_participation'));
      await scope.audit(AUDIT('partners', 'exchange_participation'));
      return { partners: await listPartners(scope.tx, node.installationId) };
    }),
  );

  // ---- Requests (sending side) ----

  routes.get('/api/exchange/case-options', { schema: { tags: TAGS, summary: 'The open SSPF cases whose team the officer is on' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('case_options'));
      const cases = await exchangeCaseOptions(scope.tx, scope.actor);
      // The names are personal data: the read is logged with the cases and persons it showed.
      await scope.audit({ ...AUDIT('case_options'), details: { caseIds: cases.map((c) => c.id), personIds: cases.map((c) => c.personId) } });
      return { cases };
    }),
  );

  async function publishRequest(scope: RequestScope, id: string) {
    const row = (await findRequest(scope.tx, me(scope), id))!;
    const publishedAt = now();
    await scope.tx.update(exchangeRequest).set({ status: 'publicerad', publishedAt, updatedAt: publishedAt }).where(and(eq(exchangeRequest.tenantId, me(scope)), eq(exchangeRequest.id, id)));
    const body = {
      requestId: row.id,
      householdSize: row.householdSize,
      ageBands: row.ageBands,
      rooms: row.rooms,
      accessibility: row.accessibility,
      schoolNeeds: row.schoolNeeds,
      avoidCodes: row.avoidCodes,
      acceptableCodes: row.acceptableCodes,
      moveBy: row.moveBy,
      exitSupportInPlace: true,
      ownWishRecorded: true,
      publishedAt: publishedAt.toISOString(),
    } as const;
    const partners = await listPartners(scope.tx, node.installationId);
    for (const partner of partners) await send(scope, envelope(node, 'request.published', me(scope), endpointOf(partner), body as never));
    return partners.length;
  }

  async function requestDetail(scope: RequestScope, id: string) {
    const row = (await findRequest(scope.tx, me(scope), id))!;
    const offers = row.status === 'aterkallad' ? [] : (await liveIncomingOffers(scope.tx, me(scope))).filter((o) => matches(row, o)).map(presentIncomingOffer);
    const matchRows = await listMatches(scope.tx, me(scope), id);
    const wish = JSON.parse(crypto.decryptWish(row.tenantId, row.id, row.ownWishEncrypted)) as { recordedBy: string; recordedOn: string };
    return {
      ...presentRequest(row),
      origin: row.originKind === 'sspf' ? { kind: 'sspf' as const, caseId: row.caseId! } : { kind: 'avhopp' as const, reference: crypto.decryptOrigin(row.tenantId, row.id, row.originReferenceEncrypted!) },
      ownWish: wish,
      note: row.noteEncrypted ? crypto.decryptNote(row.tenantId, row.id, row.noteEncrypted) : null,
      createdBy: row.createdBy,
      matchingOffers: offers,
      matches: await Promise.all(matchRows.map((m) => presentMatch(scope.tx, scope.actor, crypto, m))),
    };
  }

  routes.get('/api/exchange/requests', { schema: { tags: TAGS, summary: 'Our requests' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('request_list'));
      await scope.audit(AUDIT('request_list'));
      return { requests: (await listRequests(scope.tx, me(scope))).map(presentRequest) };
    }),
  );

  routes.post('/api/exchange/requests', { schema: { tags: TAGS, summary: 'Make a request from an SSPF case or an exit case', body: requestInputSchema }, preHandler }, async (request, reply) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('request_create');
      await officerCollection(scope, 'create', entry);
      const input = request.body;
      const tenantId = me(scope);
      // Only from an open case whose team the officer is on; any other case is as unknown as a missing one.
      if (input.origin.kind === 'sspf' && !(await mayRequestFromCase(scope.tx, scope.actor, input.origin.caseId))) throw invalid({ 'origin.caseId': 'exchange_unknown_case' });
      const id = randomUUID();
      await scope.tx.insert(exchangeRequest).values({
        tenantId,
        id,
        status: 'utkast',
        originKind: input.origin.kind,
        caseId: input.origin.kind === 'sspf' ? input.origin.caseId : null,
        originReferenceEncrypted: input.origin.kind === 'avhopp' ? crypto.encryptOrigin(tenantId, id, input.origin.reference) : null,
        householdSize: input.householdSize,
        ageBands: input.ageBands,
        rooms: input.rooms,
        accessibility: [...new Set(input.accessibility)],
        schoolNeeds: [...new Set(input.schoolNeeds)],
        avoidCodes: [...new Set(input.avoidCodes)],
        acceptableCodes: [...new Set(input.acceptableCodes)],
        moveBy: input.moveBy,
        exitSupportInPlace: input.exitSupportInPlace,
        ownWishEncrypted: crypto.encryptWish(tenantId, id, JSON.stringify(input.ownWish)),
        noteEncrypted: input.note ? crypto.encryptNote(tenantId, id, input.note) : null,
        createdBy: scope.actor.userId,
        createdAt: now(),
        updatedAt: now(),
      });
      const partners = input.publish ? await publishRequest(scope, id) : 0;
      await scope.audit({ ...entry, resourceId: id, details: { published: input.publish, partners } });
      reply.code(201);
      return requestDetail(scope, id);
    }),
  );

  routes.get('/api/exchange/requests/:id', { schema: { tags: TAGS, summary: 'One of our requests, with matching offers and matches', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('request_read');
      await officerRecord(scope, request.params.id, entry, () => findRequest(scope.tx, me(scope), request.params.id));
      await scope.audit({ ...entry, resourceId: request.params.id });
      return requestDetail(scope, request.params.id);
    }),
  );

  routes.post('/api/exchange/requests/:id/publish', { schema: { tags: TAGS, summary: 'Publish a draft request (exit support must be in place)', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('request_publish');
      const row = await officerRecord(scope, request.params.id, entry, () => findRequest(scope.tx, me(scope), request.params.id));
      if (row.status !== 'utkast') throw new AppError(409, 'conflict', { status: 'not_a_draft' });
      if (!row.exitSupportInPlace) throw invalid({ exitSupportInPlace: 'exit_support_required' });
      const partners = await publishRequest(scope, row.id);
      await scope.audit({ ...entry, resourceId: row.id, details: { partners } });
      return requestDetail(scope, row.id);
    }),
  );

  async function withdrawRequest(scope: RequestScope, id: string) {
    const tenantId = me(scope);
    const at = now();
    await scope.tx.update(exchangeRequest).set({ status: 'aterkallad', withdrawnAt: at, updatedAt: at }).where(and(eq(exchangeRequest.tenantId, tenantId), eq(exchangeRequest.id, id)));
    const matchIds = (await listMatches(scope.tx, tenantId, id)).map((m) => m.id);
    if (matchIds.length > 0) {
      await scope.tx.update(exchangeMatch).set({ status: 'aterkallad', updatedAt: at }).where(and(eq(exchangeMatch.tenantId, tenantId), inArray(exchangeMatch.id, matchIds)));
      await scope.tx.delete(exchangeSealed).where(and(eq(exchangeSealed.tenantId, tenantId), inArray(exchangeSealed.matchId, matchIds)));
    }
    // Offers made for this request close with it on our side too (the offering side closes its own on the message).
    await scope.tx.update(exchangeIncomingOffer).set({ body: null, withdrawnAt: at }).where(and(eq(exchangeIncomingOffer.tenantId, tenantId), eq(exchangeIncomingOffer.requestId, id)));
    const recipients = await recipientsOf(scope.tx, tenantId, 'request.published', id);
    for (const to of recipients) await send(scope, envelope(node, 'request.withdrawn', tenantId, to, { requestId: id, withdrawnAt: at.toISOString() }));
    return recipients.length;
  }

  routes.post('/api/exchange/requests/:id/withdraw', { schema: { tags: TAGS, summary: 'Withdraw a request at any step: every trace on the other side closes', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('request_withdraw');
      const row = await officerRecord(scope, request.params.id, entry, () => findRequest(scope.tx, me(scope), request.params.id));
      if (row.status === 'aterkallad') throw new AppError(409, 'conflict', { status: 'already_withdrawn' });
      const partners = await withdrawRequest(scope, row.id);
      await scope.audit({ ...entry, resourceId: row.id, details: { partners } });
      return requestDetail(scope, row.id);
    }),
  );

  routes.post('/api/exchange/requests/:id/matches', { schema: { tags: TAGS, summary: 'Propose a matching offer (sending officer)', params: idParams, body: proposeInputSchema }, preHandler }, async (request, reply) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('match_propose', 'exchange_match');
      const row = await officerRecord(scope, request.params.id, entry, () => findRequest(scope.tx, me(scope), request.params.id));
      if (row.status !== 'publicerad') throw new AppError(409, 'conflict', { status: 'request_not_open' });
      const offer = (await liveIncomingOffers(scope.tx, me(scope))).find((o) => o.id === request.body.offerId);
      if (!offer || !matches(row, offer)) throw invalid({ offerId: 'exchange_unknown_offer' });
      const id = randomUUID();
      const tenantId = me(scope);
      const contact = await officerContact(scope.tx, scope.actor);
      await scope.tx.insert(exchangeMatch).values({
        tenantId,
        id,
        side: 'sender',
        status: 'foreslagen',
        requestId: row.id,
        offerId: offer.id,
        partnerInstallation: offer.fromInstallation,
        partnerTenant: offer.fromTenant,
        partnerName: offer.fromName,
        officerUserId: scope.actor.userId,
        ownContactEncrypted: crypto.encryptContact(tenantId, id, JSON.stringify(contact)),
        proposedAt: now(),
        updatedAt: now(),
      });
      await scope.tx.update(exchangeRequest).set({ status: 'matchad', updatedAt: now() }).where(and(eq(exchangeRequest.tenantId, tenantId), eq(exchangeRequest.id, row.id)));
      await send(scope, envelope(node, 'match.proposed', tenantId, { installation: offer.fromInstallation, tenant: offer.fromTenant }, { matchId: id, requestId: row.id, offerId: offer.id }));
      await scope.audit({ ...entry, resourceId: id, details: { requestId: row.id, offerId: offer.id } });
      reply.code(201);
      return presentMatch(scope.tx, scope.actor, crypto, (await findMatch(scope.tx, tenantId, id))!);
    }),
  );

  // ---- Incoming requests (receiving side) ----

  routes.get('/api/exchange/incoming-requests', { schema: { tags: TAGS, summary: 'Requests published to us' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('incoming_request_list'));
      await scope.audit(AUDIT('incoming_request_list'));
      return { requests: await listIncomingRequests(scope.tx, me(scope)) };
    }),
  );

  routes.get('/api/exchange/incoming-requests/:id', { schema: { tags: TAGS, summary: 'One request published to us', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('incoming_request_read');
      const found = await officerRecord(scope, request.params.id, entry, async () => (await listIncomingRequests(scope.tx, me(scope), request.params.id))[0] ?? null);
      await scope.audit({ ...entry, resourceId: found.id });
      return found;
    }),
  );

  routes.post(
    '/api/exchange/incoming-requests/:id/unsuitable',
    { schema: { tags: TAGS, summary: 'Mark offers of ours unsuitable for a request, privately (no reason is sent)', params: idParams, body: unsuitableInputSchema }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = AUDIT('unsuitable_mark');
        const tenantId = me(scope);
        const [mirror] = await officerRecord(scope, request.params.id, entry, async () => {
          const rows = await scope.tx.select().from(exchangeIncomingRequest).where(and(eq(exchangeIncomingRequest.tenantId, tenantId), eq(exchangeIncomingRequest.id, request.params.id), isNull(exchangeIncomingRequest.withdrawnAt)));
          return rows.length ? rows : null;
        });
        const ids = [...new Set(request.body.offerIds)];
        const own = await scope.tx.select({ id: exchangeOffer.id }).from(exchangeOffer).where(and(eq(exchangeOffer.tenantId, tenantId), inArray(exchangeOffer.id, ids)));
        if (own.length !== ids.length) throw invalid({ offerIds: 'exchange_unknown_offer' });
        for (const offerId of ids) {
          await scope.tx
            .insert(exchangeUnsuitable)
            .values({ tenantId, requestId: mirror!.id, offerId, reasonEncrypted: request.body.reason ? crypto.encryptReason(tenantId, `${mirror!.id}:${offerId}`, request.body.reason) : null, createdBy: scope.actor.userId })
            .onConflictDoNothing();
        }
        await send(scope, envelope(node, 'area.unsuitable', tenantId, { installation: mirror!.fromInstallation, tenant: mirror!.fromTenant }, { requestId: mirror!.id, offerIds: ids }));
        await scope.audit({ ...entry, resourceId: mirror!.id, details: { offers: ids.length } });
        return (await listIncomingRequests(scope.tx, tenantId, mirror!.id))[0];
      }),
  );

  // ---- Offers (receiving side) ----

  routes.get('/api/exchange/offers', { schema: { tags: TAGS, summary: 'Our offers' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('offer_list', 'exchange_offer'));
      await scope.audit(AUDIT('offer_list', 'exchange_offer'));
      return { offers: await listOffers(scope.tx, me(scope)) };
    }),
  );

  routes.post('/api/exchange/offers', { schema: { tags: TAGS, summary: 'Make an offer with a housing partner, for a request or into the pool', body: offerInputSchema }, preHandler }, async (request, reply) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('offer_create', 'exchange_offer');
      await officerCollection(scope, 'create', entry);
      const input = request.body;
      const tenantId = me(scope);
      const [partner] = await scope.tx
        .select({ id: exchangeHousingPartner.organisationId })
        .from(exchangeHousingPartner)
        .where(and(eq(exchangeHousingPartner.tenantId, tenantId), eq(exchangeHousingPartner.organisationId, input.housingPartnerOrganisationId)));
      if (!partner) throw invalid({ housingPartnerOrganisationId: 'exchange_not_housing_partner' });
      let recipients: ExchangeEndpoint[];
      if (input.requestId) {
        const [mirror] = await scope.tx
          .select()
          .from(exchangeIncomingRequest)
          .where(and(eq(exchangeIncomingRequest.tenantId, tenantId), eq(exchangeIncomingRequest.id, input.requestId), isNull(exchangeIncomingRequest.withdrawnAt)));
        if (!mirror) throw invalid({ requestId: 'exchange_unknown_request' });
        recipients = [{ installation: mirror.fromInstallation, tenant: mirror.fromTenant }];
      } else {
        recipients = (await listPartners(scope.tx, node.installationId)).map(endpointOf);
      }
      const id = randomUUID();
      const publishedAt = now();
      const fields = {
        rooms: input.rooms,
        sizeSqm: input.sizeSqm,
        municipalityCode: input.municipalityCode,
        district: input.district,
        availableFrom: input.availableFrom,
        accessibility: [...new Set(input.accessibility)],
        conditions: [...new Set(input.conditions)],
        conditionsText: input.conditionsText,
      };
      await scope.tx.insert(exchangeOffer).values({
        tenantId,
        id,
        status: 'publicerad',
        housingPartnerOrganisationId: input.housingPartnerOrganisationId,
        requestId: input.requestId,
        requestInstallation: input.requestId ? recipients[0]!.installation : null,
        requestTenant: input.requestId ? recipients[0]!.tenant : null,
        ...fields,
        createdBy: scope.actor.userId,
        publishedAt,
      });
      for (const to of recipients) await send(scope, envelope(node, 'offer.published', tenantId, to, { offerId: id, requestId: input.requestId, ...fields, publishedAt: publishedAt.toISOString() }));
      await scope.audit({ ...entry, resourceId: id, details: { requestId: input.requestId, partners: recipients.length } });
      reply.code(201);
      return (await listOffers(scope.tx, tenantId)).find((o) => o.id === id);
    }),
  );

  async function withdrawOffer(scope: RequestScope, id: string) {
    const tenantId = me(scope);
    const at = now();
    await scope.tx.update(exchangeOffer).set({ status: 'aterkallad', withdrawnAt: at }).where(and(eq(exchangeOffer.tenantId, tenantId), eq(exchangeOffer.id, id)));
    await scope.tx
      .update(exchangeMatch)
      .set({ status: 'aterkallad', updatedAt: at })
      .where(and(eq(exchangeMatch.tenantId, tenantId), eq(exchangeMatch.offerId, id), eq(exchangeMatch.side, 'receiver'), inArray(exchangeMatch.status, ['foreslagen', 'accepterad'])));
    for (const to of await recipientsOf(scope.tx, tenantId, 'offer.published', id)) await send(scope, envelope(node, 'offer.withdrawn', tenantId, to, { offerId: id, withdrawnAt: at.toISOString() }));
  }

  routes.post('/api/exchange/offers/:id/withdraw', { schema: { tags: TAGS, summary: 'Withdraw an offer', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const entry = AUDIT('offer_withdraw', 'exchange_offer');
      const row = await officerRecord(scope, request.params.id, entry, async () => {
        const [found] = await scope.tx.select().from(exchangeOffer).where(and(eq(exchangeOffer.tenantId, me(scope)), eq(exchangeOffer.id, request.params.id)));
        return found ?? null;
      });
      if (row.withdrawnAt) throw new AppError(409, 'conflict', { status: 'already_withdrawn' });
      await withdrawOffer(scope, row.id);
      await scope.audit({ ...entry, resourceId: row.id });
      return (await listOffers(scope.tx, me(scope))).find((o) => o.id === row.id);
    }),
  );

  routes.get('/api/exchange/incoming-offers', { schema: { tags: TAGS, summary: 'Offers published to us' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('incoming_offer_list', 'exchange_offer'));
      await scope.audit(AUDIT('incoming_offer_list', 'exchange_offer'));
      return { offers: (await liveIncomingOffers(scope.tx, me(scope))).map(presentIncomingOffer) };
    }),
  );

  // ---- Matches ----

  routes.get('/api/exchange/matches', { schema: { tags: TAGS, summary: 'Matches on either side' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('match_list', 'exchange_match'));
      await scope.audit(AUDIT('match_list', 'exchange_match'));
      const rows = await listMatches(scope.tx, me(scope));
      return { matches: await Promise.all(rows.map((m) => presentMatch(scope.tx, scope.actor, crypto, m))) };
    }),
  );

  const loadMatch = (scope: RequestScope, id: string, action: string) => officerRecord(scope, id, AUDIT(action, 'exchange_match'), () => findMatch(scope.tx, me(scope), id));
  const partnerOf = (row: MatchRow): ExchangeEndpoint => ({ installation: row.partnerInstallation, tenant: row.partnerTenant });
  const step = async (scope: RequestScope, row: MatchRow, action: string, details: Record<string, unknown> = {}) => {
    await scope.audit({ ...AUDIT(action, 'exchange_match'), resourceId: row.id, details: { requestId: row.requestId, offerId: row.offerId, ...details } });
    return presentMatch(scope.tx, scope.actor, crypto, (await findMatch(scope.tx, me(scope), row.id))!);
  };
  const expect = (row: MatchRow, side: 'sender' | 'receiver' | null, statuses: string[]) => {
    if ((side && row.side !== side) || !statuses.includes(row.status)) throw new AppError(409, 'conflict', { status: row.status });
  };
  const setMatch = (scope: RequestScope, row: MatchRow, values: Partial<typeof exchangeMatch.$inferInsert>) =>
    scope.tx.update(exchangeMatch).set({ ...values, updatedAt: now() }).where(and(eq(exchangeMatch.tenantId, row.tenantId), eq(exchangeMatch.id, row.id)));

  routes.get('/api/exchange/matches/:id', { schema: { tags: TAGS, summary: 'One match', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => step(scope, await loadMatch(scope, request.params.id, 'match_read'), 'match_read')),
  );

  routes.post('/api/exchange/matches/:id/accept', { schema: { tags: TAGS, summary: 'Accept a proposed match (receiving officer)', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'match_accept');
      expect(row, 'receiver', ['foreslagen']);
      const contact = await officerContact(scope.tx, scope.actor);
      await setMatch(scope, row, { status: 'accepterad', officerUserId: scope.actor.userId, ownContactEncrypted: crypto.encryptContact(row.tenantId, row.id, JSON.stringify(contact)) });
      await send(scope, envelope(node, 'match.accepted', me(scope), partnerOf(row), { matchId: row.id }));
      return step(scope, row, 'match_accept');
    }),
  );

  routes.post('/api/exchange/matches/:id/decline', { schema: { tags: TAGS, summary: 'Decline a proposed match (receiving officer)', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'match_decline');
      expect(row, 'receiver', ['foreslagen']);
      await setMatch(scope, row, { status: 'avbojd', officerUserId: scope.actor.userId });
      await send(scope, envelope(node, 'match.declined', me(scope), partnerOf(row), { matchId: row.id }));
      return step(scope, row, 'match_decline');
    }),
  );

  routes.post('/api/exchange/matches/:id/confirm', { schema: { tags: TAGS, summary: 'Confirm an accepted match (sending officer): contacts and a reference follow', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'match_confirm');
      expect(row, 'sender', ['accepterad']);
      const reference = newReference();
      // The named sending officer is the one who confirms.
      const contact = await officerContact(scope.tx, scope.actor);
      await setMatch(scope, row, { status: 'bekraftad', reference, officerUserId: scope.actor.userId, ownContactEncrypted: crypto.encryptContact(row.tenantId, row.id, JSON.stringify(contact)) });
      await scope.tx.update(exchangeRequest).set({ status: 'bekraftad', updatedAt: now() }).where(and(eq(exchangeRequest.tenantId, row.tenantId), eq(exchangeRequest.id, row.requestId)));
      await send(scope, envelope(node, 'match.confirmed', me(scope), partnerOf(row), { matchId: row.id, reference, contact }));
      return step(scope, row, 'match_confirm');
    }),
  );

  routes.post('/api/exchange/matches/:id/schedule', { schema: { tags: TAGS, summary: 'Set the moving date', params: idParams, body: scheduleInputSchema }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'move_schedule');
      expect(row, null, ['bekraftad', 'flytt_planerad']);
      await setMatch(scope, row, { status: 'flytt_planerad', moveOn: request.body.moveOn });
      await syncRequestStatus(scope.tx, row.tenantId, row.id, 'flytt_planerad');
      await send(scope, envelope(node, 'move.scheduled', me(scope), partnerOf(row), { matchId: row.id, moveOn: request.body.moveOn }));
      return step(scope, row, 'move_schedule', { moveOn: request.body.moveOn });
    }),
  );

  routes.post('/api/exchange/matches/:id/moved', { schema: { tags: TAGS, summary: 'Record the move as done', params: idParams, body: movedInputSchema }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'move_complete');
      expect(row, null, ['bekraftad', 'flytt_planerad']);
      await setMatch(scope, row, { status: 'flyttad', movedOn: request.body.movedOn, followUpDue: followUpDueOf(request.body.movedOn) });
      await syncRequestStatus(scope.tx, row.tenantId, row.id, 'flyttad');
      await send(scope, envelope(node, 'move.completed', me(scope), partnerOf(row), { matchId: row.id, movedOn: request.body.movedOn }));
      return step(scope, row, 'move_complete');
    }),
  );

  routes.post('/api/exchange/matches/:id/follow-up', { schema: { tags: TAGS, summary: 'Record the follow-up 3 months after the move (sending officer)', params: idParams, body: followUpInputSchema }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'followup_record');
      expect(row, 'sender', ['flyttad']);
      const today = now().toISOString().slice(0, 10);
      await setMatch(scope, row, { status: 'uppfoljd', followedUpOn: today, followUpOutcome: request.body.outcome });
      await syncRequestStatus(scope.tx, row.tenantId, row.id, 'uppfoljd');
      await send(scope, envelope(node, 'followup.recorded', me(scope), partnerOf(row), { matchId: row.id, outcome: request.body.outcome, followedUpOn: today }));
      return step(scope, row, 'followup_record', { outcome: request.body.outcome });
    }),
  );

  routes.post('/api/exchange/matches/:id/sealed', { schema: { tags: TAGS, summary: 'Send the one-time sealed message to the other named officer (never stored here)', params: idParams, body: sealedInputSchema }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'sealed_send');
      if (row.officerUserId !== scope.actor.userId) throw notFound();
      expect(row, null, CONFIRMED_STATUSES);
      if (row.sealedSentByUs) throw new AppError(409, 'conflict', { sealed: 'already_sent' });
      const sealedId = randomUUID();
      await setMatch(scope, row, { sealedSentByUs: true });
      await send(scope, envelope(node, 'sealed.sent', me(scope), partnerOf(row), { matchId: row.id, sealedId, text: request.body.text }));
      return step(scope, row, 'sealed_send', { sealedId });
    }),
  );

  routes.post('/api/exchange/matches/:id/sealed/open', { schema: { tags: TAGS, summary: 'Open the sealed message once: it is deleted on opening', params: idParams }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      const row = await loadMatch(scope, request.params.id, 'sealed_open');
      if (row.officerUserId !== scope.actor.userId) throw notFound();
      const [sealed] = await scope.tx
        .select()
        .from(exchangeSealed)
        .where(and(eq(exchangeSealed.tenantId, row.tenantId), eq(exchangeSealed.matchId, row.id), sql`${exchangeSealed.textEncrypted} is not null`))
        .for('update');
      if (!sealed) throw notFound();
      const text = crypto.decryptSealed(row.tenantId, sealed.id, sealed.textEncrypted!);
      const openedAt = now();
      await scope.tx.update(exchangeSealed).set({ textEncrypted: null, openedAt, openedBy: scope.actor.userId }).where(and(eq(exchangeSealed.tenantId, row.tenantId), eq(exchangeSealed.id, sealed.id)));
      await send(scope, envelope(node, 'sealed.opened', me(scope), partnerOf(row), { matchId: row.id, sealedId: sealed.id, openedAt: openedAt.toISOString() }));
      await scope.audit({ ...AUDIT('sealed_open', 'exchange_match'), resourceId: row.id, details: { sealedId: sealed.id } });
      return { text, openedAt: openedAt.toISOString() };
    }),
  );

  // ---- Reciprocity ----

  routes.get('/api/exchange/reciprocity', { schema: { tags: TAGS, summary: 'Offers given and received and moves completed per municipality, last 12 months, small cells suppressed' }, preHandler }, async (request) =>
    withActor(database, request, async (scope) => {
      await officerCollection(scope, 'list', AUDIT('reciprocity', 'exchange_participation'));
      await scope.audit(AUDIT('reciprocity', 'exchange_participation'));
      return reciprocity(scope);
    }),
  );

  async function reciprocity(scope: RequestScope): Promise<Reciprocity> {
    const tenantId = me(scope);
    const to = now();
    const from = new Date(to);
    from.setUTCMonth(from.getUTCMonth() - RECIPROCITY_MONTHS);
    const k = await suppressionK(scope.tx, tenantId);
    const log = exchangeMessageLog;
    const rows = await scope.tx
      .select({
        installation: log.partnerInstallation,
        tenant: log.partnerTenant,
        given: sql<number>`count(distinct ${log.subjectId}) filter (where ${log.direction} = 'out' and ${log.type} = 'offer.published')`.mapWith(Number),
        received: sql<number>`count(distinct ${log.subjectId}) filter (where ${log.direction} = 'out' and ${log.type} = 'match.confirmed')`.mapWith(Number),
        moves: sql<number>`count(distinct ${log.subjectId}) filter (where ${log.type} = 'move.completed')`.mapWith(Number),
      })
      .from(log)
      .where(and(eq(log.tenantId, tenantId), gte(log.at, from)))
      .groupBy(log.partnerInstallation, log.partnerTenant);
    const partners = await listPartners(scope.tx, node.installationId);
    const out: ReciprocityRow[] = [];
    for (const partner of partners) {
      const r = rows.find((x) => x.installation === partner.installation && x.tenant === partner.tenantId);
      out.push({
        municipalityCode: partner.municipalityCode,
        name: partner.name,
        offersGiven: suppressCount(r?.given ?? 0, k),
        offersReceived: suppressCount(r?.received ?? 0, k),
        movesCompleted: suppressCount(r?.moves ?? 0, k),
      });
    }
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), k, rows: out };
  }
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(): string {
  let s = 'BX-';
  for (let i = 0; i < 6; i++) s += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return s;
}

