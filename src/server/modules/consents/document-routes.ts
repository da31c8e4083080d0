import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { invalid, notFound } from '../../http/errors';
import { CONSENT_DOCUMENT_MAX_BYTES, consentDocumentParamsSchema, consentDocumentSchema, consentIdParamsSchema } from '../../../shared/consents';
import { consentCrypto } from './consent-crypto';
import { consentAudit } from './consent-record';
import { checkDocumentBytes, declaredType, readDocument, storeDocument } from './consent-documents';
import { authorizedConsent } from './authorized-consent';

const tags = ['consents'];

/**
 * Scans of signed consent forms: uploaded as the raw request body, checked byte by byte against the
 * declared type, stored encrypted; read back only by those who may read the consent.
 */
export function registerConsentDocumentRoutes(app: FastifyInstance, context: AppContext): void {
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const crypto = consentCrypto(context.cipher);

  // A scope of its own: the raw-body parser and the larger body limit apply to this one route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CONSENT_DOCUMENT_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: CONSENT_DOCUMENT_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/consents/:id/documents',
      {
        schema: {
          tags,
          summary: 'Upload the scan of a signed consent form (raw body: application/pdf, image/jpeg or image/png)',
          params: consentIdParamsSchema,
          response: { 201: consentDocumentSchema },
        },
        bodyLimit: CONSENT_DOCUMENT_MAX_BYTES,
        // Before the body is read: nobody without a session gets to send us ten megabytes.
        onRequest: preHandler,
      },
      async (request, reply) => {
        const stored = await withActor(database, request, async (requestScope) => {
          const { row } = await authorizedConsent(requestScope, request.params.id, 'uploadDocument', 'consent.document.upload');
          const body = request.body;
          if (!Buffer.isBuffer(body)) throw invalid({ file: 'file_empty' });
          const contentType = await checkDocumentBytes(body, declaredType(request.headers['content-type']));
          const document = await storeDocument(requestScope.tx, crypto, requestScope.actor.userId, row, body, contentType);
          await requestScope.audit({ ...consentAudit('consent.document.upload', row), details: { documentId: document.id, contentType, size: document.size } });
          return document;
        });
        return reply.status(201).send(stored);
      },
    );
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/consents/:id/documents/:documentId',
    { schema: { tags, summary: 'The scan of a signed consent form, as uploaded', params: consentDocumentParamsSchema }, preHandler },
    async (request, reply) => {
      const document = await withActor(database, request, async (scope) => {
        const { row } = await authorizedConsent(scope, request.params.id, 'readDocument', 'consent.document.read');
        const found = await readDocument(scope.tx, crypto, row, request.params.documentId);
        if (!found) throw notFound();
        await scope.audit({ ...consentAudit('consent.document.read', row), details: { documentId: request.params.documentId } });
        return found;
      });
      const extension = document.contentType === 'application/pdf' ? 'pdf' : document.contentType === 'image/png' ? 'png' : 'jpg';
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', `inline; filename="samtycke-${request.params.documentId}.${extension}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(document.bytes);
    },
  );
}
