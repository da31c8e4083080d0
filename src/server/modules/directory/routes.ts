import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  directoryOrganisationParamsSchema,
  directoryQuerySchema,
  directorySchema,
  formatOrganisationNumber,
  keyPersonIdParamsSchema,
  keyPersonInputSchema,
  keyPersonSchema,
  organisationNumberInputSchema,
  type KeyPersonInput,
} from '../../../shared/directory';
import {
  deleteKeyPerson,
  directoryResource,
  findKeyPerson,
  findOrganisationRow,
  insertKeyPerson,
  presentKeyPerson,
  forumsOfKeyPersons,
  readDirectory,
  replaceKeyPerson,
  setOrganisationNumber,
  takesOrganisationNumber,
  type KeyPersonRow,
} from './directory-queries';
import { z } from 'zod';

const TAGS = ['directory'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const organisationNumberSchema = z.object({ organisationId: z.uuid(), organisationNumber: z.string().nullable() });

/**
 * The partner directory (katalog): organisations and their key persons. Everyone in the tenant reads
 * it; administrators and coordinators maintain it. Reads and writes are audited; the audit names which
 * fields changed, never a second copy of the contact data.
 */
export function registerDirectoryRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  routes.get(
    '/api/directory',
    {
      schema: { tags: TAGS, summary: 'Search the directory: organisations and key persons (?q=&organisationId=&role=)', querystring: directoryQuerySchema, response: { 200: directorySchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = directoryResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, { action: 'directory.search', resourceType: 'directory' });
        const { organisations, allOrganisations, personCount } = await readDirectory(scope.tx, scope.actor, request.query);
        // The search words may be a person's name: the audit keeps only which filters were used.
        await scope.audit({
          action: 'directory.search',
          resourceType: 'directory',
          details: { searched: Boolean(request.query.q), organisationId: request.query.organisationId ?? null, role: request.query.role ?? null, keyPersons: personCount },
        });
        return { organisations, allOrganisations, abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.post(
    '/api/directory/key-persons',
    {
      schema: { tags: TAGS, summary: 'Add a key person to an organisation (administrator, coordinator)', body: keyPersonInputSchema, response: { 201: keyPersonSchema, ...errors } },
      preHandler,
    },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', directoryResource(scope.actor.tenantId, null), { action: 'key_person.create', resourceType: 'key_person' });
        const organisationName = await organisationNameFor(scope, request.body);
        const row = await insertKeyPerson(scope.tx, scope.actor.tenantId, request.body, scope.actor.userId);
        await scope.audit({ action: 'key_person.create', resourceType: 'key_person', resourceId: row.id, details: { organisationId: row.organisationId, role: row.role } });
        reply.status(201);
        return presentKeyPerson(scope.actor, row, organisationName);
      }),
  );

  routes.put(
    '/api/directory/key-persons/:keyPersonId',
    {
      schema: { tags: TAGS, summary: 'Edit a key person (administrator, coordinator)', params: keyPersonIdParamsSchema, body: keyPersonInputSchema, response: { 200: keyPersonSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const current = await loadAuthorized(scope, request.params.keyPersonId, 'update', 'key_person.update');
        const organisationName = await organisationNameFor(scope, request.body);
        const { row, changed } = await replaceKeyPerson(scope.tx, current, request.body, scope.actor.userId);
        if (changed.length > 0) await scope.audit({ action: 'key_person.update', resourceType: 'key_person', resourceId: row.id, details: { changed } });
        return presentKeyPerson(scope.actor, row, organisationName, (await forumsOfKeyPersons(scope.tx, scope.actor.tenantId)).get(row.id));
      }),
  );

  routes.delete(
    '/api/directory/key-persons/:keyPersonId',
    {
      schema: { tags: TAGS, summary: 'Remove a key person from the directory (administrator, coordinator)', params: keyPersonIdParamsSchema, response: { 204: z.null(), ...errors } },
      preHandler,
    },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const current = await loadAuthorized(scope, request.params.keyPersonId, 'delete', 'key_person.delete');
        await deleteKeyPerson(scope.tx, current);
        await scope.audit({ action: 'key_person.delete', resourceType: 'key_person', resourceId: current.id, details: { organisationId: current.organisationId, role: current.role } });
        reply.status(204);
        return null;
      }),
  );

  routes.put(
    '/api/directory/organisations/:organisationId/organisation-number',
    {
      schema: {
        tags: TAGS,
        summary: "Set or clear a business's or association's organisationsnummer (administrator, coordinator)",
        params: directoryOrganisationParamsSchema,
        body: organisationNumberInputSchema,
        response: { 200: organisationNumberSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const org = await findOrganisationRow(scope.tx, scope.actor.tenantId, request.params.organisationId);
        if (!org) throw notFound();
        scope.authorize('update', directoryResource(org.tenantId, org.id), { action: 'directory.organisation_number', resourceType: 'organisation', resourceId: org.id });
        const { organisationNumber } = request.body;
        if (organisationNumber !== null && !takesOrganisationNumber(org.type)) throw invalid({ organisationNumber: 'organisation_number_not_applicable' });
        const formatted = organisationNumber === null ? null : formatOrganisationNumber(organisationNumber);
        if (formatted !== org.organisationNumber) {
          await setOrganisationNumber(scope.tx, org, formatted);
          await scope.audit({
            action: 'directory.organisation_number',
            resourceType: 'organisation',
            resourceId: org.id,
            details: { before: org.organisationNumber, after: formatted },
          });
        }
        return { organisationId: org.id, organisationNumber: formatted };
      }),
  );
}

/** A key person of another tenant, or none at all, answers the same 404. */
async function loadAuthorized(scope: RequestScope, id: string, action: string, auditAction: string): Promise<KeyPersonRow> {
  const row = await findKeyPerson(scope.tx, scope.actor.tenantId, id);
  if (!row) throw notFound();
  scope.authorize(action, directoryResource(row.tenantId, row.id), { action: auditAction, resourceType: 'key_person', resourceId: row.id });
  return row;
}

/** The organisation must be one of the tenant's: another tenant's is an unknown choice (400 on the field). */
async function organisationNameFor(scope: RequestScope, input: KeyPersonInput): Promise<string> {
  const org = await findOrganisationRow(scope.tx, scope.actor.tenantId, input.organisationId);
  if (!org) throw invalid({ organisationId: 'unknown_organisation' });
  return org.name;
}
