import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { languageFromHeader } from '../../http/messages';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import { collaborationQuerySchema, collaborationReportSchema, type CollaborationQuery, type CollaborationReport } from '../../../shared/collaboration';
import { seesAllOrganisations, type CollaborationTimeResource } from './policy';
import { collaborationTime } from './collaboration-time';
import { collaborationCsv } from './csv';

const tags = ['collaboration time'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Time for collaboration (issue 13 §7): hours of presence and SSPF meetings per organisation and month, as JSON and as CSV. */
export function registerCollaborationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  /** The coordinator and the analyst get every organisation; everyone else only their own. */
  async function report(scope: RequestScope, query: CollaborationQuery, action: 'read' | 'export'): Promise<CollaborationReport> {
    const all = seesAllOrganisations(scope.actor);
    const resource: CollaborationTimeResource = { kind: 'collaboration_time', tenantId: scope.actor.tenantId, id: null, organisationId: all ? null : scope.actor.organisationId };
    const auditAction = action === 'read' ? 'collaboration_time.read' : 'collaboration_time.export';
    scope.authorize(action, resource, { action: auditAction, resourceType: 'collaboration_time' });
    // Meeting counts leave the coordinator's own screen suppressed: to the analyst, to staff, in every export.
    const suppressMeetings = action === 'export' || scope.actor.role !== 'koordinator';
    const figures = await collaborationTime(scope.tx, scope.actor, query, { organisationId: resource.organisationId, suppressMeetings });
    await scope.audit({ action: auditAction, resourceType: 'collaboration_time', details: { from: query.from, to: query.to, coverage: figures.coverage } });
    return { ...figures, abilities: abilitiesOf(scope.actor, resource) };
  }

  routes.get(
    '/api/collaboration-time',
    { schema: { tags, summary: 'Hours of presence (planned, reported) and SSPF meetings per organisation and month', querystring: collaborationQuerySchema, response: { 200: collaborationReportSchema, ...errors } }, preHandler },
    async (request) => withActor(database, request, (scope) => report(scope, request.query, 'read')),
  );

  routes.get(
    '/api/collaboration-time/export.csv',
    { schema: { tags, summary: 'The same figures as Swedish CSV (UTF-8 with BOM, semicolons, decimal comma); meeting counts suppressed below k', querystring: collaborationQuerySchema }, preHandler },
    async (request, reply) => {
      const figures = await withActor(database, request, (scope) => report(scope, request.query, 'export'));
      const csv = collaborationCsv(figures, languageFromHeader(request.headers['accept-language']));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tid-for-samverkan-${request.query.from}-${request.query.to}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
