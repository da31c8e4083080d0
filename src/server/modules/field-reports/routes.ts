import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { withActor, type RequestScope } from '../../http/request-scope';
import { requireSession } from '../../http/session';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  fieldReportInputSchema,
  fieldReportListQuerySchema,
  fieldReportListSchema,
  fieldReportOptionsSchema,
  fieldReportSchema,
  type FieldReportParsedInput,
} from '../../../shared/field-reports';
import { fileFieldReport } from './file-report';
import { listFieldReports, presentFieldReports } from './list-reports';
import { fieldReportOptions } from './options';
import type { FieldReportResource } from './policy';
import { eventFromFieldReport } from '../event-reports/from-field-report';

const tags = ['field reports'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** The tenant's collection of field reports, as the actor's organisation would file into it. */
const collection = (scope: RequestScope): FieldReportResource => ({
  kind: 'field_report',
  tenantId: scope.actor.tenantId,
  id: null,
  organisationId: scope.actor.organisationId,
  visibility: 'organisation',
});

/**
 * Field reports (fältrapporter, issue 13 §6). POST is idempotent on the client's id: 201 the first
 * time, 200 with the same report every time after. The audit records the report's id, place and
 * counts' total, never the observations.
 */
export function registerFieldReportRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  routes.post(
    '/api/field-reports',
    {
      schema: {
        tags,
        summary: 'File a field report under the id the client made for it (a resend returns the first one, 200)',
        body: fieldReportInputSchema,
        response: { 200: fieldReportSchema, 201: fieldReportSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      const body = request.body as FieldReportParsedInput;
      const { report, created } = await withActor(database, request, async (scope) => {
        const entry = { action: 'field_report.create', resourceType: 'field_report', resourceId: body.id };
        scope.authorize('create', collection(scope), entry);
        const { row, created } = await fileFieldReport(scope.tx, scope.actor, body);
        const youth = row.youthUnder13 + row.youth13To15 + row.youth16To17 + row.youth18Plus;
        await scope.audit({ ...entry, details: { repeat: !created, placeId: row.placeId, areaId: row.areaId, youth, visibility: row.visibility, forSituationPicture: row.forSituationPicture } });
        // "Till lägesbilden": the observation also becomes an event report (issue 14 §1), once.
        if (created && row.forSituationPicture) {
          const eventId = await eventFromFieldReport(scope, context.cipher, row);
          if (eventId) await scope.audit({ action: 'event_report.create', resourceType: 'event_report', resourceId: eventId, details: { source: 'field_report', fieldReportId: row.id } });
        }
        const [report] = await presentFieldReports(scope.tx, scope.actor, [row]);
        return { report: report!, created };
      });
      return reply.status(created ? 201 : 200).send(report);
    },
  );

  routes.get(
    '/api/field-reports',
    {
      schema: { tags, summary: 'The tenant’s field reports the actor may see (by visibility), newest first', querystring: fieldReportListQuerySchema, response: { 200: fieldReportListSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'field_report.list', resourceType: 'field_report' };
        scope.authorize('list', collection(scope), entry);
        const rows = await listFieldReports(scope.tx, scope.actor, request.query);
        await scope.audit({ ...entry, details: { count: rows.length, placeId: request.query.placeId ?? null } });
        return { reports: await presentFieldReports(scope.tx, scope.actor, rows) };
      }),
  );

  routes.get(
    '/api/field-reports/options',
    {
      schema: { tags, summary: 'What the field report form offers: places, areas, the other organisations, the default visibility', response: { 200: fieldReportOptionsSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'field_report.options', resourceType: 'field_report' };
        const resource = collection(scope);
        scope.authorize('create', resource, entry);
        await scope.audit(entry);
        return fieldReportOptions(scope.tx, scope.actor, abilitiesOf(scope.actor, resource));
      }),
  );
}
