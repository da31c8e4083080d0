import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { hasRole } from '../../policy/rules';
import { now } from '../../clock';
import { mentor, mentorTraining, mentorVettingCheck } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import {
  MENTOR_COORDINATOR_ROLES,
  mentorDetailSchema,
  mentorIdParamsSchema,
  mentorInputSchema,
  mentorListQuerySchema,
  mentorListSchema,
  trainingInputSchema,
  vettingInputSchema,
  vettingStatus,
} from '../../../shared/mentors';
import { todayInSweden } from '../consents/consent-state';
import { mentorResource } from './policy';
import { checkMentorReferences, findMentor, mentorValues, presentMentor, presentMentorDetail, registerOptions, selectMentors, type MentorRow } from './queries';
import { registerMentorCaseRoutes } from './case-routes';

const TAGS = ['mentors'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const AUDIT = (action: string) => ({ action, resourceType: 'mentor' });

/**
 * The mentor register, issue 15 §5: coordinators keep all of it, each organisation's staff their own
 * mentors, and a mentor sees their own record. Vetting records the day the criminal-record extract was
 * seen and who saw it (the signed-in user), never the extract. Matching and the meeting log are in case-routes.ts.
 */
export function registerMentorRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  /** Load a mentor for `verb`; an unknown id and a denied one look the same (404, the denial audited). */
  async function load(scope: RequestScope, id: string, verb: string, auditAction: string): Promise<MentorRow> {
    const row = await findMentor(scope.tx, scope.actor.tenantId, id);
    if (!row) throw notFound();
    const entry = { ...AUDIT(auditAction), resourceId: row.id };
    scope.authorize('read', mentorResource(row.tenantId, row), entry);
    if (verb !== 'read') scope.authorize(verb, mentorResource(row.tenantId, row), entry);
    return row;
  }

  routes.get(
    '/api/mentors',
    { schema: { tags: TAGS, summary: 'The mentor register as the actor may see it (filter by vetting status, organisation)', querystring: mentorListQuerySchema, response: { 200: mentorListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor } = scope;
        const register = mentorResource(actor.tenantId, { id: null, organisationId: null });
        scope.authorize('list', register, AUDIT('mentor.list'));
        const coordinator = hasRole(actor, ...MENTOR_COORDINATOR_ROLES);
        const where: SQL[] = [];
        if (request.query.organisation) where.push(eq(mentor.organisationId, request.query.organisation));
        const today = todayInSweden();
        // Narrowed in SQL to what the actor may read; the policy then confirms each row.
        if (!coordinator) where.push(actor.role === 'mentor' ? eq(mentor.userId, actor.userId) : eq(mentor.organisationId, actor.organisationId));
        let rows = (await selectMentors(scope.tx, actor.tenantId, where)).filter((row) => abilitiesOf(actor, mentorResource(row.tenantId, row)).read);
        if (request.query.status) rows = rows.filter((row) => vettingStatus(row.lastCheckedOn, today) === request.query.status);
        await scope.audit({ ...AUDIT('mentor.list'), details: { count: rows.length } });
        const createAbility = abilitiesOf(actor, register).create ?? false;
        const options = createAbility ? await registerOptions(scope.tx, actor, coordinator) : { organisations: [], mentorUsers: [] };
        return { mentors: rows.map((row) => presentMentor(actor, row, today)), abilities: { create: createAbility }, ...options };
      }),
  );

  routes.post(
    '/api/mentors',
    { schema: { tags: TAGS, summary: 'Register a mentor (a coordinator, or staff of the mentor’s organisation)', body: mentorInputSchema, response: { 201: mentorDetailSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const input = request.body;
        scope.authorize('create', mentorResource(scope.actor.tenantId, { id: null, organisationId: input.organisationId }), AUDIT('mentor.create'));
        const fields = await checkMentorReferences(scope.tx, scope.actor.tenantId, input);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        const [inserted] = await scope.tx
          .insert(mentor)
          .values({ tenantId: scope.actor.tenantId, ...mentorValues(input), createdBy: scope.actor.userId, createdAt: now(), updatedAt: now() })
          .returning({ id: mentor.id });
        await scope.audit({ ...AUDIT('mentor.create'), resourceId: inserted!.id, details: { organisationId: input.organisationId, linked: input.userId !== null } });
        reply.status(201);
        return presentMentorDetail(scope.tx, scope.actor, (await findMentor(scope.tx, scope.actor.tenantId, inserted!.id))!, todayInSweden());
      }),
  );

  routes.get(
    '/api/mentors/:mentorId',
    { schema: { tags: TAGS, summary: 'One mentor with vetting checks and training', params: mentorIdParamsSchema, response: { 200: mentorDetailSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.mentorId, 'read', 'mentor.read');
        await scope.audit({ ...AUDIT('mentor.read'), resourceId: row.id });
        return presentMentorDetail(scope.tx, scope.actor, row, todayInSweden());
      }),
  );

  routes.put(
    '/api/mentors/:mentorId',
    { schema: { tags: TAGS, summary: 'Change a mentor (moving them to another organisation needs the right for both)', params: mentorIdParamsSchema, body: mentorInputSchema, response: { 200: mentorDetailSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.mentorId, 'update', 'mentor.update');
        const input = request.body;
        if (input.organisationId !== row.organisationId) scope.authorize('create', mentorResource(row.tenantId, { id: null, organisationId: input.organisationId }), { ...AUDIT('mentor.update'), resourceId: row.id });
        const fields = await checkMentorReferences(scope.tx, row.tenantId, input, row.id);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        await scope.tx
          .update(mentor)
          .set({ ...mentorValues(input), updatedAt: now() })
          .where(and(eq(mentor.tenantId, row.tenantId), eq(mentor.id, row.id)));
        await scope.audit({ ...AUDIT('mentor.update'), resourceId: row.id, details: { active: input.active, linked: input.userId !== null } });
        return presentMentorDetail(scope.tx, scope.actor, (await findMentor(scope.tx, row.tenantId, row.id))!, todayInSweden());
      }),
  );

  routes.post(
    '/api/mentors/:mentorId/vetting-checks',
    {
      schema: {
        tags: TAGS,
        summary: 'Record that the limited criminal-record extract for work with children was checked (the day; the signed-in user checked it). The extract is never stored.',
        params: mentorIdParamsSchema,
        body: vettingInputSchema,
        response: { 201: mentorDetailSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.mentorId, 'recordVetting', 'mentor.vetting_record');
        const today = todayInSweden();
        if (request.body.checkedOn > today) throw invalid({ checkedOn: 'mentor_checked_in_future' });
        await scope.tx.insert(mentorVettingCheck).values({ tenantId: row.tenantId, mentorId: row.id, checkedOn: request.body.checkedOn, checkedBy: scope.actor.userId, recordedAt: now() });
        await scope.audit({ ...AUDIT('mentor.vetting_record'), resourceId: row.id, details: { checkedOn: request.body.checkedOn } });
        reply.status(201);
        return presentMentorDetail(scope.tx, scope.actor, (await findMentor(scope.tx, row.tenantId, row.id))!, today);
      }),
  );

  routes.post(
    '/api/mentors/:mentorId/trainings',
    { schema: { tags: TAGS, summary: 'Record a completed training', params: mentorIdParamsSchema, body: trainingInputSchema, response: { 201: mentorDetailSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const row = await load(scope, request.params.mentorId, 'recordTraining', 'mentor.training_record');
        const today = todayInSweden();
        if (request.body.completedOn > today) throw invalid({ completedOn: 'mentor_training_in_future' });
        await scope.tx.insert(mentorTraining).values({ tenantId: row.tenantId, mentorId: row.id, name: request.body.name, completedOn: request.body.completedOn, recordedBy: scope.actor.userId, recordedAt: now() });
        await scope.audit({ ...AUDIT('mentor.training_record'), resourceId: row.id });
        reply.status(201);
        return presentMentorDetail(scope.tx, scope.actor, (await findMentor(scope.tx, row.tenantId, row.id))!, today);
      }),
  );

  registerMentorCaseRoutes(app, context);
}
