import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { languageFromHeader } from '../../http/messages';
import { verifyTenantChain } from '../../audit/verify';
import {
  auditExportQuerySchema,
  auditPersonHistoryQuerySchema,
  auditPersonHistorySchema,
  auditPersonParamsSchema,
  auditSearchQuerySchema,
  auditSearchResultSchema,
  auditVerificationSchema,
  type AuditFilters,
} from '../../../shared/audit';
import { findPerson } from '../persons/person-record';
import { decodeCursor } from './cursor';
import { collectForExport, eventsToCsv } from './export-csv';
import { assertRange, searchEvents } from './search-events';
import type { AuditLogResource } from './policy';
import { registerLogReviewRoutes } from './review-routes';
import { registerSignInLogRoutes } from './sign-in-routes';

const tags = ['audit-log'];

/**
 * Loggkontroll: the access-log reviewer searches, exports and verifies the tenant's audit log, and
 * answers "who has read about this child?". Every review is itself audited.
 */
export function registerAuditLogRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const logOf = (tenantId: string): AuditLogResource => ({ kind: 'audit_log', tenantId });

  routes.get(
    '/api/audit-log/events',
    { schema: { tags, summary: 'Search audit events, newest first', querystring: auditSearchQuerySchema, response: { 200: auditSearchResultSchema } }, preHandler },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      assertRange(filters);
      const position = cursor ? decodeCursor(cursor) : null;
      return withActor(database, request, async (scope) => {
        const entry = { action: 'audit_log.search', resourceType: 'audit_log', personId: filters.personId ?? null };
        scope.authorize('search', logOf(scope.actor.tenantId), entry);
        const page = await searchEvents(scope.tx, scope.actor.tenantId, filters, { cursor: position, limit });
        await scope.audit({ ...entry, details: { filters: sentFilters(filters), page: cursor ? 'next' : 'first', count: page.events.length } });
        return { events: page.events, nextCursor: page.nextCursor };
      });
    },
  );

  routes.get(
    '/api/audit-log/export',
    { schema: { tags, summary: 'The events of a search as CSV (UTF-8 with BOM), at most 50 000 rows', querystring: auditExportQuerySchema }, preHandler },
    async (request, reply) => {
      const { separator, ...filters } = request.query;
      assertRange(filters);
      const { events, truncated } = await withActor(database, request, async (scope) => {
        const entry = { action: 'audit_log.export', resourceType: 'audit_log', personId: filters.personId ?? null };
        scope.authorize('export', logOf(scope.actor.tenantId), entry);
        const collected = await collectForExport(scope.tx, scope.actor.tenantId, filters);
        await scope.audit({ ...entry, details: { filters: sentFilters(filters), rows: collected.events.length, truncated: collected.truncated } });
        return collected;
      });
      const csv = eventsToCsv(events, languageFromHeader(request.headers['accept-language']), separator === 'comma' ? ',' : ';');
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="loggkontroll-${day}.csv"`)
        .header('cache-control', 'no-store')
        .header('x-samverka-truncated', String(truncated))
        .send(csv);
    },
  );

  routes.get(
    '/api/audit-log/persons/:personId/events',
    {
      schema: {
        tags,
        summary: "A person's access history: every event that names the person",
        params: auditPersonParamsSchema,
        querystring: auditPersonHistoryQuerySchema,
        response: { 200: auditPersonHistorySchema },
      },
      preHandler,
    },
    async (request) => {
      const { personId } = request.params;
      const { cursor, limit, from, to } = request.query;
      assertRange({ from, to });
      const position = cursor ? decodeCursor(cursor) : null;
      return withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'audit_log.person_history', resourceType: 'audit_log', personId };
        scope.authorize('personHistory', logOf(actor.tenantId), entry);
        const page = await searchEvents(tx, actor.tenantId, { personId, from, to }, { cursor: position, limit });
        const row = await findPerson(tx, actor.tenantId, personId);
        await scope.audit({ ...entry, details: { page: cursor ? 'next' : 'first', count: page.events.length } });
        return {
          events: page.events,
          nextCursor: page.nextCursor,
          // The reviewer sees the summary needed to know whose history this is, nothing more.
          person: row ? { id: row.id, firstName: row.firstName, lastName: row.lastName, birthDate: row.birthDate } : null,
        };
      });
    },
  );

  routes.get(
    '/api/audit-log/verification',
    { schema: { tags, summary: "Recompute the tenant's hash chains and report the first broken link", response: { 200: auditVerificationSchema } }, preHandler },
    async (request) => {
      const entry = { action: 'audit_log.verify', resourceType: 'audit_log' };
      const tenantId = await withActor(database, request, async (scope) => {
        scope.authorize('verify', logOf(scope.actor.tenantId), entry);
        return scope.actor.tenantId;
      });
      // Its own transaction (the embedded database has one connection), after authorization committed.
      const report = await verifyTenantChain(database.db, tenantId);
      const broken = report.firstBrokenLink;
      const result = {
        eventsChecked: report.eventsChecked,
        intact: broken === null,
        firstBrokenLink: broken ? { lane: broken.lane, seq: broken.seq, reason: broken.reason } : null,
        checkedAt: new Date().toISOString(),
      };
      await withActor(database, request, (scope) =>
        scope.audit({ ...entry, details: { eventsChecked: result.eventsChecked, intact: result.intact, firstBrokenLink: result.firstBrokenLink } }),
      );
      return result;
    },
  );

  registerLogReviewRoutes(app, context);
  registerSignInLogRoutes(app, context);
}

/** The filters the reviewer set, for the audit event of the review. */
function sentFilters(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Record<string, string>;
}
