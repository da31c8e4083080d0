import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  organisationIdParamsSchema,
  organisationInputSchema,
  organisationListQuerySchema,
  organisationListSchema,
  organisationSchema,
  organisationUpdateSchema,
} from '../../../shared/organisations';
import { findOrganisation, listOrganisations, organisationResource, presentOrganisation, type OrganisationRow } from './organisation-queries';
import { createOrganisation, updateOrganisation, type OrganisationChanges } from './save-organisation';

const TAGS = ['organisations'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** The tenant's directory of partner organisations. Everyone reads it; administrators maintain it. */
export function registerOrganisationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  routes.get(
    '/api/organisations',
    {
      schema: { tags: TAGS, summary: 'List the organisations of the tenant (filter by type and active)', querystring: organisationListQuerySchema, response: { 200: organisationListSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = organisationResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, { action: 'organisation.list', resourceType: 'organisation' });
        const rows = await listOrganisations(scope.tx, scope.actor.tenantId, request.query);
        return { organisations: rows.map((row) => presentOrganisation(scope.actor, row)), abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.get(
    '/api/organisations/:organisationId',
    {
      schema: { tags: TAGS, summary: 'One organisation of the tenant', params: organisationIdParamsSchema, response: { 200: organisationSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadAuthorized(scope, request.params.organisationId, 'read', 'organisation.read');
        return presentOrganisation(scope.actor, row);
      }),
  );

  routes.post(
    '/api/organisations',
    {
      schema: { tags: TAGS, summary: 'Create an organisation (administrator)', body: organisationInputSchema, response: { 201: organisationSchema, ...errors } },
      preHandler,
    },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', organisationResource(scope.actor.tenantId, null), { action: 'organisation.create', resourceType: 'organisation' });
        const row = await createOrganisation(scope.tx, scope.actor.tenantId, request.body);
        await scope.audit({
          action: 'organisation.create',
          resourceType: 'organisation',
          resourceId: row.id,
          details: { name: row.name, type: row.type, isAuthority: row.isAuthority },
        });
        reply.status(201);
        return presentOrganisation(scope.actor, row);
      }),
  );

  routes.patch(
    '/api/organisations/:organisationId',
    {
      schema: {
        tags: TAGS,
        summary: 'Edit an organisation (administrator); `active` deactivates or reactivates it',
        params: organisationIdParamsSchema,
        body: organisationUpdateSchema,
        response: { 200: organisationSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadAuthorized(scope, request.params.organisationId, 'read', 'organisation.update');
        return presentOrganisation(scope.actor, await change(scope, row, request.body));
      }),
  );

  for (const [verb, active] of [['deactivate', false], ['reactivate', true]] as const) {
    routes.post(
      `/api/organisations/:organisationId/${verb}`,
      {
        schema: {
          tags: TAGS,
          summary: active
            ? 'Reactivate an organisation (administrator)'
            : 'Deactivate an organisation (administrator): its members can no longer work through it',
          params: organisationIdParamsSchema,
          response: { 200: organisationSchema, ...errors },
        },
        preHandler,
      },
      async (request) =>
        withActor(database, request, async (scope) => {
          const row = await loadAuthorized(scope, request.params.organisationId, 'read', `organisation.${verb}`);
          return presentOrganisation(scope.actor, await change(scope, row, { active }));
        }),
    );
  }
}

/** A record of another tenant, or none at all, answers the same 404. */
async function loadAuthorized(scope: RequestScope, id: string, action: string, auditAction: string): Promise<OrganisationRow> {
  const row = await findOrganisation(scope.tx, scope.actor.tenantId, id);
  if (!row) throw notFound();
  scope.authorize(action, organisationResource(row.tenantId, row.id), { action: auditAction, resourceType: 'organisation', resourceId: row.id });
  return row;
}

/**
 * Edits and (de)activation are separate permissions and separate audit events: deactivating an
 * organisation shuts its members out, which a reviewer must be able to find on its own.
 */
async function change(scope: RequestScope, row: OrganisationRow, changes: OrganisationChanges): Promise<OrganisationRow> {
  const resource = organisationResource(row.tenantId, row.id);
  const { active, ...fields } = changes;
  const editsFields = Object.values(fields).some((value) => value !== undefined);
  // An empty edit is still an edit: it must not answer 200 to someone who may not edit.
  if (editsFields || active === undefined) scope.authorize('update', resource, { action: 'organisation.update', resourceType: 'organisation', resourceId: row.id });
  if (active !== undefined) {
    const verb = active ? 'reactivate' : 'deactivate';
    scope.authorize(verb, resource, { action: `organisation.${verb}`, resourceType: 'organisation', resourceId: row.id });
  }
  const { row: updated, changed } = await updateOrganisation(scope.tx, row, changes);
  const edited = changed.filter((key) => key !== 'active');
  if (edited.length > 0) {
    await scope.audit({
      action: 'organisation.update',
      resourceType: 'organisation',
      resourceId: row.id,
      details: {
        before: Object.fromEntries(edited.map((key) => [key, row[key]])),
        after: Object.fromEntries(edited.map((key) => [key, updated[key]])),
      },
    });
  }
  if (changed.includes('active')) {
    await scope.audit({ action: updated.active ? 'organisation.reactivate' : 'organisation.deactivate', resourceType: 'organisation', resourceId: row.id });
  }
  return updated;
}
