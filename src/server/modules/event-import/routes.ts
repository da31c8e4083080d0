import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { invalid } from '../../http/errors';
import { languageFromHeader } from '../../http/messages';
import { withActor, type RequestScope } from '../../http/request-scope';
import { requireSession } from '../../http/session';
import { errorBodySchema } from '../../../shared/errors';
import {
  EVENT_IMPORT_BODY_LIMIT,
  eventImportInputSchema,
  eventImportPreviewInputSchema,
  eventImportPreviewSchema,
  eventImportResultSchema,
  type EventImportInput,
} from '../../../shared/event-import';
import type { EventImportResource } from './policy';
import { checkImport, storeImport } from './run-import';

const tags = ['event imports'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema };
const resource = (scope: RequestScope): EventImportResource => ({ kind: 'event_import', tenantId: scope.actor.tenantId, id: null });

/**
 * Importing event reports from a log export or the police's feed (issue 14 §1). Both routes read the
 * whole file; the preview stores nothing, the import stores the good rows only (never a bad one) and
 * skips rows stored before. The audit records counts and the format, never a row's content.
 */
export function registerEventImportRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, cipher } = context;
  const preHandler = requireSession(context.auth);

  routes.post(
    '/api/event-imports/preview',
    {
      schema: { tags, summary: 'Read and check a CSV or police JSON file: rows with per-field errors and a summary; nothing is stored', body: eventImportPreviewInputSchema, response: { 200: eventImportPreviewSchema, ...errors } },
      bodyLimit: EVENT_IMPORT_BODY_LIMIT,
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'event_import.preview', resourceType: 'event_report' };
        scope.authorize('import', resource(scope), entry);
        const { preview } = await checkImport(scope, request.body, languageFromHeader(request.headers['accept-language']));
        await scope.audit({ ...entry, details: { format: request.body.format, fileErrors: preview.fileErrors.length, ...preview.summary } });
        return preview;
      }),
  );

  routes.post(
    '/api/event-imports',
    {
      schema: { tags, summary: 'Import the good rows of a file (or, with dryRun, count what would be stored); a re-import stores no duplicates', body: eventImportInputSchema, response: { 200: eventImportResultSchema, ...errors } },
      bodyLimit: EVENT_IMPORT_BODY_LIMIT,
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const body = request.body as EventImportInput;
        const entry = { action: 'event_import.import', resourceType: 'event_report' };
        scope.authorize('import', resource(scope), entry);
        const { preview, toStore } = await checkImport(scope, body, languageFromHeader(request.headers['accept-language']));
        const stored = await storeImport(scope, toStore, { cipher, dryRun: body.dryRun });
        // Checked above against the same register in the same transaction: an error here is a bug or a race.
        if (stored.errors.length > 0) throw invalid(Object.fromEntries(stored.errors.map((error) => [`rows.${error.index}.${error.field}`, error.message])));
        await scope.audit({
          ...entry,
          resourceId: stored.batchId,
          details: { format: body.format, dryRun: body.dryRun, fileErrors: preview.fileErrors.length, ...preview.summary, inserted: stored.inserted, duplicates: stored.duplicates },
        });
        return { ...preview, dryRun: body.dryRun, batchId: stored.batchId, inserted: stored.inserted, duplicates: preview.summary.alreadyImported + stored.duplicates };
      }),
  );
}
