import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { conflict, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { languageFromHeader } from '../../http/messages';
import { can } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import { analysisInputSchema, isoWeekNumber, isoWeekParamsSchema, lagesbildQuerySchema, lagesbildSchema, sentLagesbildSchema, weekStateSchema, type Lagesbild } from '../../../shared/lagesbild';
import { lagesbildRecipient, lagesbildWeek } from '../../db/schema';
import { and, eq } from 'drizzle-orm';
import { notifyAll } from '../notifications/notify';
import { now } from '../../clock';
import { buildWeek, findArea, findWeek, weekForUpdate, weekReporters, weekResource, type WeekRow } from './week';
import { renderLagesbildPdf } from './lagesbild-pdf';
import { lagesbildSettingsSchema } from '../../../shared/lagesbild-settings';
import { saveSuppressionK, suppressionK } from './settings';

const TAGS = ['lagesbild'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const AUDIT = (action: string) => ({ action, resourceType: 'lagesbild' });

/**
 * The weekly lägesbild (issue 14 §2): every partner's staff reads the week, the analyst with small counts
 * suppressed; the EST group's leads write the analysis, close the week and send it. Sending stores the
 * picture as sent (suppressed figures and the analysis) and gives the week's reporters a notification
 * with a link to it, never the figures themselves. Every read and step is audited, with the week and
 * area, never a figure.
 */
export function registerLagesbildRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  /** The area of `?area=`, checked against the tenant (an unknown id is a field error, as in the places module). */
  const areaOf = async (scope: RequestScope, areaId: string | undefined) => {
    if (!areaId) return null;
    const found = await findArea(scope.tx, scope.actor.tenantId, areaId);
    if (!found) throw invalid({ area: 'unknown_area' });
    return found;
  };

  routes.get(
    '/api/lagesbild/:week',
    { schema: { tags: TAGS, summary: 'The week’s lägesbild for the tenant or an area (?area=)', params: isoWeekParamsSchema, querystring: lagesbildQuerySchema, response: { 200: lagesbildSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const week = request.params.week;
        scope.authorize('read', weekResource(scope.actor.tenantId, request.query.area ?? null, null), AUDIT('lagesbild.read'));
        const area = await areaOf(scope, request.query.area);
        const row = await findWeek(scope.tx, scope.actor.tenantId, isoWeekNumber(week), area?.id ?? null);
        const picture = await buildWeek(scope, { week, area, row, language: languageFromHeader(request.headers['accept-language']) });
        await scope.audit({ ...AUDIT('lagesbild.read'), details: { week, areaId: area?.id ?? null, suppressed: picture.suppressed } });
        return picture;
      }),
  );

  routes.get(
    '/api/lagesbild/:week/sent',
    { schema: { tags: TAGS, summary: 'The week as it was sent (suppressed figures, the analysis), unchanged by later events', params: isoWeekParamsSchema, querystring: lagesbildQuerySchema, response: { 200: sentLagesbildSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('read', weekResource(scope.actor.tenantId, request.query.area ?? null, null), AUDIT('lagesbild.read_sent'));
        const area = await areaOf(scope, request.query.area);
        const row = await findWeek(scope.tx, scope.actor.tenantId, isoWeekNumber(request.params.week), area?.id ?? null);
        if (!row || row.status !== 'sent' || !row.sentSnapshot || !row.sentAt) throw notFound();
        await scope.audit({ ...AUDIT('lagesbild.read_sent'), resourceId: row.id, details: { week: request.params.week, areaId: area?.id ?? null } });
        return { sentAt: row.sentAt.toISOString(), picture: row.sentSnapshot as Lagesbild };
      }),
  );

  routes.put(
    '/api/lagesbild/:week/analysis',
    { schema: { tags: TAGS, summary: 'Write the EST group’s analysis of an open week', params: isoWeekParamsSchema, querystring: lagesbildQuerySchema, body: analysisInputSchema, response: { 200: weekStateSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await writableWeek(scope, request.params.week, request.query.area, 'analyse', 'lagesbild.analyse');
        const [updated] = await scope.tx
          .update(lagesbildWeek)
          .set({ analysis: request.body.analysis, analysisBy: scope.actor.userId, analysisAt: now() })
          .where(and(eq(lagesbildWeek.tenantId, row.tenantId), eq(lagesbildWeek.id, row.id)))
          .returning();
        await scope.audit({ ...AUDIT('lagesbild.analyse'), resourceId: row.id, details: { week: request.params.week, areaId: row.areaId, length: request.body.analysis.length } });
        return stateOf(updated!, 0);
      }),
  );

  for (const [verb, action, status] of [
    ['close', 'close', 'closed'],
    ['reopen', 'reopen', 'open'],
  ] as const) {
    routes.post(
      `/api/lagesbild/:week/${verb}`,
      { schema: { tags: TAGS, summary: verb === 'close' ? 'Close the week: its analysis is final and it may be sent' : 'Open a closed (not yet sent) week again', params: isoWeekParamsSchema, querystring: lagesbildQuerySchema, body: z.object({}).strict().optional(), response: { 200: weekStateSchema, ...errors } }, preHandler },
      async (request) =>
        withActor(database, request, async (scope) => {
          const row = await writableWeek(scope, request.params.week, request.query.area, action, `lagesbild.${action}`);
          const [updated] = await scope.tx
            .update(lagesbildWeek)
            .set(status === 'closed' ? { status, closedBy: scope.actor.userId, closedAt: now() } : { status, closedBy: null, closedAt: null })
            .where(and(eq(lagesbildWeek.tenantId, row.tenantId), eq(lagesbildWeek.id, row.id)))
            .returning();
          await scope.audit({ ...AUDIT(`lagesbild.${action}`), resourceId: row.id, details: { week: request.params.week, areaId: row.areaId } });
          return stateOf(updated!, 0);
        }),
    );
  }

  routes.post(
    '/api/lagesbild/:week/send',
    { schema: { tags: TAGS, summary: 'Send a closed week: stores it as sent and gives its reporters the summary back', params: isoWeekParamsSchema, querystring: lagesbildQuerySchema, body: z.object({}).strict().optional(), response: { 200: weekStateSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const week = request.params.week;
        const row = await writableWeek(scope, week, request.query.area, 'send', 'lagesbild.send');
        const area = await areaOf(scope, request.query.area);
        // The version as sent goes to every partner and back to the reporters: suppressed figures, in Swedish.
        const picture = await buildWeek(scope, { week, area, row, language: 'sv', suppressed: true });
        const sentAt = now();
        const snapshot: Lagesbild = { ...picture, state: { ...picture.state, status: 'sent', sentAt: sentAt.toISOString() }, abilities: {} };
        const reporters = await weekReporters(scope.tx, scope.actor.tenantId, isoWeekNumber(week), area?.id ?? null);
        const [updated] = await scope.tx
          .update(lagesbildWeek)
          .set({ status: 'sent', sentBy: scope.actor.userId, sentAt, sentSnapshot: snapshot })
          .where(and(eq(lagesbildWeek.tenantId, row.tenantId), eq(lagesbildWeek.id, row.id)))
          .returning();
        if (reporters.length > 0) {
          await scope.tx.insert(lagesbildRecipient).values(reporters.map((userId) => ({ tenantId: row.tenantId, weekId: row.id, userId }))).onConflictDoNothing();
          const link = `/lagesbild/${week}?version=sent${area ? `&area=${area.id}` : ''}`;
          await notifyAll(scope.tx, scope.actor.tenantId, [{ kind: 'lagesbild.sent', link, userIds: reporters }]);
        }
        await scope.audit({ ...AUDIT('lagesbild.send'), resourceId: row.id, details: { week, areaId: row.areaId, recipients: reporters.length } });
        return stateOf(updated!, reporters.length);
      }),
  );

  routes.get(
    '/api/lagesbild/:week/pdf',
    { schema: { tags: TAGS, summary: 'The week as a PDF (suppressed figures; the sent version once sent)', params: isoWeekParamsSchema, querystring: lagesbildQuerySchema }, preHandler },
    async (request, reply) => {
      const pdf = await withActor(database, request, async (scope) => {
        const week = request.params.week;
        scope.authorize('print', weekResource(scope.actor.tenantId, request.query.area ?? null, null), AUDIT('lagesbild.print'));
        const area = await areaOf(scope, request.query.area);
        const row = await findWeek(scope.tx, scope.actor.tenantId, isoWeekNumber(week), area?.id ?? null);
        const picture = row?.status === 'sent' && row.sentSnapshot ? (row.sentSnapshot as Lagesbild) : await buildWeek(scope, { week, area, row, language: 'sv', suppressed: true });
        await scope.audit({ ...AUDIT('lagesbild.print'), resourceId: row?.id, details: { week, areaId: area?.id ?? null, sent: row?.status === 'sent' } });
        return renderLagesbildPdf({ picture, tenantName: scope.actor.tenantName });
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="lagesbild-${request.params.week}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  // The tenant's small-cell threshold k (issue 14 §4): the administrator's setting, audited with before and after.
  const settingsAudit = (action: string) => ({ action, resourceType: 'lagesbild_settings' });
  routes.get(
    '/api/lagesbild-settings',
    { schema: { tags: TAGS, summary: 'The tenant’s lägesbild settings: the small-cell threshold k', response: { 200: lagesbildSettingsSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('configure', weekResource(scope.actor.tenantId, null, null), settingsAudit('lagesbild.settings_read'));
        return { suppressionK: await suppressionK(scope.tx, scope.actor.tenantId) };
      }),
  );
  routes.put(
    '/api/lagesbild-settings',
    { schema: { tags: TAGS, summary: 'Change the small-cell threshold k (3 to 100): counts below it are shown as "< k"', body: lagesbildSettingsSchema, response: { 200: lagesbildSettingsSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('configure', weekResource(scope.actor.tenantId, null, null), settingsAudit('lagesbild.settings_update'));
        const before = await suppressionK(scope.tx, scope.actor.tenantId);
        await saveSuppressionK(scope.tx, scope.actor.tenantId, request.body.suppressionK, scope.actor.userId);
        await scope.audit({ ...settingsAudit('lagesbild.settings_update'), details: { suppressionK: { from: before, to: request.body.suppressionK } } });
        return { suppressionK: request.body.suppressionK };
      }),
  );
}

/** The week's row for a write: the role first (403, audited), then the week's state (409). */
async function writableWeek(scope: RequestScope, week: string, areaId: string | undefined, action: string, auditAction: string): Promise<WeekRow> {
  scope.authorize('write', weekResource(scope.actor.tenantId, areaId ?? null, null), AUDIT(auditAction));
  if (areaId && !(await findArea(scope.tx, scope.actor.tenantId, areaId))) throw invalid({ area: 'unknown_area' });
  const row = await weekForUpdate(scope.tx, scope.actor.tenantId, isoWeekNumber(week), areaId ?? null);
  if (!can(scope.actor, action, weekResource(scope.actor.tenantId, areaId ?? null, row))) throw conflict({ status: `week_${row.status}` });
  return row;
}

function stateOf(row: WeekRow, recipients: number) {
  return {
    status: row.status as 'open' | 'closed' | 'sent',
    analysis: row.analysis,
    analysisAt: row.analysisAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
    recipients,
  };
}
