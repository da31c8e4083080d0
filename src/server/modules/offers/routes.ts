import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { inContext } from '../../db/context';
import { now } from '../../clock';
import { offer, organisation } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import {
  OFFER_COORDINATOR_ROLES,
  PUBLIC_OFFER_PAGE_SIZE,
  hasRoom,
  matchesAge,
  periodEnded,
  offerIdParamsSchema,
  offerInputSchema,
  offerListQuerySchema,
  offerListSchema,
  offerSchema,
  publicOfferListSchema,
  publicOfferParamsSchema,
  publicOfferQuerySchema,
} from '../../../shared/offers';
import { todayInSweden } from '../consents/consent-state';
import { createTenantDirectory } from '../concerns/tenant-directory';
import { offerResource } from './policy';
import { checkReferences, findOffer, offerValues, presentOffer, presentPublicOffer, selectOffers, writePlaces, type OfferRow } from './queries';

const TAGS = ['offers'];
const PUBLIC_TAGS = ['offers (public)'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const AUDIT = (action: string) => ({ action, resourceType: 'offer' });
/** The public list is cheap but unauthenticated: a tighter per-address limit than the global one. */
export const PUBLIC_OFFERS_PER_MINUTE = 60;

/**
 * Offers (insatskatalog), issue 15 §3: every member reads the catalogue; the provider organisation's
 * staff and the coordinators write it. The public page lists the offers marked public, public fields only.
 */
export function registerOfferRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);
  const tenants = createTenantDirectory(database);

  /** Load an offer for `verb`; an unknown id and a denied one look the same (404, the denial audited). */
  async function load(scope: RequestScope, id: string, verb: string, auditAction: string): Promise<OfferRow> {
    scope.authorize('read', offerResource(scope.actor.tenantId, null), AUDIT(auditAction));
    const row = await findOffer(scope.tx, scope.actor.tenantId, id);
    if (!row) throw notFound();
    scope.authorize(verb, offerResource(row.tenantId, row), { ...AUDIT(auditAction), resourceId: row.id });
    return row;
  }

  /** Organisations the actor may name as provider: every active one for a coordinator, else their own. */
  async function providersOf(scope: RequestScope) {
    if (!abilitiesOf(scope.actor, offerResource(scope.actor.tenantId, null)).create) return [];
    const coordinator = (OFFER_COORDINATOR_ROLES as readonly string[]).includes(scope.actor.role);
    const where: SQL[] = [eq(organisation.tenantId, scope.actor.tenantId), eq(organisation.active, true)];
    if (!coordinator) where.push(eq(organisation.id, scope.actor.organisationId));
    return scope.tx.select({ id: organisation.id, name: organisation.name }).from(organisation).where(and(...where)).orderBy(asc(organisation.name));
  }

  routes.get(
    '/api/offers',
    { schema: { tags: TAGS, summary: 'The tenant’s offers (filter by kind, provider, room)', querystring: offerListQuerySchema, response: { 200: offerListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = offerResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, AUDIT('offer.list'));
        const where: SQL[] = [];
        if (request.query.kind) where.push(eq(offer.kind, request.query.kind));
        if (request.query.provider) where.push(eq(offer.providerOrganisationId, request.query.provider));
        let rows = await selectOffers(scope.tx, scope.actor.tenantId, where);
        if (request.query.room) rows = rows.filter((row) => hasRoom(row) === (request.query.room === 'true'));
        await scope.audit({ ...AUDIT('offer.list'), details: { count: rows.length } });
        const today = todayInSweden();
        return { offers: rows.map((row) => presentOffer(scope.actor, row, today)), abilities: abilitiesOf(scope.actor, collection), providers: await providersOf(scope) };
      }),
  );

  routes.post(
    '/api/offers',
    { schema: { tags: TAGS, summary: 'Add an offer (the provider’s staff or a coordinator)', body: offerInputSchema, response: { 201: offerSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const input = request.body;
        scope.authorize('create', offerResource(scope.actor.tenantId, { id: null, providerOrganisationId: input.providerOrganisationId }), AUDIT('offer.create'));
        const fields = await checkReferences(scope.tx, scope.actor.tenantId, input);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        const [inserted] = await scope.tx
          .insert(offer)
          .values({ tenantId: scope.actor.tenantId, ...offerValues(input), createdBy: scope.actor.userId, createdAt: now(), updatedAt: now() })
          .returning({ id: offer.id });
        await writePlaces(scope.tx, scope.actor.tenantId, inserted!.id, input.placeIds);
        await scope.audit({ ...AUDIT('offer.create'), resourceId: inserted!.id, details: { kind: input.kind, public: input.public } });
        reply.status(201);
        return presentOffer(scope.actor, (await findOffer(scope.tx, scope.actor.tenantId, inserted!.id))!, todayInSweden());
      }),
  );

  routes.get(
    '/api/offers/:offerId',
    { schema: { tags: TAGS, summary: 'One offer', params: offerIdParamsSchema, response: { 200: offerSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.offerId, 'read', 'offer.read');
        await scope.audit({ ...AUDIT('offer.read'), resourceId: row.id });
        return presentOffer(scope.actor, row, todayInSweden());
      }),
  );

  routes.put(
    '/api/offers/:offerId',
    { schema: { tags: TAGS, summary: 'Change an offer (moving it to another provider needs the right to write for both)', params: offerIdParamsSchema, body: offerInputSchema, response: { 200: offerSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.offerId, 'update', 'offer.update');
        const input = request.body;
        if (input.providerOrganisationId !== row.providerOrganisationId)
          scope.authorize('update', offerResource(row.tenantId, { id: row.id, providerOrganisationId: input.providerOrganisationId }), { ...AUDIT('offer.update'), resourceId: row.id });
        const fields = await checkReferences(scope.tx, scope.actor.tenantId, input);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        await scope.tx
          .update(offer)
          .set({ ...offerValues(input), updatedAt: now() })
          .where(and(eq(offer.tenantId, row.tenantId), eq(offer.id, row.id)));
        await writePlaces(scope.tx, row.tenantId, row.id, input.placeIds);
        await scope.audit({ ...AUDIT('offer.update'), resourceId: row.id, details: { public: input.public } });
        return presentOffer(scope.actor, (await findOffer(scope.tx, row.tenantId, row.id))!, todayInSweden());
      }),
  );

  routes.delete(
    '/api/offers/:offerId',
    { schema: { tags: TAGS, summary: 'Archive an offer (kept for the referrals that point at it; gone from every list)', params: offerIdParamsSchema, response: { 204: z.null(), ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.offerId, 'archive', 'offer.archive');
        await scope.tx
          .update(offer)
          .set({ archivedAt: now(), public: false, updatedAt: now() })
          .where(and(eq(offer.tenantId, row.tenantId), eq(offer.id, row.id)));
        await scope.audit({ ...AUDIT('offer.archive'), resourceId: row.id });
        reply.status(204);
        return null;
      }),
  );

  // ---- public: "Vad finns att göra?" ----

  routes.get(
    '/api/public/tenants/:slug/offers',
    {
      config: { rateLimit: { max: PUBLIC_OFFERS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: PUBLIC_TAGS,
        summary: 'The tenant’s public offers, public fields only, filtered by area, age and weekday, 20 a page',
        params: publicOfferParamsSchema,
        querystring: publicOfferQuerySchema,
        response: { 200: publicOfferListSchema, 400: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.bySlug(request.params.slug);
      if (!tenant) throw notFound();
      const { area, age, weekday, page } = request.query;
      const rows = await inContext(database.db, { tenantId: tenant.id, userId: null }, (tx) => selectOffers(tx, tenant.id, [eq(offer.public, true)]));
      // An offer whose period has passed is no use to a reader: it leaves the public page (staff still see it).
      const today = todayInSweden();
      const current = rows.filter((row) => !periodEnded(row, today));
      const areas = new Map<string, string>();
      for (const row of current) for (const p of row.places) if (p.areaId && p.areaName) areas.set(p.areaId, p.areaName);
      const matching = current.filter(
        (row) =>
          (area === undefined || row.places.some((p) => p.areaId === area)) &&
          (age === undefined || matchesAge(row, age)) &&
          (weekday === undefined || row.times.some((time) => time.weekday === weekday)),
      );
      const start = (page - 1) * PUBLIC_OFFER_PAGE_SIZE;
      void reply.header('cache-control', 'public, max-age=60');
      return {
        tenant: { slug: tenant.slug, name: tenant.name },
        offers: matching.slice(start, start + PUBLIC_OFFER_PAGE_SIZE).map(presentPublicOffer),
        page,
        pageSize: PUBLIC_OFFER_PAGE_SIZE,
        total: matching.length,
        areas: [...areas].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      };
    },
  );
}
