import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { errorBodySchema } from '../../../shared/errors';
import { sharingAnswerSchema, sharingQuestionSchema } from '../../../shared/sharing';
import { evaluateSharing } from '../../../shared/sharing-engine';
import { sharingRuleListSchema } from '../../../shared/sharing-rules';
import type { SharingGuideResource } from './policy';
import { presentRulesInForce } from './present-rules';

const tags = ['sharing'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema };

/**
 * "Får vi dela?": the lawful-sharing guide. The engine is shared code, but the server is the source of
 * truth: the page asks here, and every question is audited so the log shows that the guide is used.
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
        summary: 'Ask the guide: may this information go from this organisation to that one, and on what basis?',
        body: sharingQuestionSchema,
        response: { 200: sharingAnswerSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'sharing.question', resourceType: 'sharing_guide' };
        scope.authorize('ask', guide(scope), entry);
        const answer = evaluateSharing(request.body);
        // The question names no person (no personId): only its shape and the answer, so reviewers see how the guide is used.
        await scope.audit({
          ...entry,
          legalBasis: answer.basis,
          details: {
            from: request.body.from.type,
            to: request.body.to.type,
            purpose: request.body.purpose,
            category: request.body.category,
            consent: request.body.consent,
            allowed: answer.allowed,
            ruleId: answer.ruleId,
          },
        });
        return answer;
      }),
  );

  routes.get(
    '/api/sharing/rules',
    { schema: { tags, summary: 'The lawful-sharing rules in force today, with their sources and dates of effect', response: { 200: sharingRuleListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('listRules', guide(scope), { action: 'sharing.rules', resourceType: 'sharing_guide' });
        return presentRulesInForce();
      }),
  );
}
