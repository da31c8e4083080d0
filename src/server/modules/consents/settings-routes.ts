import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { consentSettingsSchema } from '../../../shared/consents';
import { consentSettingsResource } from './policy';
import { youngPersonConsentAge } from './consent-state';
import { saveConsentAge } from './consent-settings';

/** The tenant's consent age: from which age the young person's own consent is required. */
export function registerConsentSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const entry = (action: string) => ({ action, resourceType: 'consent_settings' });

  routes.get(
    '/api/consent-settings',
    { schema: { tags: ['consents'], summary: "The tenant's consent settings", response: { 200: consentSettingsSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('configure', consentSettingsResource(scope.actor.tenantId), entry('consent_settings.read'));
        return { youngPersonConsentAge: await youngPersonConsentAge(scope.tx, scope.actor.tenantId) };
      }),
  );

  routes.put(
    '/api/consent-settings',
    { schema: { tags: ['consents'], summary: "Change the tenant's consent settings", body: consentSettingsSchema, response: { 200: consentSettingsSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('configure', consentSettingsResource(scope.actor.tenantId), entry('consent_settings.update'));
        const before = await youngPersonConsentAge(scope.tx, scope.actor.tenantId);
        await saveConsentAge(scope.tx, scope.actor.tenantId, request.body.youngPersonConsentAge);
        await scope.audit({ ...entry('consent_settings.update'), details: { youngPersonConsentAge: { from: before, to: request.body.youngPersonConsentAge } } });
        return { youngPersonConsentAge: request.body.youngPersonConsentAge };
      }),
  );
}
