import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { languageFromHeader } from '../../http/messages';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  coverageQuerySchema,
  coverageSchema,
  presenceEntryIdParamsSchema,
  presenceEntryInputSchema,
  presenceEntrySchema,
  presenceListQuerySchema,
  presenceListSchema,
  schoolHolidayIdParamsSchema,
  schoolHolidayInputSchema,
  schoolHolidayListSchema,
  schoolHolidaySchema,
  weekQuerySchema,
  weekViewSchema,
} from '../../../shared/presence';
import { isoWeekWindow } from '../../../shared/stockholm-time';
import { computeCoverage, loadCoverageInput } from './coverage';
import { cancelEntry, changedFields, checkWhere, entryColumns, entryResource, findEntry, insertEntry, listEntries, presentEntry, updateEntry } from './entries';
import { loadHolidayCalendar } from './occurrences';
import type { SchoolHolidayResource } from './policy';
import { deleteSchoolHoliday, findSchoolHoliday, insertSchoolHoliday, listSchoolHolidays, updateSchoolHoliday } from './school-holidays';
import { neighbourWeeks, weekView } from './week-view';

const TAGS = ['presence'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** Above this many places, coverage sends the places' gaps but not their grids (the areas' grids always). */
const PLACE_GRID_LIMIT = 100;

/**
 * The presence plan (närvaroplan), its week view (Veckoplan), coverage, and the tenant's school
 * holidays. What an entry's visibility hides from a reader is absent from every answer: the list, the
 * week, coverage and the record itself (404), by the policy layer and by row-level security.
 */
