import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { signInLogQuerySchema, signInLogResultSchema } from '../../../shared/security-log';
import { decodeCursor } from './cursor';
import { assertRange } from './search-events';
import { searchSignIns } from './search-sign-ins';
import type { AuditLogResource } from './policy';

/**
 * Loggkontroll's "Inloggningar": the sign-in events (security log, issue 12 §5) of the tenant's users,
 * beside the access log. The log reviewer sees the kind, time, user, the address signed in from and
 * the outcome: the user's own sign-in, which is what a reviewer must be able to question. The look is
 * itself audited, in the tenant's access log.
 */
export function registerSignInLogRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);

  routes.get(
    '/api/audit-log/sign-ins',
    {
      schema: { tags: ['audit-log'], summary: "Sign-in events of the tenant's users, newest first", querystring: signInLogQuerySchema, response: { 200: signInLogResultSchema } },
      preHandler,
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      assertRange(filters);
      const position = cursor ? decodeCursor(cursor) : null;
      return withActor(context.database, request, async (scope) => {
        const log: AuditLogResource = { kind: 'audit_log', tenantId: scope.actor.tenantId };
        const entry = { action: 'audit_log.sign_ins', resourceType: 'audit_log' };
        scope.authorize('signIns', log, entry);
        const page = await searchSignIns(scope.tx, scope.actor.tenantId, filters, { cursor: position, limit });
        await scope.audit({ ...entry, details: { filters: { ...filters }, page: cursor ? 'next' : 'first', count: page.events.length } });
        return page;
      });
    },
  );
}
