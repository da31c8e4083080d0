import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import { readAreaImport } from '../../../shared/geojson';
import {
  areaIdParamsSchema,
  areaImportInputSchema,
  areaImportResultSchema,
  areaInputSchema,
  areaListSchema,
  areaSchema,
  mapConfigSchema,
  placeIdParamsSchema,
  placeInputSchema,
  placeListQuerySchema,
  placeListSchema,
  placeSchema,
  youthHoursInputSchema,
  youthHoursSchema,
} from '../../../shared/places';
import { findPlace, listPlaces, placeResource, presentPlace, type PlaceRow } from './place-queries';
import { createPlace, setPlaceActive, updatePlace } from './save-place';
import { readYouthHours, replaceYouthHours } from './youth-hours';
import { archiveArea, areaResource, createArea, findArea, listAreas, presentArea, updateArea, type AreaRow } from './areas';
import { mapConfigOf } from './map-config';

const TAGS = ['places'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/**
 * The place register (arenor), its ungdomstider and the areas (områden), issue 13 §1. Every member
 * of the tenant reads them; coordinators, administrators and leisure and field staff keep them.
 * Writes are audited with the names of the fields that changed, never their values.
 */
export function registerPlaceRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);
  const mapConfig = mapConfigOf(context.config);

  routes.get(
    '/api/map-config',
    { schema: { tags: TAGS, summary: 'The map’s tile source (SAMVERKA_MAP_TILES), or null for a plain background', response: { 200: mapConfigSchema, 401: errorBodySchema } }, preHandler },
    async () => mapConfig,
  );

  // ---- places ----

  routes.get(
    '/api/places',
    {
      schema: { tags: TAGS, summary: 'The tenant’s places, sorted by name (filter by type and area)', querystring: placeListQuerySchema, response: { 200: placeListSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = placeResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, { action: 'place.list', resourceType: 'place' });
        const rows = await listPlaces(scope.tx, scope.actor.tenantId, request.query);
        return { places: rows.map((row) => presentPlace(scope.actor, row)), abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.get(
    '/api/places/:placeId',
    { schema: { tags: TAGS, summary: 'One place', params: placeIdParamsSchema, response: { 200: placeSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => presentPlace(scope.actor, await loadPlace(scope, request.params.placeId, 'read', 'place.read'))),
  );

  routes.post(
    '/api/places',
    { schema: { tags: TAGS, summary: 'Add a place (its area is found from its position unless given)', body: placeInputSchema, response: { 201: placeSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', placeResource(scope.actor.tenantId, null), { action: 'place.create', resourceType: 'place' });
        const row = await createPlace(scope.tx, scope.actor.tenantId, request.body, scope.actor.userId);
        await scope.audit({ action: 'place.create', resourceType: 'place', resourceId: row.id, details: { type: row.type, areaId: row.areaId } });
        reply.status(201);
        return presentPlace(scope.actor, row);
      }),
  );

  routes.put(
    '/api/places/:placeId',
    { schema: { tags: TAGS, summary: 'Replace a place’s details', params: placeIdParamsSchema, body: placeInputSchema, response: { 200: placeSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadPlace(scope, request.params.placeId, 'update', 'place.update');
        const { row, changed } = await updatePlace(scope.tx, before, request.body, scope.actor.userId);
        if (changed.length > 0) await scope.audit({ action: 'place.update', resourceType: 'place', resourceId: row.id, details: { changed } });
        return presentPlace(scope.actor, row);
      }),
  );

  for (const [verb, active] of [['archive', false], ['restore', true]] as const) {
    routes.post(
      `/api/places/:placeId/${verb}`,
      {
        schema: {
          tags: TAGS,
          summary: active ? 'Bring an archived place back to the register' : 'Archive a place: it leaves the register, its history stays',
          params: placeIdParamsSchema,
          response: { 200: placeSchema, ...errors },
        },
        preHandler,
      },
      async (request) =>
        withActor(database, request, async (scope) => {
          const before = await loadPlace(scope, request.params.placeId, 'archive', `place.${verb}`);
          const row = await setPlaceActive(scope.tx, before, active, scope.actor.userId);
          if (before.active !== active) await scope.audit({ action: `place.${verb}`, resourceType: 'place', resourceId: row.id });
          return presentPlace(scope.actor, row);
        }),
    );
  }

  // ---- ungdomstider ----

  routes.get(
    '/api/places/:placeId/youth-hours',
    { schema: { tags: TAGS, summary: 'A place’s ungdomstider: weekday × hour with a level', params: placeIdParamsSchema, response: { 200: youthHoursSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadPlace(scope, request.params.placeId, 'read', 'place.youth_hours.read');
        const hours = await readYouthHours(scope.tx, scope.actor.tenantId, row.id);
        return { placeId: row.id, hours, abilities: abilitiesOf(scope.actor, placeResource(row.tenantId, row.id)) };
      }),
  );

  routes.put(
    '/api/places/:placeId/youth-hours',
    {
      schema: { tags: TAGS, summary: 'Set a place’s ungdomstider (the week given replaces the old)', params: placeIdParamsSchema, body: youthHoursInputSchema, response: { 200: youthHoursSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadPlace(scope, request.params.placeId, 'set_youth_hours', 'place.youth_hours.update');
        const levels = await replaceYouthHours(scope.tx, scope.actor.tenantId, row.id, request.body.hours);
        await scope.audit({ action: 'place.youth_hours.update', resourceType: 'place', resourceId: row.id, details: { levels } });
        const hours = await readYouthHours(scope.tx, scope.actor.tenantId, row.id);
        return { placeId: row.id, hours, abilities: abilitiesOf(scope.actor, placeResource(row.tenantId, row.id)) };
      }),
  );

  // ---- areas ----

  routes.get(
    '/api/areas',
    { schema: { tags: TAGS, summary: 'The tenant’s areas with their geometry and number of places', response: { 200: areaListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = areaResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, { action: 'area.list', resourceType: 'area' });
        const rows = await listAreas(scope.tx, scope.actor.tenantId);
        return { areas: rows.map((row) => presentArea(scope.actor, row)), abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.get(
    '/api/areas/:areaId',
    { schema: { tags: TAGS, summary: 'One area', params: areaIdParamsSchema, response: { 200: areaSchema, ...errors } }, preHandler },
    async (request) => withActor(database, request, async (scope) => presentArea(scope.actor, await loadArea(scope, request.params.areaId, 'read', 'area.read'))),
  );

  routes.post(
    '/api/areas',
    { schema: { tags: TAGS, summary: 'Add an area (a drawn Polygon or MultiPolygon)', body: areaInputSchema, response: { 201: areaSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', areaResource(scope.actor.tenantId, null), { action: 'area.create', resourceType: 'area' });
        const { row, placesAssigned } = await createArea(scope.tx, scope.actor.tenantId, request.body, scope.actor.userId);
        await scope.audit({ action: 'area.create', resourceType: 'area', resourceId: row.id, details: { kind: row.kind, placesAssigned } });
        reply.status(201);
        return presentArea(scope.actor, row);
      }),
  );

  routes.post(
    '/api/areas/import',
    {
      schema: {
        tags: TAGS,
        summary: 'Import areas from GeoJSON (a FeatureCollection, a Feature or a Polygon/MultiPolygon); all or nothing',
        body: areaImportInputSchema,
        response: { 201: areaImportResultSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('import', areaResource(scope.actor.tenantId, null), { action: 'area.import', resourceType: 'area' });
        const { areas } = readAreaImport(request.body.geojson);
        const numbered = areas.length > 1;
        const created: AreaRow[] = [];
        let placesAssigned = 0;
        for (const [index, imported] of areas.entries()) {
          const name = imported.name ?? (numbered ? `${request.body.name} ${index + 1}` : request.body.name!);
          const result = await createArea(scope.tx, scope.actor.tenantId, { name, kind: request.body.kind, geometry: imported.geometry }, scope.actor.userId);
          created.push(result.row);
          placesAssigned += result.placesAssigned;
        }
        await scope.audit({ action: 'area.import', resourceType: 'area', details: { areaIds: created.map((row) => row.id), placesAssigned } });
        reply.status(201);
        return { areas: created.map((row) => presentArea(scope.actor, row)), placesAssigned };
      }),
  );

  routes.put(
    '/api/areas/:areaId',
    { schema: { tags: TAGS, summary: 'Rename or redraw an area', params: areaIdParamsSchema, body: areaInputSchema, response: { 200: areaSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadArea(scope, request.params.areaId, 'update', 'area.update');
        const { row, changed, placesAssigned } = await updateArea(scope.tx, before, request.body, scope.actor.userId);
        if (changed.length > 0) await scope.audit({ action: 'area.update', resourceType: 'area', resourceId: row.id, details: { changed, placesAssigned } });
        return presentArea(scope.actor, row);
      }),
  );

  routes.post(
    '/api/areas/:areaId/archive',
    { schema: { tags: TAGS, summary: 'Archive an area: its places no longer belong to it', params: areaIdParamsSchema, response: { 200: areaSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const before = await loadArea(scope, request.params.areaId, 'archive', 'area.archive');
        const row = await archiveArea(scope.tx, before, scope.actor.userId);
        if (before.active) await scope.audit({ action: 'area.archive', resourceType: 'area', resourceId: row.id });
        return presentArea(scope.actor, row);
      }),
  );
}

/** A place of another tenant, or none at all, answers the same 404. */
async function loadPlace(scope: RequestScope, id: string, action: string, auditAction: string): Promise<PlaceRow> {
  const row = await findPlace(scope.tx, scope.actor.tenantId, id);
  if (!row) throw notFound();
  scope.authorize(action, placeResource(row.tenantId, row.id), { action: auditAction, resourceType: 'place', resourceId: row.id });
  return row;
}

async function loadArea(scope: RequestScope, id: string, action: string, auditAction: string): Promise<AreaRow> {
  const row = await findArea(scope.tx, scope.actor.tenantId, id);
  if (!row) throw notFound();
  scope.authorize(action, areaResource(row.tenantId, row.id), { action: auditAction, resourceType: 'area', resourceId: row.id });
  return row;
}
