import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  concernSettingsResponseSchema,
  concernSettingsSchema,
  routingKindParamsSchema,
  routingRuleInputSchema,
  routingRulesSchema,
} from '../../../shared/concerns-admin';
import { channelResource } from './concern-record';
import { readRoutingRules, saveRoutingRule } from './routing';
import { readConcernSettings, writeConcernSettings } from './tenant-directory';

const tags = ['concerns (administration)'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The administrator's page of the channel: routing rules and the tenant's public facts. */
export function registerConcernAdminRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;

  routes.get(
    '/api/concern-routing',
    { schema: { tags, summary: 'Where each kind of report goes now', response: { 200: routingRulesSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const channel = channelResource(scope.actor.tenantId);
        scope.authorize('configureRouting', channel, { action: 'concern_routing.read', resourceType: 'concern_routing' });
        return { rules: await readRoutingRules(scope.tx, scope.actor.tenantId), abilities: abilitiesOf(scope.actor, channel) };
      }),
  );

  routes.put(
    '/api/concern-routing/:kind',
    {
      schema: { tags, summary: 'Set where reports of one kind go', params: routingKindParamsSchema, body: routingRuleInputSchema, response: { 200: routingRulesSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const channel = channelResource(scope.actor.tenantId);
        const entry = { action: 'concern_routing.update', resourceType: 'concern_routing', resourceId: request.params.kind };
        scope.authorize('configureRouting', channel, entry);
        await saveRoutingRule(scope.tx, scope.actor.tenantId, request.params.kind, request.body, scope.actor.userId);
        await scope.audit({ ...entry, details: { organisationId: request.body.organisationId, notifyCoordinator: request.body.notifyCoordinator } });
        return { rules: await readRoutingRules(scope.tx, scope.actor.tenantId), abilities: abilitiesOf(scope.actor, channel) };
      }),
  );

  routes.get(
    '/api/concern-settings',
    { schema: { tags, summary: 'Social services’ number and the contact for associations (shown publicly)', response: { 200: concernSettingsResponseSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const channel = channelResource(scope.actor.tenantId);
        scope.authorize('configureRouting', channel, { action: 'concern_settings.read', resourceType: 'concern_settings' });
        return { ...(await readConcernSettings(scope.tx, scope.actor.tenantId)), abilities: abilitiesOf(scope.actor, channel) };
      }),
  );

  routes.put(
    '/api/concern-settings',
    { schema: { tags, summary: 'Set social services’ number and the contact for associations', body: concernSettingsSchema, response: { 200: concernSettingsResponseSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const channel = channelResource(scope.actor.tenantId);
        const entry = { action: 'concern_settings.update', resourceType: 'concern_settings' };
        scope.authorize('configureRouting', channel, entry);
        await writeConcernSettings(scope.tx, scope.actor.tenantId, request.body);
        await scope.audit({ ...entry, details: { socialServicesPhone: request.body.socialServicesPhone !== null, contact: request.body.contact !== null } });
        return { ...(await readConcernSettings(scope.tx, scope.actor.tenantId)), abilities: abilitiesOf(scope.actor, channel) };
      }),
  );
}
