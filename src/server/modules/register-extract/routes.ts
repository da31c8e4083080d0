import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import type { RequestScope } from '../../http/request-scope';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { notFound } from '../../http/errors';
import { personIdParamsSchema } from '../../../shared/persons';
import { registerExtractSchema, type RegisterExtract } from '../../../shared/register-extract';
import type { FieldCipher } from '../../crypto/field-cipher';
import { findPerson } from '../persons/person-record';
import { buildRegisterExtract } from './build-extract';
import { renderRegisterExtractPdf } from './extract-pdf';
import { registerExtractResource } from './policy';

const tags = ['register-extract'];

/**
 * Loads, authorizes and audits one extract. A person the actor may not produce an extract for
 * answers 404 like one that does not exist, and the denial is audited.
 */
async function produce(scope: RequestScope, cipher: FieldCipher, personId: string, format: 'json' | 'pdf'): Promise<RegisterExtract> {
  const { actor, tx } = scope;
  const entry = { action: 'person.register_extract', resourceType: 'person', resourceId: personId, personId };
  const row = await findPerson(tx, actor.tenantId, personId);
  if (!row) throw notFound();
  scope.authorize('produce', registerExtractResource(actor.tenantId, personId), entry);
  // Audited before it is built: the extract itself then lists this very production in its access log.
  await scope.audit({ ...entry, details: { format } });
  const extract = await buildRegisterExtract(tx, cipher, actor.tenantName, row);
  return extract;
}

export function registerRegisterExtractRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database, cipher } = context;

  routes.get(
    '/api/persons/:id/register-extract',
    {
      schema: { tags, summary: 'Everything held about a person, and who has read it (registerutdrag)', params: personIdParamsSchema, response: { 200: registerExtractSchema } },
      preHandler,
    },
    async (request, reply) => {
      const extract = await withActor(database, request, (scope) => produce(scope, cipher, request.params.id, 'json'));
      return reply.header('cache-control', 'no-store').send(extract);
    },
  );

  routes.get(
    '/api/persons/:id/register-extract.pdf',
    { schema: { tags, summary: 'The register extract as a PDF in Swedish', params: personIdParamsSchema }, preHandler },
    async (request, reply) => {
      const extract = await withActor(database, request, (scope) => produce(scope, cipher, request.params.id, 'pdf'));
      const pdf = await renderRegisterExtractPdf(extract);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="registerutdrag.pdf"')
        .send(pdf);
    },
  );
}
