import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { conflict, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { now } from '../../clock';
import { actionPlan, placeAction, planReview } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import {
  actionIdParamsSchema,
  actionPlanInputSchema,
  actionPlanSchema,
  effectQuerySchema,
  effectSchema,
  placeActionInputSchema,
  placeActionListQuerySchema,
  placeActionListSchema,
  placeActionSchema,
  placeActionStatusInputSchema,
  planReviewInputSchema,
  yearParamsSchema,
  type EffectCounts,
} from '../../../shared/place-actions';
import { actionResource, actionValues, checkReferences, findAction, listActions, presentAction, type ActionRow } from './action-queries';
import { effectOf, presentEffect } from './effect';
import { readsSuppressedOnly } from '../lagesbild/policy';
import { findPlan, planResource, presentPlan } from './plan';
import { renderActionPlanPdf } from './plan-pdf';
import { suppressionK } from '../lagesbild/settings';

const TAGS = ['place-actions'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const ACTION_AUDIT = (action: string) => ({ action, resourceType: 'place_action' });
const PLAN_AUDIT = (action: string) => ({ action, resourceType: 'action_plan' });

/**
 * Place actions (åtgärder), their effect, and the yearly action plan with its reviews (issue 14 §3).
 * Every partner's staff reads; the EST group's leads decide; the owner moves the status along.
 */
export function registerPlaceActionRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  /** Load an action for `verb`; an unknown id and a denied one look the same (404 after the denial is audited). */
  async function loadAction(scope: RequestScope, id: string, verb: string, auditAction: string): Promise<ActionRow> {
    scope.authorize('read', actionResource(scope.actor.tenantId, null), ACTION_AUDIT(auditAction));
    const row = await findAction(scope.tx, scope.actor.tenantId, id);
    if (!row) throw notFound();
    scope.authorize(verb, actionResource(row.tenantId, row), { ...ACTION_AUDIT(auditAction), resourceId: row.id });
    return row;
  }

  routes.get(
    '/api/place-actions',
    { schema: { tags: TAGS, summary: 'The tenant’s place actions (filter by status, area, week, overdue)', querystring: placeActionListQuerySchema, response: { 200: placeActionListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = actionResource(scope.actor.tenantId, null);
        scope.authorize('read', collection, ACTION_AUDIT('place_action.list'));
        const rows = await listActions(scope.tx, scope.actor.tenantId, request.query);
        return { actions: rows.map((row) => presentAction(scope.actor, row)), abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.post(
    '/api/place-actions',
    { schema: { tags: TAGS, summary: 'Decide a place action', body: placeActionInputSchema, response: { 201: placeActionSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('decide', actionResource(scope.actor.tenantId, null), ACTION_AUDIT('place_action.decide'));
        const fields = await checkReferences(scope.tx, scope.actor.tenantId, request.body);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        const [inserted] = await scope.tx
          .insert(placeAction)
          .values({ tenantId: scope.actor.tenantId, ...actionValues(request.body), decidedBy: scope.actor.userId, decidedAt: now(), updatedAt: now() })
          .returning({ id: placeAction.id });
        await scope.audit({ ...ACTION_AUDIT('place_action.decide'), resourceId: inserted!.id, details: { kind: request.body.kind, week: request.body.week } });
        reply.status(201);
        return presentAction(scope.actor, (await findAction(scope.tx, scope.actor.tenantId, inserted!.id))!);
      }),
  );

  routes.get(
    '/api/place-actions/:actionId',
    { schema: { tags: TAGS, summary: 'One place action', params: actionIdParamsSchema, response: { 200: placeActionSchema, ...errors } }, preHandler },
    async (request) => withActor(database, request, async (scope) => presentAction(scope.actor, await loadAction(scope, request.params.actionId, 'read', 'place_action.read'))),
  );

  routes.put(
    '/api/place-actions/:actionId',
    { schema: { tags: TAGS, summary: 'Change a place action’s details', params: actionIdParamsSchema, body: placeActionInputSchema, response: { 200: placeActionSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadAction(scope, request.params.actionId, 'update', 'place_action.update');
        const fields = await checkReferences(scope.tx, scope.actor.tenantId, request.body);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        await scope.tx
          .update(placeAction)
          .set({ ...actionValues(request.body), updatedAt: now() })
          .where(and(eq(placeAction.tenantId, row.tenantId), eq(placeAction.id, row.id)));
        await scope.audit({ ...ACTION_AUDIT('place_action.update'), resourceId: row.id });
        return presentAction(scope.actor, (await findAction(scope.tx, row.tenantId, row.id))!);
      }),
  );

  routes.post(
    '/api/place-actions/:actionId/status',
    { schema: { tags: TAGS, summary: 'Move an action’s status (its owner or the EST group)', params: actionIdParamsSchema, body: placeActionStatusInputSchema, response: { 200: placeActionSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadAction(scope, request.params.actionId, 'set_status', 'place_action.status');
        const status = request.body.status;
        const completedAt = status === 'genomford' ? (row.completedAt ?? now()) : null;
        await scope.tx
          .update(placeAction)
          .set({ status, completedAt, updatedAt: now() })
          .where(and(eq(placeAction.tenantId, row.tenantId), eq(placeAction.id, row.id)));
        await scope.audit({ ...ACTION_AUDIT('place_action.status'), resourceId: row.id, details: { from: row.status, to: status } });
        return presentAction(scope.actor, (await findAction(scope.tx, row.tenantId, row.id))!);
      }),
  );

  routes.get(
    '/api/place-actions/:actionId/effect',
    { schema: { tags: TAGS, summary: 'Verified events at the action’s place, N weeks before and after (not proof of causation)', params: actionIdParamsSchema, querystring: effectQuerySchema, response: { 200: effectSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadAction(scope, request.params.actionId, 'read', 'place_action.effect');
        const effect = await effectOf(scope.tx, row, request.query.weeks, request.query.from);
        if (!effect) throw conflict({ from: 'not_completed' });
        const suppressed = readsSuppressedOnly(scope.actor);
        await scope.audit({ ...ACTION_AUDIT('place_action.effect'), resourceId: row.id, details: { suppressed } });
        return presentEffect(effect, suppressed, await suppressionK(scope.tx, scope.actor.tenantId));
      }),
  );

  // ---- the yearly action plan ----

  async function planOf(scope: RequestScope, year: number, verb: string, auditAction: string) {
    const row = await findPlan(scope.tx, scope.actor.tenantId, year);
    scope.authorize(verb, planResource(scope.actor.tenantId, row ?? { status: 'utkast' }), { ...PLAN_AUDIT(auditAction), resourceId: row?.id });
    return row;
  }

  routes.get(
    '/api/action-plans/:year',
    { schema: { tags: TAGS, summary: 'The year’s action plan with its actions and reviews (an empty draft when none yet)', params: yearParamsSchema, response: { 200: actionPlanSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await planOf(scope, request.params.year, 'read', 'action_plan.read');
        return presentPlan(scope.tx, scope.actor, request.params.year, row);
      }),
  );

  routes.put(
    '/api/action-plans/:year',
    { schema: { tags: TAGS, summary: 'Write the year’s draft plan: priorities and follow-up', params: yearParamsSchema, body: actionPlanInputSchema, response: { 200: actionPlanSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { year } = request.params;
        const existing = await findPlan(scope.tx, scope.actor.tenantId, year);
        if (existing?.status === 'antagen') {
          scope.authorize('read', planResource(scope.actor.tenantId, existing), PLAN_AUDIT('action_plan.write'));
          throw conflict({ status: 'adopted' });
        }
        await planOf(scope, year, 'write', 'action_plan.write');
        const values = { priorities: request.body.priorities, followUp: request.body.followUp, updatedAt: now() };
        if (existing) await scope.tx.update(actionPlan).set(values).where(and(eq(actionPlan.tenantId, existing.tenantId), eq(actionPlan.id, existing.id)));
        else await scope.tx.insert(actionPlan).values({ tenantId: scope.actor.tenantId, year, ...values });
        const row = await findPlan(scope.tx, scope.actor.tenantId, year);
        await scope.audit({ ...PLAN_AUDIT('action_plan.write'), resourceId: row!.id, details: { year, priorities: request.body.priorities.length } });
        return presentPlan(scope.tx, scope.actor, year, row);
      }),
  );

  routes.post(
    '/api/action-plans/:year/adopt',
    { schema: { tags: TAGS, summary: 'Adopt the year’s plan (it is then fixed; reviews still attach)', params: yearParamsSchema, response: { 200: actionPlanSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { year } = request.params;
        const existing = await findPlan(scope.tx, scope.actor.tenantId, year);
        if (!existing) {
          scope.authorize('write', planResource(scope.actor.tenantId, null), PLAN_AUDIT('action_plan.adopt'));
          throw notFound();
        }
        if (existing.status === 'antagen') {
          scope.authorize('read', planResource(scope.actor.tenantId, existing), PLAN_AUDIT('action_plan.adopt'));
          throw conflict({ status: 'adopted' });
        }
        await planOf(scope, year, 'adopt', 'action_plan.adopt');
        await scope.tx
          .update(actionPlan)
          .set({ status: 'antagen', adoptedAt: now(), adoptedBy: scope.actor.userId, updatedAt: now() })
          .where(and(eq(actionPlan.tenantId, existing.tenantId), eq(actionPlan.id, existing.id)));
        await scope.audit({ ...PLAN_AUDIT('action_plan.adopt'), resourceId: existing.id, details: { year } });
        return presentPlan(scope.tx, scope.actor, year, await findPlan(scope.tx, scope.actor.tenantId, year));
      }),
  );

  routes.post(
    '/api/action-plans/:year/reviews',
    { schema: { tags: TAGS, summary: 'Attach a quarterly analysis or the yearly evaluation', params: yearParamsSchema, body: planReviewInputSchema, response: { 201: actionPlanSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const { year } = request.params;
        const row = await planOf(scope, year, 'review', 'action_plan.review');
        if (!row) throw notFound();
        if (!request.body.period.startsWith(String(year))) throw invalid({ period: 'other_year' });
        if ((request.body.kind === 'ar') !== !request.body.period.includes('-Q')) throw invalid({ period: 'kind_mismatch' });
        const [inserted] = await scope.tx
          .insert(planReview)
          .values({ tenantId: row.tenantId, planId: row.id, kind: request.body.kind, period: request.body.period, text: request.body.text, createdBy: scope.actor.userId, createdAt: now() })
          .returning({ id: planReview.id });
        await scope.audit({ ...PLAN_AUDIT('action_plan.review'), resourceId: row.id, details: { reviewId: inserted!.id, kind: request.body.kind, period: request.body.period } });
        reply.status(201);
        return presentPlan(scope.tx, scope.actor, year, row);
      }),
  );

  routes.get(
    '/api/action-plans/:year/plan.pdf',
    { schema: { tags: TAGS, summary: 'The year’s action plan as PDF (counts suppressed below k)', params: yearParamsSchema, response: { 200: z.any(), ...errors } }, preHandler },
    async (request, reply) => {
      const pdf = await withActor(database, request, async (scope) => {
        const { year } = request.params;
        const row = await planOf(scope, year, 'print', 'action_plan.print');
        const plan = await presentPlan(scope.tx, scope.actor, year, row);
        const effects = new Map<string, EffectCounts>();
        for (const action of plan.actions) {
          const full = await findAction(scope.tx, scope.actor.tenantId, action.id);
          const effect = full ? await effectOf(scope.tx, full, 6, 'decided') : null;
          if (effect) effects.set(action.id, effect);
        }
        const areaIds = plan.priorities.map((p) => p.areaId).filter((id): id is string => id !== null);
        const areaRows = areaIds.length
          ? (await scope.tx.execute<{ id: string; name: string }>(sql`select id, name from area where tenant_id = ${scope.actor.tenantId} and id in (${sql.join(areaIds.map((id) => sql`${id}::uuid`), sql`, `)})`)).rows
          : [];
        await scope.audit({ ...PLAN_AUDIT('action_plan.print'), resourceId: row?.id, details: { year } });
        return renderActionPlanPdf({ plan, effects, areaNames: new Map(areaRows.map((a) => [a.id, a.name])), tenantName: scope.actor.tenantName, k: await suppressionK(scope.tx, scope.actor.tenantId) });
      });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="atgardsplan-${request.params.year}.pdf"`).send(pdf);
    },
  );
}
