import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import { tenantSlugParamsSchema } from '../../../shared/concerns-public';
import {
  associationGuideSchema,
  associationIdParamsSchema,
  concernFormPath,
  posterQuerySchema,
  reportingContactInputSchema,
  reportingContactSchema,
} from '../../../shared/associations';
import { createTenantDirectory } from '../concerns/tenant-directory';
import { associationGuide, posterInput } from './guide';
import { renderConcernPoster, type PosterInput } from './poster';
import { qrCodeSvg } from './qr';
import type { ReportingContactResource } from './policy';
import { findAssociation, presentReportingContact, readReportingContact, removeReportingContact, saveReportingContact, type AssociationRow } from './reporting-contact';

const publicTags = ['associations (public)'];
const tags = ['associations'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/**
 * "Så gör du med din oro" for associations: the public guide, its QR code and its A4 poster (no
 * sign-in), and the association's own anmälningsansvarig (signed in).
 */
export function registerAssociationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { config, database } = context;
  const tenants = createTenantDirectory(database);
  const posters = createPosterCache();
  const preHandler = requireSession(context.auth);

  async function tenantBySlug(slug: string) {
    const tenant = await tenants.bySlug(slug);
    if (!tenant) throw notFound();
    return tenant;
  }

  routes.get(
    '/api/public/tenants/:slug/association-guide',
    {
      schema: { tags: publicTags, summary: 'The facts of the association guide: contact, deadlines, form URL, associations', params: tenantSlugParamsSchema, response: { 200: associationGuideSchema, 404: errorBodySchema } },
    },
    async (request, reply) => {
      const guide = await associationGuide(database, await tenantBySlug(request.params.slug), config.publicUrl);
      void reply.header('cache-control', 'public, max-age=60');
      return guide;
    },
  );

  routes.get(
    '/api/public/tenants/:slug/concern-qr.svg',
    { schema: { tags: publicTags, summary: 'A QR code (SVG) to the public concern form', params: tenantSlugParamsSchema } },
    async (request, reply) => {
      const tenant = await tenantBySlug(request.params.slug);
      const svg = await qrCodeSvg(`${config.publicUrl}${concernFormPath(tenant.slug)}`);
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(svg);
    },
  );

  routes.get(
    '/api/public/tenants/:slug/concern-poster.pdf',
    {
      schema: {
        tags: publicTags,
        summary: 'The A4 poster "Så gör du med din oro" (PDF); ?association=<id> names that association’s anmälningsansvarig',
        params: tenantSlugParamsSchema,
        querystring: posterQuerySchema,
      },
    },
    async (request, reply) => {
      const tenant = await tenantBySlug(request.params.slug);
      const input = posterInput(await associationGuide(database, tenant, config.publicUrl), request.query.association);
      if (!input) throw notFound();
      const pdf = await posters.render(input);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="sa-gor-du-med-din-oro-${tenant.slug}.pdf"`)
        .header('cache-control', 'public, max-age=300')
        .send(pdf);
    },
  );

  const contactResource = (scope: RequestScope, association: AssociationRow): ReportingContactResource => ({
    kind: 'association_reporting_contact',
    tenantId: scope.actor.tenantId,
    id: association.id,
  });

  /** Another tenant's organisation, one that is not an association, and one the actor may not touch: the same 404. */
  async function loadAuthorized(scope: RequestScope, organisationId: string, action: 'read' | 'update' | 'delete') {
    const entry = { action: `association.reporting_contact.${action}`, resourceType: 'association_reporting_contact', resourceId: organisationId };
    const association = await findAssociation(scope.tx, scope.actor.tenantId, organisationId);
    if (!association) throw notFound();
    const resource = contactResource(scope, association);
    scope.authorize(action, resource, entry);
    return { association, resource, entry };
  }

  const path = '/api/associations/:organisationId/reporting-contact';
  routes.get(
    path,
    {
      schema: { tags, summary: 'The association’s anmälningsansvarig (its key persons and administrators)', params: associationIdParamsSchema, response: { 200: reportingContactSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { association, resource, entry } = await loadAuthorized(scope, request.params.organisationId, 'read');
        const row = await readReportingContact(scope.tx, scope.actor.tenantId, association.id);
        await scope.audit(entry);
        return presentReportingContact(association, row, abilitiesOf(scope.actor, resource));
      }),
  );

  routes.put(
    path,
    {
      schema: {
        tags,
        summary: 'Record the association’s anmälningsansvarig: name, and phone or e-mail',
        params: associationIdParamsSchema,
        body: reportingContactInputSchema,
        response: { 200: reportingContactSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { association, resource, entry } = await loadAuthorized(scope, request.params.organisationId, 'update');
        const { row, changed } = await saveReportingContact(scope.tx, scope.actor.tenantId, association.id, request.body, scope.actor.userId);
        // Which fields changed, not their values: the audit log is no second copy of the contact.
        await scope.audit({ ...entry, details: { changed } });
        return presentReportingContact(association, row, abilitiesOf(scope.actor, resource));
      }),
  );

  routes.delete(
    path,
    {
      schema: { tags, summary: 'Remove the association’s anmälningsansvarig', params: associationIdParamsSchema, response: { 200: reportingContactSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { association, resource, entry } = await loadAuthorized(scope, request.params.organisationId, 'delete');
        const removed = await removeReportingContact(scope.tx, scope.actor.tenantId, association.id);
        await scope.audit({ ...entry, details: { removed } });
        return presentReportingContact(association, null, abilitiesOf(scope.actor, resource));
      }),
  );
}

/** Posters change only when the tenant's facts do: the last few renderings are kept, keyed by their content. */
function createPosterCache(maxEntries = 32) {
  const cache = new Map<string, Buffer>();
  return {
    async render(input: PosterInput): Promise<Buffer> {
      const key = JSON.stringify(input);
      const hit = cache.get(key);
      if (hit) return hit;
      const pdf = await renderConcernPoster(input);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(key, pdf);
      return pdf;
    },
  };
}

