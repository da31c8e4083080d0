import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError, conflict, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  installationKeySchema,
  partnerIdParamsSchema,
  partnerInputSchema,
  partnerListSchema,
  partnerSchema,
  type PartnerInput,
} from '../../../shared/exchange-federation';
import { installationIdOf, resolveInstallationIdentity, type InstallationIdentity } from './installation';
import { deletePartner, listPartners, partnerExists, savePartner } from './partners';
import type { ExchangePartnerResource } from './policy';
import { FEDERATION_PATH, kickFederationOutbox } from './outbox';
import { receiveMessage } from './receive';
import { JWS_CONTENT_TYPE } from './signing';
import { applyVerifiedMessage, isPermanentRefusal } from './bindings';
import { exchangeNodeOf } from '../housing-exchange/transport';

const TAGS = ['exchange-federation'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const receiptSchema = z.object({ status: z.enum(['applied', 'duplicate']), messageId: z.uuid() });

const partnerResource = (tenantId: string, id: string | null): ExchangePartnerResource => ({ kind: 'exchange_partner', tenantId, id });

/**
 * The housing exchange between installations (issue 16 §5; docs/HOUSING-EXCHANGE.md, "Protocol"):
 * this installation's public key, the administrator's pinned partner installations, and the endpoint
 * partners deliver signed messages to.
 */
export function registerExchangeFederationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = context;
  const preHandler = requireSession(context.auth);
  const installationId = installationIdOf(config);
  const exchangeNode = exchangeNodeOf(config, context.cipher);
  // Found once: startServer generated the embedded key before building the app; buildApp never writes one.
  let identity: Promise<InstallationIdentity | null> | null = null;
  const ownIdentity = () => (identity ??= resolveInstallationIdentity(config, { generate: false, warn: () => {} }));

  // A message queued by a request goes out as soon as its transaction has committed.
  app.addHook('onResponse', async () => kickFederationOutbox());

  routes.get(
    '/api/exchange/federation/key',
    { schema: { tags: TAGS, summary: "This installation's id and public key (JWK), for a partner's administrator to pin", response: { 200: installationKeySchema, 404: errorBodySchema } } },
    async () => {
      const own = await ownIdentity();
      if (!own) throw notFound();
      return { installationId: own.installationId, jwk: { kty: String(own.publicJwk.kty), crv: String(own.publicJwk.crv), x: String(own.publicJwk.x), alg: 'EdDSA', use: 'sig' }, thumbprint: own.thumbprint, endpointUrl: config.publicUrl };
    },
  );

  routes.get(
    '/api/exchange/federation/partners',
    { schema: { tags: TAGS, summary: "The tenant's pinned partner installations (administrator)", response: { 200: partnerListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = partnerResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, { action: 'exchange_partner.list', resourceType: 'exchange_partner' });
        const partners = await listPartners(scope.tx, scope.actor.tenantId);
        await scope.audit({ action: 'exchange_partner.list', resourceType: 'exchange_partner', details: { count: partners.length } });
        const own = await ownIdentity();
        return { partners, self: own ? { installationId: own.installationId, thumbprint: own.thumbprint } : null, abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.post(
    '/api/exchange/federation/partners',
    { schema: { tags: TAGS, summary: 'Pin a partner installation: id, name, endpoint, public key and its tenants (administrator)', body: partnerInputSchema, response: { 201: partnerSchema, ...errors } }, preHandler },
    async (request, reply) => {
      const saved = await withActor(database, request, async (scope) => {
        scope.authorize('create', partnerResource(scope.actor.tenantId, null), { action: 'exchange_partner.pin', resourceType: 'exchange_partner' });
        refuseOwnInstallation(request.body, installationId);
        const id = await savePartner(scope.tx, scope.actor.tenantId, scope.actor.userId, request.body, null);
        if (!id) throw conflict({ installationId: 'already_pinned' });
        const partner = (await listPartners(scope.tx, scope.actor.tenantId)).find((p) => p.id === id)!;
        await scope.audit({ action: 'exchange_partner.pin', resourceType: 'exchange_partner', resourceId: id, details: pinDetails(partner) });
        return partner;
      });
      return reply.status(201).send(saved);
    },
  );

  routes.put(
    '/api/exchange/federation/partners/:id',
    {
      schema: { tags: TAGS, summary: 'Change a pinned partner: endpoint, key (rotation) or tenants (administrator)', params: partnerIdParamsSchema, body: partnerInputSchema, response: { 200: partnerSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const resource = partnerResource(scope.actor.tenantId, request.params.id);
        scope.authorize('update', resource, { action: 'exchange_partner.update', resourceType: 'exchange_partner', resourceId: request.params.id });
        if (!(await partnerExists(scope.tx, scope.actor.tenantId, request.params.id))) throw notFound();
        refuseOwnInstallation(request.body, installationId);
        const id = await savePartner(scope.tx, scope.actor.tenantId, scope.actor.userId, request.body, request.params.id);
        if (!id) throw conflict({ installationId: 'already_pinned' });
        const partner = (await listPartners(scope.tx, scope.actor.tenantId)).find((p) => p.id === id)!;
        await scope.audit({ action: 'exchange_partner.update', resourceType: 'exchange_partner', resourceId: id, details: pinDetails(partner) });
        return partner;
      }),
  );

  routes.delete(
    '/api/exchange/federation/partners/:id',
    { schema: { tags: TAGS, summary: 'Unpin a partner installation: its key is no longer trusted, its waiting messages are given up', params: partnerIdParamsSchema, response: { 204: z.null(), ...errors } }, preHandler },
    async (request, reply) => {
      await withActor(database, request, async (scope) => {
        scope.authorize('delete', partnerResource(scope.actor.tenantId, request.params.id), { action: 'exchange_partner.unpin', resourceType: 'exchange_partner', resourceId: request.params.id });
        const found = await partnerExists(scope.tx, scope.actor.tenantId, request.params.id);
        if (!found) throw notFound();
        const dropped = await deletePartner(scope.tx, scope.actor.tenantId, request.params.id, found.installationId);
        await scope.audit({ action: 'exchange_partner.unpin', resourceType: 'exchange_partner', resourceId: request.params.id, details: { installationId: found.installationId, droppedMessages: dropped } });
      });
      return reply.status(204).send(null);
    },
  );

  // The receiving endpoint: no session (a partner installation is no user), a body of its own type and size.
  void app.register(async (scope) => {
    scope.addContentTypeParser(JWS_CONTENT_TYPE, { parseAs: 'string', bodyLimit: config.SAMVERKA_EXCHANGE_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      FEDERATION_PATH,
      {
        schema: {
          tags: TAGS,
          summary: 'A signed message from a partner installation (application/jose, compact JWS, EdDSA)',
          response: { 200: receiptSchema, 400: errorBodySchema, 403: errorBodySchema, 415: errorBodySchema, 422: errorBodySchema },
        },
        bodyLimit: config.SAMVERKA_EXCHANGE_BODY_LIMIT_BYTES,
        config: { rateLimit: { max: config.SAMVERKA_EXCHANGE_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      },
      async (request) => {
        if (typeof request.body !== 'string') throw new AppError(415, 'validation_failed', { body: 'application_jose_required' });
        const outcome = await receiveMessage(request.body, {
          database,
          installationId,
          apply: applyVerifiedMessage(exchangeNode),
          isRefusal: isPermanentRefusal,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        if (outcome.status === 'refused') {
          // The reason, for the partner's operator; no more than the sender already knows.
          throw outcome.httpStatus === 403 ? new AppError(403, 'forbidden', { message: outcome.reason }) : new AppError(outcome.httpStatus, 'validation_failed', { message: outcome.reason });
        }
        return outcome;
      },
    );
  });
}

function refuseOwnInstallation(input: PartnerInput, own: string): void {
  if (input.installationId === own) throw invalid({ installationId: 'own_installation' });
}

/** What the audit keeps of a pin: whom and which key, never a person. */
function pinDetails(partner: { installationId: string; endpointUrl: string; keyThumbprint: string; tenants: { tenantId: string }[] }) {
  return { installationId: partner.installationId, endpointUrl: partner.endpointUrl, keyThumbprint: partner.keyThumbprint, tenants: partner.tenants.map((t) => t.tenantId) };
}
