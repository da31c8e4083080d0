import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { invalid, notFound } from '../../http/errors';
import { can } from '../../policy/can';
import { parseIdentityNumber } from '../../../shared/personnummer';
import {
  personIdParamsSchema,
  personInputSchema,
  personListItemSchema,
  personLookupSchema,
  personNoteInputSchema,
  personNoteSchema,
  personNotesSchema,
  personReadQuerySchema,
  personSchema,
  personSearchQuerySchema,
  personSearchResultSchema,
  personUpdateSchema,
} from '../../../shared/persons';
import { createPerson } from './create-person';
import { findByIdentityNumber, listItem, searchPersons } from './find-persons';
import { linkableGuardianIds } from './guardians';
import { addNote, listNotes } from './person-notes';
import { findPerson, personReadFrom, personReadStatement, personResource, registerResource } from './person-record';
import { presentPerson } from './present-person';
import { changedFields, updatePerson } from './update-person';

const tags = ['persons'];

/**
 * The person register. Every read and write of a person is audited with its personId; a person the
 * actor may not see answers 404 exactly like one that does not exist.
 */
export function registerPersonRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database, cipher, blindIndex } = context;

  routes.post(
    '/api/persons',
    { schema: { tags, summary: 'Register a person', body: personInputSchema, response: { 201: personSchema } }, preHandler },
    async (request, reply) => {
      const person = await withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        scope.authorize('create', registerResource(actor.tenantId), { action: 'person.create', resourceType: 'person' });
        const guardianIds = await linkableGuardianIds(tx, actor, request.body.guardianIds, null);
        const { id } = await createPerson(tx, actor.tenantId, { cipher, blindIndex }, { ...request.body, guardianIds });
        await scope.audit({ action: 'person.create', resourceType: 'person', resourceId: id, personId: id });
        return presentPerson(tx, actor, cipher, (await findPerson(tx, actor.tenantId, id))!);
      });
      return reply.status(201).send(person);
    },
  );

  routes.get(
    '/api/persons',
    {
      schema: { tags, summary: 'Search the register by name; only persons the actor may find', querystring: personSearchQuerySchema, response: { 200: personSearchResultSchema } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('find', registerResource(scope.actor.tenantId), { action: 'person.search', resourceType: 'person' });
        const result = await searchPersons(scope.tx, scope.actor, request.query.q);
        // The count, never the names or the query: the log must not become a second register.
        await scope.audit({ action: 'person.search', resourceType: 'person', details: { count: result.persons.length, truncated: result.truncated } });
        return result;
      }),
  );

  routes.post(
    '/api/persons/lookup',
    { schema: { tags, summary: 'Find a person by personnummer (POST: the number never goes in a URL)', body: personLookupSchema, response: { 200: personListItemSchema } }, preHandler },
    async (request) => {
      const canonical = parseIdentityNumber(request.body.identityNumber)!.canonical;
      const found = await withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        scope.authorize('find', registerResource(actor.tenantId), { action: 'person.lookup', resourceType: 'person' });
        const row = await findByIdentityNumber(tx, actor.tenantId, blindIndex, canonical);
        if (!row) {
          // Committed with this transaction, then answered exactly like a denial. Never the number itself.
          await scope.audit({ action: 'person.lookup', resourceType: 'person', outcome: 'failed', details: { match: false } });
          return null;
        }
        const entry = { action: 'person.lookup', resourceType: 'person', resourceId: row.id, personId: row.id };
        scope.authorize('find', personResource(row), entry);
        const forReview = !can(actor, 'read', personResource(row));
        await scope.audit({ ...entry, details: { purpose: forReview ? 'review' : 'register' } });
        return listItem(actor, row);
      });
      if (!found) throw notFound();
      return found;
    },
  );

  routes.get(
    '/api/persons/:id',
    {
      schema: {
        tags,
        summary: 'One person, with guardians and abilities (a coordinator reading a person with skyddad folkbokföring gives a reason)',
        params: personIdParamsSchema,
        querystring: personReadQuerySchema,
        response: { 200: personSchema },
      },
      preHandler,
    },
    async (request) =>
      withActor(
        database,
        request,
        async (scope) => {
          const { actor, tx } = scope;
          const id = request.params.id;
          // Read in the round trip that opened the transaction and entered the session (app_person_read).
          const read = personReadFrom(scope.preloaded);
          if (!read) throw notFound();
          const { row } = read;
          const entry = { action: 'person.read', resourceType: 'person', resourceId: id, personId: id };
          const resource = personResource(row);
          scope.authorize('read', resource, entry);
          // After the authorization: to anyone who may not read the person, this answers 404 like a missing one.
          const reasonNeeded = !can(actor, 'readWithoutReason', resource);
          const reason = request.query.reason;
          if (reasonNeeded && reason === undefined) throw invalid({ reason: 'reason_required' });
          const person = await presentPerson(tx, actor, cipher, row, read);
          // The read's last statement: it travels with the commit (round trips: session + read, audit + commit).
          scope.auditAtCommit({
            ...entry,
            details: {
              identityNumber: person.identityNumber === null ? 'withheld' : 'shown',
              guardiansShown: person.guardians.length,
              whereabouts: person.whereaboutsWithheld ? 'withheld' : 'shown',
              // The reason goes into the hash-chained event, where the log reviewer reads it beside the access.
              ...(reasonNeeded ? { reason } : {}),
            },
          });
          return person;
        },
        { preload: personReadStatement(request.params.id) },
      ),
  );

  routes.patch(
    '/api/persons/:id',
    {
      schema: { tags, summary: 'Change names, school, protected identity or guardians', params: personIdParamsSchema, body: personUpdateSchema, response: { 200: personSchema } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const id = request.params.id;
        const row = await findPerson(tx, actor.tenantId, id);
        if (!row) throw notFound();
        const entry = { action: 'person.update', resourceType: 'person', resourceId: id, personId: id };
        scope.authorize('update', personResource(row), entry);
        await scope.audit({ ...entry, details: { fields: changedFields(request.body) } });
        await updatePerson(tx, actor, row, request.body);
        return presentPerson(tx, actor, cipher, (await findPerson(tx, actor.tenantId, id))!);
      }),
  );

  routes.get(
    '/api/persons/:id/notes',
    { schema: { tags, summary: "A person's notes, newest first", params: personIdParamsSchema, response: { 200: personNotesSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const id = request.params.id;
        const row = await findPerson(tx, actor.tenantId, id);
        if (!row) throw notFound();
        const resource = personResource(row);
        const entry = { action: 'person.notes.read', resourceType: 'person_note', personId: id };
        scope.authorize('readNotes', resource, entry);
        const notes = await listNotes(tx, cipher, actor.tenantId, id);
        await scope.audit({ ...entry, details: { count: notes.length } });
        return { notes, abilities: { readNotes: true, addNote: can(actor, 'addNote', resource) } };
      }),
  );

  routes.post(
    '/api/persons/:id/notes',
    { schema: { tags, summary: 'Add a note about a person', params: personIdParamsSchema, body: personNoteInputSchema, response: { 201: personNoteSchema } }, preHandler },
    async (request, reply) => {
      const note = await withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const id = request.params.id;
        const row = await findPerson(tx, actor.tenantId, id);
        if (!row) throw notFound();
        const entry = { action: 'person.notes.create', resourceType: 'person_note', personId: id };
        scope.authorize('addNote', personResource(row), entry);
        const created = await addNote(tx, cipher, {
          tenantId: actor.tenantId,
          personId: id,
          authorUserId: actor.userId,
          authorName: request.sessionUser!.name,
          body: request.body.body,
        });
        await scope.audit({ ...entry, resourceId: created.id });
        return created;
      });
      return reply.status(201).send(note);
    },
  );
}
