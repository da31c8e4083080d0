import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { LOG_REVIEW_FLAG_KINDS, LOG_REVIEW_PATHS, logReviewMarkSchema, logReviewSchema, logReviewSettingsSchema } from '../../../shared/log-review';
import type { AuditLogResource } from './policy';
import { loadLogReview } from './review-flags';
import { markFlagReviewed, personOfFlagKey } from './review-marks';
import { loadLogReviewSettings, saveLogReviewSettings } from './review-settings';

const tags = ['audit-log'];
const markResultSchema = z.object({ id: z.uuid(), reviewedAt: z.string() });

/**
 * The log reviewer's systematic review (HSLF-FS 2016:40): flags computed from the last days of the log,
 * the tenant's thresholds, and marks on flags looked at. Reading, changing and marking are audited.
 */
export function registerLogReviewRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const logOf = (tenantId: string): AuditLogResource => ({ kind: 'audit_log', tenantId });

  routes.get(
    LOG_REVIEW_PATHS.api,
    { schema: { tags, summary: 'The systematic review: open and reviewed flags of the last days, and the thresholds', response: { 200: logReviewSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'audit_log.review', resourceType: 'audit_log' };
        scope.authorize('review', logOf(actor.tenantId), entry);
        const settings = await loadLogReviewSettings(tx, actor.tenantId);
        const review = await loadLogReview(tx, actor.tenantId, settings, new Date());
        const open = Object.fromEntries(LOG_REVIEW_FLAG_KINDS.map((kind) => [kind, review.open.filter((flag) => flag.kind === kind).length]));
        await scope.audit({ ...entry, details: { since: review.since, open, reviewed: review.reviewed.length } });
        return review;
      }),
  );

  routes.put(
    LOG_REVIEW_PATHS.settings,
    { schema: { tags, summary: 'Change the thresholds of the flags', body: logReviewSettingsSchema, response: { 200: logReviewSettingsSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'audit_log.review_settings.update', resourceType: 'log_review_settings' };
        scope.authorize('reviewSettings', logOf(actor.tenantId), entry);
        const before = await loadLogReviewSettings(tx, actor.tenantId);
        await saveLogReviewSettings(tx, actor.tenantId, request.body, actor.userId);
        await scope.audit({ ...entry, details: { before, after: request.body } });
        return loadLogReviewSettings(tx, actor.tenantId);
      }),
  );

  routes.post(
    LOG_REVIEW_PATHS.marks,
    { schema: { tags, summary: 'Mark a flag reviewed, with a comment (once; 409 after that)', body: logReviewMarkSchema, response: { 201: markResultSchema } }, preHandler },
    async (request, reply) => {
      const { kind, key } = request.body;
      const result = await withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const entry = { action: 'audit_log.review_mark', resourceType: 'log_review_mark', personId: personOfFlagKey({ kind, key }) };
        scope.authorize('markReviewed', logOf(actor.tenantId), entry);
        const mark = await markFlagReviewed(tx, actor.tenantId, request.body, actor.userId);
        // The comment goes into the hash-chained log too: the mark's table is not chained.
        await scope.audit({ ...entry, resourceId: mark.id, details: { kind, key, comment: request.body.comment } });
        return mark;
      });
      return reply.code(201).send(result);
    },
  );
}
