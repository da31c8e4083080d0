import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf, can } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  assessInputSchema,
  assignInputSchema,
  assigneesSchema,
  closeInputSchema,
  coordinatorsSchema,
  concernDetailSchema,
  concernIdParamsSchema,
  decideInputSchema,
  forwardInputSchema,
  forwardTargetsSchema,
  inboxQuerySchema,
  inboxSchema,
  linkPersonInputSchema,
  noteInputSchema,
  type ConcernDetail,
} from '../../../shared/concerns-triage';
import { assignConcern, caseOfficers } from './assign-concern';
import { closeConcern } from './close-concern';
import { sspfCoordinators } from './hand-over';
import type { ConcernCrypto } from './concern-crypto';
import { channelResource, concernResource, findConcern, lockConcern, stateOf, type ConcernRow } from './concern-record';
import { forwardConcern, forwardTargets } from './forward-concern';
import { readInbox } from './inbox';
import { linkPerson, unlinkPerson } from './link-person';
import { presentConcern } from './present-concern';
import { recordAssessment, recordDecision } from './record-triage';
import { stateAllows, type ConcernAction } from './status';
import { appendTimeline } from './timeline';

const tags = ['concerns'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

interface ActionOutcome {
  details?: Record<string, unknown>;
  legalBasis?: string;
  personId?: string | null;
}

/**
 * The signed-in side: the inbox, the concern page and every triage step. A report the actor may not
 * see answers 404 exactly like one that does not exist; every read and step is audited, with the
 * linked person when there is one, and every step also lands on the concern's own timeline.
 */
export function registerTriageRoutes(app: FastifyInstance, context: AppContext, crypto: ConcernCrypto): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database, cipher, blindIndex } = context;

  /** Loads (and locks) a concern, authorizes the action, checks the state machine, runs the step, audits it. */
  async function act(request: FastifyRequest, id: string, action: ConcernAction, auditAction: string, step: (scope: RequestScope, row: ConcernRow) => Promise<ActionOutcome>) {
    return withActor(database, request, async (scope) => {
      const row = await lockConcern(scope.tx, scope.actor.tenantId, id);
      if (!row) throw notFound();
      const entry = { action: auditAction, resourceType: 'concern', resourceId: id, personId: row.personId };
      scope.authorize(action, concernResource(row), entry);
      if (!stateAllows(action, stateOf(row))) throw new AppError(409, 'conflict', { status: 'concern_wrong_state' });
      const outcome = await step(scope, row);
      await scope.audit({ ...entry, personId: outcome.personId ?? row.personId, legalBasis: outcome.legalBasis ?? null, details: { kind: row.kind, ...outcome.details } });
      const after = (await findConcern(scope.tx, scope.actor.tenantId, id))!;
      return can(scope.actor, 'read', concernResource(after)) ? presentConcern(scope.tx, scope.actor, crypto, after) : null;
    });
  }

  routes.get(
    '/api/concerns',
    { schema: { tags, summary: 'The inbox: reports for the actor’s organisation and role', querystring: inboxQuerySchema, response: { 200: inboxSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = channelResource(scope.actor.tenantId);
        scope.authorize('list', collection, { action: 'concern.list', resourceType: 'concern' });
        const page = await readInbox(scope.tx, scope.actor, crypto, request.query);
        await scope.audit({ action: 'concern.list', resourceType: 'concern', details: { count: page.rows.length, total: page.total, concernIds: page.rows.map((row) => row.id) } });
        // An excerpt about a registered person is a read about that person: one event each, findable by person.
        for (const { concernId, personId } of page.linked) {
          await scope.audit({ action: 'concern.list', resourceType: 'concern', resourceId: concernId, personId, details: { excerpt: true } });
        }
        return { concerns: page.rows, total: page.total, page: request.query.page, pageSize: request.query.pageSize, abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.get(
    '/api/concerns/:id',
    { schema: { tags, summary: 'One report, decrypted, with deadlines, timeline and abilities', params: concernIdParamsSchema, response: { 200: concernDetailSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await findConcern(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) throw notFound();
        const entry = { action: 'concern.read', resourceType: 'concern', resourceId: row.id, personId: row.personId };
        scope.authorize('read', concernResource(row), entry);
        await scope.audit({ ...entry, details: { kind: row.kind } });
        return presentConcern(scope.tx, scope.actor, crypto, row);
      }),
  );

  routes.get(
    '/api/concerns/:id/assignees',
    { schema: { tags, summary: 'Case officers the concern may be assigned to', params: concernIdParamsSchema, response: { 200: assigneesSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await findConcern(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) throw notFound();
        scope.authorize('assign', concernResource(row), { action: 'concern.assignees', resourceType: 'concern', resourceId: row.id });
        return { assignees: await caseOfficers(scope.tx, row.tenantId, row.receivingOrganisationId) };
      }),
  );

  routes.get(
    '/api/concerns/:id/coordinators',
    { schema: { tags, summary: 'SSPF coordinators the concern’s person may be handed over to', params: concernIdParamsSchema, response: { 200: coordinatorsSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await findConcern(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) throw notFound();
        scope.authorize('handOver', concernResource(row), { action: 'concern.coordinators', resourceType: 'concern', resourceId: row.id });
        return { coordinators: await sspfCoordinators(scope.tx, row.tenantId) };
      }),
  );

  routes.get(
    '/api/concerns/:id/forward-targets',
    { schema: { tags, summary: 'Organisations the report may be forwarded to', params: concernIdParamsSchema, response: { 200: forwardTargetsSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await findConcern(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) throw notFound();
        scope.authorize('forward', concernResource(row), { action: 'concern.forward_targets', resourceType: 'concern', resourceId: row.id });
        return { organisations: await forwardTargets(scope.tx, row) };
      }),
  );

  const step = <S extends z.ZodType>(path: string, summary: string, body: S, action: ConcernAction, auditAction: string, run: (scope: RequestScope, row: ConcernRow, input: z.infer<S>) => Promise<ActionOutcome>) =>
    routes.post(
      `/api/concerns/:id/${path}`,
      { schema: { tags, summary, params: concernIdParamsSchema, body, response: { 200: concernDetailSchema, ...errors } }, preHandler },
      async (request) => (await act(request, request.params.id, action, auditAction, (scope, row) => run(scope, row, request.body as z.infer<S>)))!,
    );

  step('assign', 'Assign to a case officer of the receiving organisation (`userId: null` takes it back)', assignInputSchema, 'assign', 'concern.assign', async (scope, row, input) => ({
    details: await assignConcern(scope.tx, scope.actor, crypto, row, input.userId),
  }));
  step('assessment', 'Record the protection assessment (skyddsbedömning)', assessInputSchema, 'assess', 'concern.assess', async (scope, row, input) => ({
    details: await recordAssessment(scope.tx, scope.actor, crypto, row, input),
  }));
  step('decision', 'Record the decision on investigation; updates the reporter’s status and lawful feedback', decideInputSchema, 'decide', 'concern.decide', async (scope, row, input) => ({
    details: await recordDecision(scope.tx, scope.actor, crypto, row, input),
  }));
  step('close', 'Close with a reason', closeInputSchema, 'close', 'concern.close', async (scope, row, input) => ({
    details: await closeConcern(scope.tx, scope.actor, crypto, row, input),
  }));
  step('notes', 'Add a note (stored encrypted) to the timeline', noteInputSchema, 'addNote', 'concern.note', async (scope, row, input) => {
    await appendTimeline(scope.tx, crypto, { tenantId: row.tenantId, concernId: row.id, type: 'note', actorUserId: scope.actor.userId, note: input.body });
    return {};
  });
  step('person', 'Link to a person of the register, by personnummer or by registering them', linkPersonInputSchema, 'linkPerson', 'concern.link_person', async (scope, row, input) => ({
    personId: await linkPerson(scope, { cipher, blindIndex, crypto }, row, input),
  }));

  routes.delete(
    '/api/concerns/:id/person',
    { schema: { tags, summary: 'Undo a link to the wrong person', params: concernIdParamsSchema, response: { 200: concernDetailSchema, ...errors } }, preHandler },
    async (request) =>
      (await act(request, request.params.id, 'unlinkPerson', 'concern.unlink_person', async (scope, row) => {
        await unlinkPerson(scope, crypto, row);
        return {};
      }))!,
  );

  routes.post(
    '/api/concerns/:id/forward',
    {
      schema: {
        tags,
        summary: 'Forward to another receiving organisation, with the legal basis of the disclosure',
        params: concernIdParamsSchema,
        body: forwardInputSchema,
        response: { 200: z.object({ forwardedTo: z.object({ id: z.uuid(), name: z.string() }), concern: concernDetailSchema.nullable() }), ...errors },
      },
      preHandler,
    },
    async (request) => {
      let forwardedTo = { id: '', name: '' };
      const concern: ConcernDetail | null = await act(request, request.params.id, 'forward', 'concern.forward', async (scope, row) => {
        const details = await forwardConcern(scope.tx, scope.actor, crypto, row, request.body);
        forwardedTo = { id: String(details.toOrganisationId), name: String(details.toOrganisationName) };
        return { details, legalBasis: request.body.legalBasis };
      });
      // `concern` is null when the actor no longer sees the report (it left their organisation).
      return { forwardedTo, concern };
    },
  );
}
