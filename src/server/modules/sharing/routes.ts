import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { notFound } from '../../http/errors';
import { now } from '../../clock';
import { sharingRuleReview, user } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import { CONSENT_FINDING_TEXT, sharingAnswerSchema, sharingGuideQuestionSchema } from '../../../shared/sharing';
import { enabledRules, evaluateSharing } from '../../../shared/sharing-engine';
import { SHARING_RULES, ruleDisableInputSchema, ruleIdParamsSchema, ruleReviewInputSchema, ruleReviewListSchema, ruleVersion, sharingRuleListSchema } from '../../../shared/sharing-rules';
import { todayInSweden, youngPersonConsentAge } from '../consents/consent-state';
import { consentFromFacts } from '../consents/consent-facts';
import type { SharingGuideResource } from './policy';
import { answerReview, disabledIds, loadReviews, presentReview, presentRulesInForce } from './rule-review';
import { renderReviewPackPdf } from './review-pack-pdf';

const tags = ['sharing'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const onQuerySchema = z.object({ on: z.iso.date().optional() }).strict();

/**
 * "Får vi dela?": the lawful-sharing guide, and its legal review (issue 17). The engine is shared code,
 * but the server is the source of truth: the page asks here, the consent state is worked out from the
 * facts by the consent module, the tenant's disabled rules are left out, the answer carries the tenant's
 * review of its rule, and every question and every act of review is audited.
 */
export function registerSharingRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);
  const guide = (scope: RequestScope): SharingGuideResource => ({ kind: 'sharing_guide', tenantId: scope.actor.tenantId, id: null });

  routes.post(
    '/api/sharing/questions',
    {
      schema: {
        tags,
        summary: 'Ask the guide with the facts: may this information go from this organisation to that one, and on what basis?',
        body: sharingGuideQuestionSchema,
        response: { 200: sharingAnswerSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.question', resourceType: 'sharing_guide' };
        scope.authorize('ask', guide(scope), entry);
        const { consentFacts, ...question } = request.body;
        const on = question.on ?? todayInSweden();
        const finding = consentFromFacts(consentFacts, { personAge: question.personAge, category: question.category, on }, await youngPersonConsentAge(scope.tx, scope.actor.tenantId));
        const reviews = await loadReviews(scope.tx, scope.actor.tenantId);
        const evaluated = evaluateSharing({ ...question, on, consent: finding.state }, enabledRules(disabledIds(reviews)));
        const answer = {
          ...evaluated,
          review: answerReview(evaluated.ruleId, reviews),
          consentFinding: { state: finding.state, reason: finding.reason, ...CONSENT_FINDING_TEXT[finding.reason] },
        };
        // The question names no person (no personId): only its shape and the answer, so reviewers see how the guide is used.
        await scope.audit({
          ...entry,
          legalBasis: answer.basis,
          details: {
            from: question.from.type,
            to: question.to.type,
            purpose: question.purpose,
            category: question.category,
            consent: finding.state,
            consentReason: finding.reason,
            on,
            allowed: answer.allowed,
            ruleId: answer.ruleId,
            ruleVersion: answer.ruleVersion,
            unconfirmed: answer.unconfirmed,
          },
        });
        return answer;
      }),
  );

  routes.get(
    '/api/sharing/rules',
    {
      schema: { tags, summary: 'The lawful-sharing rules in force on a date (default today), with sources and dates of effect', querystring: onQuerySchema, response: { 200: sharingRuleListSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('listRules', guide(scope), { action: 'sharing.rules', resourceType: 'sharing_guide' });
        const reviews = await loadReviews(scope.tx, scope.actor.tenantId);
        return presentRulesInForce(request.query.on ?? todayInSweden(), disabledIds(reviews), await youngPersonConsentAge(scope.tx, scope.actor.tenantId));
      }),
  );

  routes.get(
    '/api/sharing/review',
    { schema: { tags, summary: 'Every rule with its source, dates, review note, the tenant’s review and the tests that cover it (jurist)', response: { 200: ruleReviewListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.review_list', resourceType: 'sharing_guide' };
        scope.authorize('readReview', guide(scope), entry);
        await scope.audit(entry);
        return presentReview(await loadReviews(scope.tx, scope.actor.tenantId));
      }),
  );

  routes.get(
    '/api/sharing/review-pack.pdf',
    { schema: { tags, summary: 'The printable review pack: every rule, its source, dates, reasoning and worked examples (jurist)', response: { 200: z.any(), ...errors } }, preHandler },
    async (request, reply) => {
      const pdf = await withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.review_pack', resourceType: 'sharing_guide' };
        scope.authorize('readReview', guide(scope), entry);
        await scope.audit(entry);
        return renderReviewPackPdf({ review: presentReview(await loadReviews(scope.tx, scope.actor.tenantId)), tenantName: scope.actor.tenantName, printedOn: todayInSweden() });
      });
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="granskning-far-vi-dela.pdf"').send(pdf);
    },
  );

  /** The rule, or 404 (an unknown rule id). */
  const ruleOf = (ruleId: string) => {
    const rule = SHARING_RULES.find((candidate) => candidate.id === ruleId);
    if (!rule) throw notFound();
    return rule;
  };
  const nameOf = async (scope: RequestScope) => (await scope.tx.select({ name: user.name }).from(user).where(eq(user.id, scope.actor.userId)))[0]?.name ?? scope.actor.userId;

  routes.put(
    '/api/sharing/rules/:ruleId/review',
    { schema: { tags, summary: 'Mark a rule reviewed, with a comment: the reviewer, the time and the rule version are recorded (jurist)', params: ruleIdParamsSchema, body: ruleReviewInputSchema, response: { 200: ruleReviewListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.rule_review', resourceType: 'sharing_rule', resourceId: request.params.ruleId };
        scope.authorize('review', guide(scope), entry);
        const rule = ruleOf(request.params.ruleId);
        const version = ruleVersion(rule);
        const values = { reviewedVersion: version, reviewedBy: scope.actor.userId, reviewedByName: await nameOf(scope), reviewedAt: now(), reviewComment: request.body.comment, updatedAt: now() };
        await scope.tx
          .insert(sharingRuleReview)
          .values({ tenantId: scope.actor.tenantId, ruleId: rule.id, ...values })
          .onConflictDoUpdate({ target: [sharingRuleReview.tenantId, sharingRuleReview.ruleId], set: values });
        await scope.audit({ ...entry, details: { ruleId: rule.id, ruleVersion: version, comment: request.body.comment } });
        return presentReview(await loadReviews(scope.tx, scope.actor.tenantId));
      }),
  );

  routes.put(
    '/api/sharing/rules/:ruleId/disable',
    { schema: { tags, summary: 'Disable a rule for the tenant, with a reason; the guide then answers without it (jurist)', params: ruleIdParamsSchema, body: ruleDisableInputSchema, response: { 200: ruleReviewListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.rule_disable', resourceType: 'sharing_rule', resourceId: request.params.ruleId };
        scope.authorize('disable', guide(scope), entry);
        const rule = ruleOf(request.params.ruleId);
        const values = { disabled: true, disabledBy: scope.actor.userId, disabledByName: await nameOf(scope), disabledAt: now(), disabledReason: request.body.reason, updatedAt: now() };
        await scope.tx
          .insert(sharingRuleReview)
          .values({ tenantId: scope.actor.tenantId, ruleId: rule.id, ...values })
          .onConflictDoUpdate({ target: [sharingRuleReview.tenantId, sharingRuleReview.ruleId], set: values });
        await scope.audit({ ...entry, details: { ruleId: rule.id, ruleVersion: ruleVersion(rule), reason: request.body.reason } });
        return presentReview(await loadReviews(scope.tx, scope.actor.tenantId));
      }),
  );

  routes.delete(
    '/api/sharing/rules/:ruleId/disable',
    { schema: { tags, summary: 'Enable a disabled rule again (jurist)', params: ruleIdParamsSchema, response: { 200: ruleReviewListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.rule_enable', resourceType: 'sharing_rule', resourceId: request.params.ruleId };
        scope.authorize('disable', guide(scope), entry);
        const rule = ruleOf(request.params.ruleId);
        await scope.tx
          .update(sharingRuleReview)
          .set({ disabled: false, disabledBy: null, disabledByName: null, disabledAt: null, disabledReason: null, updatedAt: now() })
          .where(and(eq(sharingRuleReview.tenantId, scope.actor.tenantId), eq(sharingRuleReview.ruleId, rule.id)));
        await scope.audit({ ...entry, details: { ruleId: rule.id } });
        return presentReview(await loadReviews(scope.tx, scope.actor.tenantId));
      }),
  );
}
