import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { can } from '../../policy/can';
import { errorMessage, languageFromHeader } from '../../http/messages';
import { errorBodySchema } from '../../../shared/errors';
import { evaluateSharing } from '../../../shared/sharing-engine';
import {
  actionInputSchema,
  actionUpdateSchema,
  addMemberInputSchema,
  caseChildParamsSchema,
  caseDetailSchema,
  caseIdParamsSchema,
  caseListQuerySchema,
  caseListSchema,
  caseTransitionInputSchema,
  closeCaseInputSchema,
  factorInputSchema,
  factorUpdateSchema,
  goalInputSchema,
  guardianParticipationInputSchema,
  meetingHeldInputSchema,
  meetingInputSchema,
  openCaseInputSchema,
  protectedIdentityDecisionInputSchema,
  type CaseDetail,
  type CaseStatus,
} from '../../../shared/cases';
import { ageOn, loadConsentView, todayInSweden } from '../consents/consent-state';
import { caseCrypto, type CaseCrypto } from './case-crypto';
import { appendCaseEvent, casesResource, findCase, touchCase, type CaseRow } from './case-record';
import * as steps from './case-steps';
import { viewCase, type CaseView } from './case-view';
import { consentStanding } from './consent-check';
import { listCases } from './list-cases';
import { openCase } from './open-case';
import { isDirector, type CaseResource } from './policy';
import { blockedBy } from './status-machine';
import { registerCaseExtraRoutes } from './extra-routes';
import { and, count, eq, inArray } from 'drizzle-orm';
import { caseAction, caseGoal, organisation, person } from '../../db/schema';