export function registerPresenceRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  /** The plan as a collection: `organisationId` is the actor's own, the one a new entry is for. */
  const plan = (scope: RequestScope) => entryResource(scope.actor.tenantId, { id: null, organisationId: scope.actor.organisationId, visibility: 'all' });

  /** A hidden entry, another tenant's and a missing one answer the same 404. */
  async function loadEntry(scope: RequestScope, id: string, action: 'read' | 'update' | 'cancel') {
    const denial = { action: `presence.${action}`, resourceType: 'presence_entry', resourceId: id };
    const row = await findEntry(scope.tx, scope.actor, id);
    if (!row) throw notFound();
    scope.authorize(action, entryResource(scope.actor.tenantId, row), denial);
    return row;
  }

  routes.get(
    '/api/presence',
    { schema: { tags: TAGS, summary: 'The presence entries the actor may see (filter by place, area, organisation)', querystring: presenceListQuerySchema, response: { 200: presenceListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('read', plan(scope), { action: 'presence.list', resourceType: 'presence_entry' });
        const rows = await listEntries(scope.tx, scope.actor, request.query);
        await scope.audit({ action: 'presence.list', resourceType: 'presence_entry', details: { count: rows.length } });
        return { entries: rows.map((row) => presentEntry(scope.actor, row)), abilities: abilitiesOf(scope.actor, plan(scope)) };
      }),
  );

  routes.get(
    '/api/presence/week',
    { schema: { tags: TAGS, summary: 'The Veckoplan: places × days of an ISO week with who is planned', querystring: weekQuerySchema, response: { 200: weekViewSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('read', plan(scope), { action: 'presence.week', resourceType: 'presence_entry' });
        const calendar = await loadHolidayCalendar(scope.tx, scope.actor.tenantId);
        const { week, ...filter } = request.query;
        const view = await weekView(scope.tx, scope.actor, week, filter, calendar);
        await scope.audit({ action: 'presence.week', resourceType: 'presence_entry', details: { week, rows: view.rows.length } });
        return view;
      }),
  );

  routes.get(
    '/api/presence/coverage',
    {
      schema: {
        tags: TAGS,
        summary: 'Coverage of an ISO week: ungdomstider against planned presence per place and area, as grids and gaps in words',
        querystring: coverageQuerySchema,
        response: { 200: coverageSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('read', plan(scope), { action: 'presence.coverage', resourceType: 'presence_entry' });
        const { week, ...filter } = request.query;
        const window = isoWeekWindow(week);
        const [calendar, loaded] = [await loadHolidayCalendar(scope.tx, scope.actor.tenantId), await loadCoverageInput(scope.tx, scope.actor, window, filter)];
        const language = languageFromHeader(request.headers['accept-language']);
        const result = computeCoverage({ ...loaded, dates: window.dates, window, calendar, language });
        const areas = filter.placeType ? result.areas.filter((subject) => loaded.places.some((p) => p.areaId === subject.id)) : result.areas;
        const places = result.places.length > PLACE_GRID_LIMIT ? result.places.map((subject) => ({ ...subject, grid: null })) : result.places;
        await scope.audit({ action: 'presence.coverage', resourceType: 'presence_entry', details: { week, places: places.length } });
        return { week, ...neighbourWeeks(week), dates: window.dates, basis: 'visible' as const, places, areas };
      }),
  );

  routes.get(
    '/api/presence/:entryId',
    { schema: { tags: TAGS, summary: 'One presence entry', params: presenceEntryIdParamsSchema, response: { 200: presenceEntrySchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadEntry(scope, request.params.entryId, 'read');
        await scope.audit({ action: 'presence.read', resourceType: 'presence_entry', resourceId: row.id });
        return presentEntry(scope.actor, row);
      }),
  );

  routes.post(
    '/api/presence',
    { schema: { tags: TAGS, summary: 'Plan presence for the actor’s own organisation', body: presenceEntryInputSchema, response: { 201: presenceEntrySchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', plan(scope), { action: 'presence.create', resourceType: 'presence_entry' });
        await checkWhere(scope.tx, scope.actor.tenantId, request.body);
        const id = await insertEntry(scope.tx, scope.actor, request.body);
        await scope.audit({
          action: 'presence.create',
          resourceType: 'presence_entry',
          resourceId: id,
          details: { visibility: request.body.visibility, recurring: request.body.recurrence !== null, placeId: request.body.placeId, areaId: request.body.areaId },
        });
        reply.status(201);
        return presentEntry(scope.actor, (await findEntry(scope.tx, scope.actor, id))!);
      }),
  );

  routes.put(
    '/api/presence/:entryId',
    {
      schema: { tags: TAGS, summary: 'Replace a presence entry (its organisation stays)', params: presenceEntryIdParamsSchema, body: presenceEntryInputSchema, response: { 200: presenceEntrySchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadEntry(scope, request.params.entryId, 'update');
        await checkWhere(scope.tx, scope.actor.tenantId, request.body);
        const values = entryColumns(request.body);
        const changed = changedFields(before, values);
        if (changed.length > 0) await updateEntry(scope.tx, scope.actor, before.id, values);
        await scope.audit({ action: 'presence.update', resourceType: 'presence_entry', resourceId: before.id, details: { changed } });
        // A coordinator who narrows an entry to another organisation's eyes no longer sees it: say so as 404.
        const after = await findEntry(scope.tx, scope.actor, before.id);
        if (!after) throw notFound();
        return presentEntry(scope.actor, after);
      }),
  );

  routes.post(
    '/api/presence/:entryId/cancel',
    { schema: { tags: TAGS, summary: 'Cancel a presence entry (kept, so calendar feeds can tell clients it is gone)', params: presenceEntryIdParamsSchema, response: { 200: presenceEntrySchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadEntry(scope, request.params.entryId, 'cancel');
        await cancelEntry(scope.tx, scope.actor, before.id);
        await scope.audit({ action: 'presence.cancel', resourceType: 'presence_entry', resourceId: before.id });
        return presentEntry(scope.actor, (await findEntry(scope.tx, scope.actor, before.id))!);
      }),
  );

  // ---- school holidays ----

  const holidays = (scope: RequestScope, id: string | null): SchoolHolidayResource => ({ kind: 'school_holiday', tenantId: scope.actor.tenantId, id });

  async function loadHoliday(scope: RequestScope, id: string, action: 'update' | 'delete') {
    const denial = { action: `school_holiday.${action}`, resourceType: 'school_holiday', resourceId: id };
    const row = await findSchoolHoliday(scope.tx, scope.actor.tenantId, id);
    if (!row) throw notFound();
    scope.authorize(action, holidays(scope, id), denial);
    return row;
  }

  routes.get(
    '/api/school-holidays',
    { schema: { tags: TAGS, summary: 'The tenant’s school holidays (lov per term)', response: { 200: schoolHolidayListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('read', holidays(scope, null), { action: 'school_holiday.list', resourceType: 'school_holiday' });
        return { holidays: await listSchoolHolidays(scope.tx, scope.actor.tenantId), abilities: abilitiesOf(scope.actor, holidays(scope, null)) };
      }),
  );

  routes.post(
    '/api/school-holidays',
    { schema: { tags: TAGS, summary: 'Add a school holiday', body: schoolHolidayInputSchema, response: { 201: schoolHolidaySchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', holidays(scope, null), { action: 'school_holiday.create', resourceType: 'school_holiday' });
        const row = await insertSchoolHoliday(scope.tx, scope.actor.tenantId, request.body);
        await scope.audit({ action: 'school_holiday.create', resourceType: 'school_holiday', resourceId: row.id, details: { startsOn: row.startsOn, endsOn: row.endsOn } });
        reply.status(201);
        return row;
      }),
  );

  routes.put(
    '/api/school-holidays/:holidayId',
    { schema: { tags: TAGS, summary: 'Change a school holiday', params: schoolHolidayIdParamsSchema, body: schoolHolidayInputSchema, response: { 200: schoolHolidaySchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadHoliday(scope, request.params.holidayId, 'update');
        const row = await updateSchoolHoliday(scope.tx, scope.actor.tenantId, before.id, request.body);
        await scope.audit({ action: 'school_holiday.update', resourceType: 'school_holiday', resourceId: row.id, details: { startsOn: row.startsOn, endsOn: row.endsOn } });
        return row;
      }),
  );

  routes.delete(
    '/api/school-holidays/:holidayId',
    { schema: { tags: TAGS, summary: 'Remove a school holiday; answers with the remaining ones', params: schoolHolidayIdParamsSchema, response: { 200: schoolHolidayListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadHoliday(scope, request.params.holidayId, 'delete');
        await deleteSchoolHoliday(scope.tx, scope.actor.tenantId, before.id);
        await scope.audit({ action: 'school_holiday.delete', resourceType: 'school_holiday', resourceId: before.id });
        return { holidays: await listSchoolHolidays(scope.tx, scope.actor.tenantId), abilities: abilitiesOf(scope.actor, holidays(scope, null)) };
      }),
  );
}
