import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { now } from '../../clock';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { retentionSettingsUpdateSchema, retentionSettingsViewSchema } from '../../../shared/retention';
import { retentionSettingsResource } from './policy';
import { confirmRetentionSettings, loadRetentionState, retentionSettingsView, saveRetentionSettings } from './retention-settings';

const tags = ['retention'];

/** The retention periods of the tenant. Running retention is the nightly job's and the CLI's, not an endpoint's. */
export function registerRetentionRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;

  routes.get(
    '/api/retention-settings',
    { schema: { tags, summary: 'Retention periods per record type, whether they are confirmed, and the latest runs', response: { 200: retentionSettingsViewSchema } }, preHandler },
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
      schema: {
        tags,
        summary: 'Change the retention periods (years, 1–50; the audit log 2–50). A change withdraws the confirmation',
        body: retentionSettingsUpdateSchema,
        response: { 200: retentionSettingsViewSchema },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'retention.settings.update', resourceType: 'retention_settings' };
        scope.authorize('update', retentionSettingsResource(actor.tenantId), entry);
        const before = await loadRetentionState(tx, actor.tenantId);
        const { audit, ...years } = request.body;
        const unconfirmed = await saveRetentionSettings(tx, actor.tenantId, years, audit);
        const after = await loadRetentionState(tx, actor.tenantId);
        await scope.audit({
          ...entry,
          details: { before: { ...before.years, audit: before.auditYears }, after: { ...after.years, audit: after.auditYears }, confirmationWithdrawn: unconfirmed },
        });
        return retentionSettingsView(tx, actor.tenantId);
      }),
  );

  routes.post(
    '/api/retention-settings/confirmation',
    {
      schema: {
        tags,
        summary: 'Confirm the retention periods in force: until then the nightly job only counts what it would delete',
        response: { 200: retentionSettingsViewSchema },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'retention.settings.confirm', resourceType: 'retention_settings' };
        scope.authorize('update', retentionSettingsResource(actor.tenantId), entry);
        const state = await loadRetentionState(tx, actor.tenantId);
        await confirmRetentionSettings(tx, actor.tenantId, actor.userId, now());
        // The periods confirmed are in the hash-chained event: who confirmed what, and when.
        await scope.audit({ ...entry, details: { years: state.years, audit: state.auditYears } });
        return retentionSettingsView(tx, actor.tenantId);
      }),
  );
}
