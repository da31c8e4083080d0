import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { retentionSettingsSchema, retentionSettingsViewSchema } from '../../../shared/retention';
import { retentionSettingsResource } from './policy';
import { loadRetentionSettings, retentionSettingsView, saveRetentionSettings } from './retention-settings';

const tags = ['retention'];

/** The retention periods of the tenant. Running retention is the nightly job's and the CLI's, not an endpoint's. */
export function registerRetentionRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;

  routes.get(
    '/api/retention-settings',
    { schema: { tags, summary: 'Retention periods per record type, and the latest runs', response: { 200: retentionSettingsViewSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'retention.settings.read', resourceType: 'retention_settings' };
        scope.authorize('read', retentionSettingsResource(scope.actor.tenantId), entry);
        return retentionSettingsView(scope.tx, scope.actor.tenantId);
      }),
  );

  routes.put(
    '/api/retention-settings',
    {
      schema: { tags, summary: 'Change the retention periods (years, 1–50)', body: retentionSettingsSchema, response: { 200: retentionSettingsViewSchema } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'retention.settings.update', resourceType: 'retention_settings' };
        scope.authorize('update', retentionSettingsResource(actor.tenantId), entry);
        const before = await loadRetentionSettings(tx, actor.tenantId);
        await saveRetentionSettings(tx, actor.tenantId, request.body);
        await scope.audit({ ...entry, details: { before, after: request.body } });
        return retentionSettingsView(tx, actor.tenantId);
      }),
  );
}
