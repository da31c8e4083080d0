import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { eventCategory } from '../../db/schema';
import { can } from '../../policy/can';
import { withActor, type RequestScope } from '../../http/request-scope';
import { requireSession } from '../../http/session';
import { conflict, invalid, notFound } from '../../http/errors';
import { errorBodySchema } from '../../../shared/errors';
import {
  EST_CATEGORY_CODES,
  eventCategoryInputSchema,
  eventCategoryListSchema,
  eventCategoryParamsSchema,
  eventCategorySchema,
  eventCategoryUpdateSchema,
  eventReportIdParamsSchema,
  eventReportInputSchema,
  eventReportListQuerySchema,
  eventReportListSchema,
  eventReportSchema,
  eventReviewInputSchema,
  type EventReportParsedInput,
} from '../../../shared/event-reports';
import { tenantCategories } from './categories';
import { citizenTexts } from './citizen-texts';
import { decryptDescription } from './event-crypto';
import { insertEventReports, type InsertEventsResult } from './insert-events';
import { findEventReport, listEventReports, presentEventReport, resourceOf } from './list-events';
import type { EventCategoryResource, EventReportResource } from './policy';
import { reviewEvent } from './review-event';

const tags = ['event reports'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

const collection = (scope: RequestScope): EventReportResource => ({ kind: 'event_report', tenantId: scope.actor.tenantId, id: null, organisationId: scope.actor.organisationId, source: 'staff' });
const categories = (scope: RequestScope): EventCategoryResource => ({ kind: 'event_category', tenantId: scope.actor.tenantId, id: null });

/** Row errors of insertEventReports as a 400's field messages (`reports.3.category` in a batch). */
function refuse(result: InsertEventsResult, prefix: (index: number) => string): void {
  if (result.errors.length === 0) return;
  throw invalid(Object.fromEntries(result.errors.map((error) => [`${prefix(error.index)}${error.field}`, error.message])));
}

export const EVENT_BATCH_MAX = 1000;
const batchInputSchema = z.object({ reports: z.array(eventReportInputSchema).min(1).max(EVENT_BATCH_MAX) }).strict();

/**
 * Event reports (händelserapporter, issue 14 §1). POST is idempotent on the client's id, as the
 * field report: 201 the first time, 200 with the same report after. The audit records id, category,
 * place and area, never the description; reading a description is its own audited event.
 */
export function registerEventReportRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, cipher } = context;
  const preHandler = requireSession(context.auth);

  routes.post(
    '/api/event-reports',
    { schema: { tags, summary: 'Report an event under the id the client made for it (a resend returns the first one, 200)', body: eventReportInputSchema, response: { 200: eventReportSchema, 201: eventReportSchema, ...errors } }, preHandler },
    async (request, reply) => {
      const body = request.body as EventReportParsedInput;
      const { report, created } = await withActor(database, request, async (scope) => {
        const entry = { action: 'event_report.create', resourceType: 'event_report', resourceId: body.id };
        scope.authorize('create', collection(scope), entry);
        let row = await findEventReport(scope.tx, scope.actor.tenantId, body.id);
        if (row && row.event.reportedBy !== scope.actor.userId) throw conflict({ id: 'field_report_id_taken' });
        let created = false;
        if (!row) {
          const result = await insertEventReports(scope, [body], { source: 'staff', cipher });
          refuse(result, () => '');
          row = await findEventReport(scope.tx, scope.actor.tenantId, body.id);
          if (!row || row.event.reportedBy !== scope.actor.userId) throw conflict({ id: 'field_report_id_taken' });
          created = result.inserted === 1;
        }
        await scope.audit({ ...entry, details: { repeat: !created, category: row.event.category, placeId: row.event.placeId, areaId: row.event.areaId } });
        return { report: presentEventReport(scope.actor, row), created };
      });
      return reply.status(created ? 201 : 200).send(report);
    },
  );

  routes.post(
    '/api/event-reports/batch',
    {
      schema: {
        tags,
        summary: 'Report many events at once (a queue sent after a time offline, the demo): each under its own id, resends skipped',
        body: batchInputSchema,
        response: { 200: z.object({ inserted: z.number().int(), duplicates: z.number().int() }), ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'event_report.create_batch', resourceType: 'event_report' };
        scope.authorize('create', collection(scope), entry);
        const rows = (request.body as { reports: EventReportParsedInput[] }).reports;
        const result = await insertEventReports(scope, rows, { source: 'staff', cipher });
        refuse(result, (index) => `reports.${index}.`);
        await scope.audit({ ...entry, details: { count: rows.length, inserted: result.inserted, duplicates: result.duplicates } });
        return { inserted: result.inserted, duplicates: result.duplicates };
      }),
  );

  routes.get(
    '/api/event-reports',
    { schema: { tags, summary: 'The tenant’s event reports (no descriptions), filtered and paged, newest first', querystring: eventReportListQuerySchema, response: { 200: eventReportListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'event_report.list', resourceType: 'event_report' };
        scope.authorize('list', collection(scope), entry);
        const { rows, total } = await listEventReports(scope.tx, scope.actor, request.query);
        const { limit, offset, ...filters } = request.query;
        await scope.audit({ ...entry, details: { count: rows.length, total, offset, filters } });
        return { reports: rows.map((row) => presentEventReport(scope.actor, row)), total };
      }),
  );

  routes.get(
    '/api/event-reports/:id',
    { schema: { tags, summary: 'One event report; its description for who may read it (audited)', params: eventReportIdParamsSchema, response: { 200: eventReportSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'event_report.read', resourceType: 'event_report', resourceId: request.params.id };
        const row = await findEventReport(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) {
          scope.authorize('read', collection(scope), entry);
          throw notFound();
        }
        const resource = resourceOf(row.event);
        scope.authorize('read', resource, entry);
        const mayRead = can(scope.actor, 'read_description', resource);
        let texts = { description: null as string | null, citizenPlace: null as string | null };
        if (mayRead && row.event.descriptionCipher) texts.description = decryptDescription(cipher, row.event.tenantId, row.event.id, row.event.descriptionCipher);
        if (mayRead && row.event.concernId) texts = await citizenTexts(scope.tx, cipher, row.event.tenantId, row.event.concernId);
        await scope.audit({ ...entry, details: { descriptionRead: mayRead && (texts.description !== null || texts.citizenPlace !== null), source: row.event.source } });
        return presentEventReport(scope.actor, row, texts);
      }),
  );

  routes.post(
    '/api/event-reports/:id/review',
    { schema: { tags, summary: 'Confirm (possibly re-categorised, at a place) or reject a citizen’s report', params: eventReportIdParamsSchema, body: eventReviewInputSchema, response: { 200: eventReportSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'event_report.review', resourceType: 'event_report', resourceId: request.params.id };
        const found = await findEventReport(scope.tx, scope.actor.tenantId, request.params.id);
        if (!found) {
          scope.authorize('list', collection(scope), entry);
          throw notFound();
        }
        scope.authorize('review', resourceOf(found.event), entry);
        const updated = await reviewEvent(scope.tx, scope.actor, found.event, request.body);
        await scope.audit({ ...entry, details: { decision: request.body.decision, categoryBefore: found.event.category, category: updated.category, placeId: updated.placeId, areaId: updated.areaId } });
        return presentEventReport(scope.actor, (await findEventReport(scope.tx, scope.actor.tenantId, updated.id))!);
      }),
  );

  routes.get(
    '/api/event-categories',
    { schema: { tags, summary: 'The tenant’s event categories: the EST ones and its own, active or not', response: { 200: eventCategoryListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'event_category.list', resourceType: 'event_category' };
        scope.authorize('list', categories(scope), entry);
        await scope.audit(entry);
        return { categories: await tenantCategories(scope.tx, scope.actor.tenantId) };
      }),
  );

  routes.post(
    '/api/event-categories',
    { schema: { tags, summary: 'Add a category of the tenant’s own (e.g. bränder, klotter)', body: eventCategoryInputSchema, response: { 201: eventCategorySchema, ...errors } }, preHandler },
    async (request, reply) => {
      const created = await withActor(database, request, async (scope) => {
        const entry = { action: 'event_category.create', resourceType: 'event_category', resourceId: request.body.code };
        scope.authorize('manage', categories(scope), entry);
        const existing = await tenantCategories(scope.tx, scope.actor.tenantId);
        if (existing.some((category) => category.code === request.body.code)) throw invalid({ code: 'category_exists' });
        await scope.tx.insert(eventCategory).values({ tenantId: scope.actor.tenantId, ...request.body, updatedBy: scope.actor.userId });
        await scope.audit({ ...entry, details: { nameSv: request.body.nameSv } });
        return { ...request.body, builtIn: false, active: true };
      });
      return reply.status(201).send(created);
    },
  );

  routes.patch(
    '/api/event-categories/:code',
    { schema: { tags, summary: 'Switch a category off or on for new reports (old reports keep it)', params: eventCategoryParamsSchema, body: eventCategoryUpdateSchema, response: { 200: eventCategorySchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { code } = request.params;
        const entry = { action: 'event_category.update', resourceType: 'event_category', resourceId: code };
        scope.authorize('manage', categories(scope), entry);
        const current = (await tenantCategories(scope.tx, scope.actor.tenantId)).find((category) => category.code === code);
        if (!current) throw notFound();
        const builtIn = (EST_CATEGORY_CODES as readonly string[]).includes(code);
        await scope.tx
          .insert(eventCategory)
          .values({ tenantId: scope.actor.tenantId, code, nameSv: current.nameSv, nameEn: current.nameEn, active: request.body.active, updatedBy: scope.actor.userId })
          .onConflictDoUpdate({ target: [eventCategory.tenantId, eventCategory.code], set: { active: request.body.active, updatedBy: scope.actor.userId } });
        await scope.audit({ ...entry, details: { active: request.body.active, builtIn } });
        return { ...current, active: request.body.active };
      }),
  );
}