const tags = ['cases'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** A team member refused by the engine: the field carries the engine's own explanation, in the caller's language. */
class RefusedMember extends Error {
  constructor(readonly explanationSv: string, readonly explanationEn: string) {
    super('refused');
  }
}

/**
 * The SSPF case: list, open, read (filtered per section by the lawful-sharing engine) and every step
 * of the work. A case the actor may not reach answers 404 exactly like one that does not exist; every
 * read and step is audited with the person, and every step lands in the case's chronology.
 */
export function registerCaseRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const crypto: CaseCrypto = caseCrypto(context.cipher);

  /** Loads and views a case for the actor; 404 (audited) unless they reach it and see something of it. */
  async function load(scope: RequestScope, id: string, auditAction: string, lock = false): Promise<{ row: CaseRow; view: CaseView }> {
    const row = await findCase(scope.tx, scope.actor.tenantId, id, lock);
    if (!row) throw notFound();
    const view = await viewCase(scope.tx, scope.actor, crypto, row);
    scope.authorize('read', view.resource, { action: auditAction, resourceType: 'case', resourceId: row.id, personId: row.personId });
    return { row, view };
  }

  async function present(scope: RequestScope, id: string): Promise<CaseDetail> {
    const row = (await findCase(scope.tx, scope.actor.tenantId, id))!;
    return (await viewCase(scope.tx, scope.actor, crypto, row)).detail;
  }

  /** One step on a case: load and lock, authorize, run, write the chronology and the audit, answer with the case. */
  async function act(
    request: FastifyRequest,
    id: string,
    action: string,
    auditAction: string,
    run: (ctx: steps.StepContext, view: CaseView, scope: RequestScope) => Promise<steps.StepOutcome>,
    resourceFor: (resource: CaseResource) => CaseResource = (resource) => resource,
  ): Promise<CaseDetail> {
    return withActor(database, request, async (scope) => {
      const { row, view } = await load(scope, id, auditAction, true);
      const entry = { action: auditAction, resourceType: 'case', resourceId: row.id, personId: row.personId };
      refuseWhenClosed(row);
      scope.authorize(action, resourceFor(view.resource), entry);
      const outcome = await run({ tx: scope.tx, actor: scope.actor, crypto, row, members: view.members }, view, scope);
      await touchCase(scope.tx, row, (outcome.changes ?? {}) as Parameters<typeof touchCase>[2]);
      await appendCaseEvent(scope.tx, row, scope.actor.userId, outcome.event);
      await scope.audit({ ...entry, legalBasis: outcome.legalBasis ?? null, details: auditDetailsOf(outcome) });
      return present(scope, row.id);
    });
  }

  routes.get(
    '/api/cases',
    { schema: { tags, summary: 'Cases the actor directs or is on the team of, and sees something of: one page, newest change first', querystring: caseListQuerySchema, response: { 200: caseListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('list', casesResource(scope.actor.tenantId), { action: 'case.list', resourceType: 'case' });
        const { cases, nextCursor } = await listCases(scope.tx, scope.actor, request.query);
        // The page, and each summary on it as a read about its person (findable by person): one statement.
        await scope.auditAll([
          { action: 'case.list', resourceType: 'case', details: { count: cases.length, caseIds: cases.map((c) => c.id) } },
          ...cases.map((summary) => ({ action: 'case.list', resourceType: 'case', resourceId: summary.id, personId: summary.personId, details: { excerpt: true } })),
        ]);
        return { cases, nextCursor };
      }),
  );

  routes.post(
    '/api/cases',
    { schema: { tags, summary: 'Open a case, directly (coordinator) or from a concern', body: openCaseInputSchema, response: { 201: caseDetailSchema, ...errors } }, preHandler },
    async (request, reply) => {
      const detail = await withActor(database, request, async (scope) => {
        scope.authorize('open', casesResource(scope.actor.tenantId), { action: 'case.open', resourceType: 'case', personId: request.body.personId });
        const row = await openCase(scope, request.body);
        await scope.audit({ action: 'case.open', resourceType: 'case', resourceId: row.id, personId: row.personId, details: { concernId: row.concernId, directorUserId: row.directorUserId, ownerOrganisationId: row.ownerOrganisationId } });
        const view = await viewCase(scope.tx, scope.actor, crypto, row);
        // Someone who opened a case for another coordinator is not on its team: they get the bare case back.
        return can(scope.actor, 'read', view.resource) ? view.detail : bare(view.detail);
      });
      return reply.status(201).send(detail);
    },
  );

  routes.get(
    '/api/cases/:id',
    { schema: { tags, summary: 'One case, each section shown or hidden by the lawful-sharing engine', params: caseIdParamsSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, view } = await load(scope, request.params.id, 'case.read');
        await scope.audit({ action: 'case.read', resourceType: 'case', resourceId: row.id, personId: row.personId, legalBasis: view.legalBasis, details: { sections: view.auditSections } });
        return view.detail;
      }),
  );

  routes.post(
    '/api/cases/:id/transitions',
    { schema: { tags, summary: 'Move the case to its next status', params: caseIdParamsSchema, body: caseTransitionInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) =>
      act(request, request.params.id, 'transition', 'case.transition', async (ctx) => {
        const from = ctx.row.status as CaseStatus;
        const to = request.body.to;
        const standing = await consentStanding(ctx.tx, ctx.row.tenantId, ctx.row.personId);
        const [goals] = await ctx.tx.select({ n: count() }).from(caseGoal).where(and(eq(caseGoal.tenantId, ctx.row.tenantId), eq(caseGoal.caseId, ctx.row.id)));
        const [actions] = await ctx.tx.select({ n: count() }).from(caseAction).where(and(eq(caseAction.tenantId, ctx.row.tenantId), eq(caseAction.caseId, ctx.row.id)));
        const reason = blockedBy(from, to, { consent: standing, goalCount: Number(goals?.n ?? 0), actionCount: Number(actions?.n ?? 0) });
        if (reason) throw new AppError(409, 'conflict', { to: reason });
        const details = { from, to, consentId: standing.inForceId };
        return { changes: { status: to, ...(standing.inForceId ? { consentId: standing.inForceId } : {}) }, event: { type: 'case.transition', section: 'summary', details }, details };
      }),
  );

  routes.post(
    '/api/cases/:id/close',
    { schema: { tags, summary: 'Close the case with a reason and an outcome', params: caseIdParamsSchema, body: closeCaseInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'close', 'case.close', (ctx) => steps.closeCase(ctx, request.body)),
  );

  routes.post(
    '/api/cases/:id/members',
    { schema: { tags, summary: 'Add a team member, if the engine allows sharing the collaboration with their organisation', params: caseIdParamsSchema, body: addMemberInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request, reply) => {
      const refusal = await withActor(database, request, async (scope) => {
        // Asked first, in a transaction of its own: a "no" is audited (with the rule that said it) and stored nowhere else.
        const { row, view } = await load(scope, request.params.id, 'case.member_add');
        const entry = { action: 'case.member_add', resourceType: 'case', resourceId: row.id, personId: row.personId };
        refuseWhenClosed(row);
        scope.authorize('addMember', view.resource, entry);
        await steps.assertMembership(scope.tx, row.tenantId, request.body);
        const answer = await askForMember({ tx: scope.tx, actor: scope.actor, crypto, row, members: view.members }, request.body.organisationId, request.body.userId);
        if (answer.allowed) return null;
        await scope.audit({ ...entry, outcome: 'denied', legalBasis: answer.basis, details: { ruleId: answer.ruleId, ruleVersion: answer.ruleVersion, userId: request.body.userId, organisationId: request.body.organisationId } });
        return new RefusedMember(answer.explanationSv, answer.explanationEn);
      });
      try {
        if (refusal) throw refusal;
        return await act(request, request.params.id, 'addMember', 'case.member_add', async (ctx) => {
          await steps.assertMembership(ctx.tx, ctx.row.tenantId, request.body);
          const answer = await askForMember(ctx, request.body.organisationId, request.body.userId);
          if (!answer.allowed) throw new RefusedMember(answer.explanationSv, answer.explanationEn);
          return steps.addMember(ctx, request.body, answer.basis, answer);
        });
      } catch (error) {
        if (!(error instanceof RefusedMember)) throw error;
        const language = languageFromHeader(request.headers['accept-language']);
        return reply.status(400).send({
          error: { code: 'validation_failed', message: errorMessage('validation_failed', language), fields: { organisationId: language === 'en' ? error.explanationEn : error.explanationSv } },
        }) as never;
      }
    },
  );

  routes.delete(
    '/api/cases/:id/members/:childId',
    { schema: { tags, summary: 'Remove a team member', params: caseChildParamsSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'removeMember', 'case.member_remove', (ctx) => steps.removeMember(ctx, request.params.childId)),
  );

  routes.put(
    '/api/cases/:id/guardians',
    { schema: { tags, summary: 'Record whether a guardian takes part', params: caseIdParamsSchema, body: guardianParticipationInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'setGuardians', 'case.guardian_participation', (ctx) => steps.setGuardianParticipation(ctx, request.body)),
  );

  routes.post(
    '/api/cases/:id/factors',
    { schema: { tags, summary: 'Record a risk or protective factor (the note is encrypted)', params: caseIdParamsSchema, body: factorInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'addFactor', 'case.factor_add', (ctx) => steps.addFactor(ctx, request.body, isDirector(ctx.actor, ctx.row))),
  );

  routes.patch(
    '/api/cases/:id/factors/:childId',
    { schema: { tags, summary: 'Change a factor’s level or note', params: caseChildParamsSchema, body: factorUpdateSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, view } = await load(scope, request.params.id, 'case.factor_update', true);
        const factor = await steps.findFactor(scope.tx, row, request.params.childId);
        // Nobody changes a note they may not read, the director included.
        if (!factor || !view.detail.factors.some((shown) => shown.id === factor.id)) throw notFound();
        return runStep(scope, row, view, 'updateFactor', 'case.factor_update', { ...view.resource, factorSourceOrganisationId: factor.sourceOrganisationId }, (ctx) => steps.updateFactor(ctx, factor, request.body));
      }),
  );

  routes.post(
    '/api/cases/:id/goals',
    { schema: { tags, summary: 'Add a goal to the plan', params: caseIdParamsSchema, body: goalInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'addGoal', 'case.goal_add', (ctx) => steps.addGoal(ctx, request.body)),
  );

  routes.post(
    '/api/cases/:id/actions',
    { schema: { tags, summary: 'Add an action to the commitment plan', params: caseIdParamsSchema, body: actionInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'addAction', 'case.action_add', (ctx) => steps.addAction(ctx, request.body)),
  );

  routes.patch(
    '/api/cases/:id/actions/:childId',
    { schema: { tags, summary: 'Update an action (the director), or its status (the responsible member)', params: caseChildParamsSchema, body: actionUpdateSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, view } = await load(scope, request.params.id, 'case.action_update', true);
        const action = await steps.findAction(scope.tx, row, request.params.childId);
        if (!action || !view.detail.actions.some((a) => a.id === action.id)) throw notFound();
        const onlyStatus = Object.keys(request.body).every((key) => key === 'status');
        const resource = { ...view.resource, actionResponsibleUserId: action.responsibleUserId };
        if (!onlyStatus && !can(scope.actor, 'updateAction', resource) && can(scope.actor, 'updateActionStatus', resource)) throw new AppError(403, 'forbidden');
        return runStep(scope, row, view, onlyStatus ? 'updateActionStatus' : 'updateAction', 'case.action_update', resource, (ctx) => steps.updateAction(ctx, action, request.body));
      }),
  );

  routes.post(
    '/api/cases/:id/meetings',
    { schema: { tags, summary: 'Record a network or follow-up meeting (held, or planned)', params: caseIdParamsSchema, body: meetingInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'addMeeting', 'case.meeting_add', (ctx) => steps.addMeeting(ctx, request.body)),
  );

  routes.post(
    '/api/cases/:id/meetings/:childId/held',
    { schema: { tags, summary: 'Record a planned meeting as held: date, participants, decisions', params: caseChildParamsSchema, body: meetingHeldInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'addMeeting', 'case.meeting_held', (ctx) => steps.recordMeetingHeld(ctx, request.params.childId, request.body)),
  );

  routes.post(
    '/api/cases/:id/protected-identity-decision',
    { schema: { tags, summary: 'The director’s decision on sharing for a person with protected identity', params: caseIdParamsSchema, body: protectedIdentityDecisionInputSchema, response: { 200: caseDetailSchema, ...errors } }, preHandler },
    async (request) => act(request, request.params.id, 'decideProtectedIdentity', 'case.protected_identity_decision', (ctx) => steps.decideProtectedIdentity(ctx, request.body)),
  );

  /** A step whose resource carries facts about a child row (a factor, an action). */
  async function runStep(scope: RequestScope, row: CaseRow, view: CaseView, action: string, auditAction: string, resource: CaseResource, run: (ctx: steps.StepContext) => Promise<steps.StepOutcome>): Promise<CaseDetail> {
    const entry = { action: auditAction, resourceType: 'case', resourceId: row.id, personId: row.personId };
    refuseWhenClosed(row);
    scope.authorize(action, resource, entry);
    const outcome = await run({ tx: scope.tx, actor: scope.actor, crypto, row, members: view.members });
    await touchCase(scope.tx, row, (outcome.changes ?? {}) as Parameters<typeof touchCase>[2]);
    await appendCaseEvent(scope.tx, row, scope.actor.userId, outcome.event);
    await scope.audit({ ...entry, legalBasis: outcome.legalBasis ?? null, details: auditDetailsOf(outcome) });
    return present(scope, row.id);
  }

  registerCaseExtraRoutes(app, context, crypto);
}

/** The engine's answer for sharing the collaboration (samverkan) from the owner organisation to a new member's. */
async function askForMember(ctx: steps.StepContext, organisationId: string, userId: string) {
  const { tx, row } = ctx;
  const orgs = await tx
    .select({ id: organisation.id, type: organisation.type, isAuthority: organisation.isAuthority })
    .from(organisation)
    .where(and(eq(organisation.tenantId, row.tenantId), inArray(organisation.id, [row.ownerOrganisationId, organisationId])));
  const owner = orgs.find((o) => o.id === row.ownerOrganisationId);
  const target = orgs.find((o) => o.id === organisationId);
  const [subject] = await tx.select({ birthDate: person.birthDate, protectedIdentity: person.protectedIdentity }).from(person).where(and(eq(person.tenantId, row.tenantId), eq(person.id, row.personId)));
  const today = todayInSweden();
  const consentView = await loadConsentView(tx, row.tenantId, row.personId, today);
  return evaluateSharing({
    from: { type: (owner?.type ?? 'annan') as never, isAuthority: owner?.isAuthority ?? false },
    to: { type: (target?.type ?? 'annan') as never, isAuthority: target?.isAuthority ?? false },
    personAge: subject ? Math.max(0, ageOn(subject.birthDate, today)) : 0,
    category: 'samverkan',
    purpose: 'sspf_samverkan',
    consent: consentView.stateFor({ organisationId, userId }, 'samverkan'),
    protectedIdentity: (subject?.protectedIdentity ?? 'none') !== 'none',
    coordinatorDecision: row.protectedDecisionAllow === true,
    on: today,
  });
}

/** A closed case is kept for the record: every step on it is refused with a reason (409), not hidden. */
function refuseWhenClosed(row: CaseRow): void {
  if (row.status === 'avslutad') throw new AppError(409, 'conflict', { status: 'case_closed' });
}

/** The case without any section: what an opener who is not on the team gets back. */
function bare(detail: CaseDetail): CaseDetail {
  return {
    ...detail,
    members: [],
    guardians: [],
    consentId: null,
    consent: null,
    factors: [],
    goals: [],
    actions: [],
    meetings: [],
    concernId: detail.concernId,
    protectedIdentityDecision: null,
    access: detail.access.map((access) => ({ ...access, visible: false })),
    transitions: detail.transitions.map((t) => ({ ...t, allowed: false, blockedBy: 'not_case_director' })),
    abilities: Object.fromEntries(Object.keys(detail.abilities).map((key) => [key, false])),
    overdueActions: 0,
    nextMeetingOn: null,
  };
}

/**
 * The audit event's details for a case step: what happened (`type`, `section`) and the step's own
 * details. A step whose details carry a `type` of their own (an action's kind, e.g. mentorskap) keeps
 * it as `subtype`, so it never hides what the event was.
 */
function auditDetailsOf(outcome: steps.StepOutcome): Record<string, unknown> {
  const { type: subtype, ...rest } = outcome.details ?? {};
  return { ...rest, ...(subtype !== undefined ? { subtype } : {}), type: outcome.event.type, section: outcome.event.section };
}
