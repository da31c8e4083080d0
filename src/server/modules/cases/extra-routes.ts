import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { person, user } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import { caseCandidatesQuerySchema, caseCandidatesSchema, caseIdParamsSchema, chronologySchema } from '../../../shared/cases';
import { candidates } from './candidates';
import { todayInSweden } from '../consents/consent-state';
import type { CaseCrypto } from './case-crypto';
import { findCase } from './case-record';
import { viewCase } from './case-view';
import { readChronology } from './chronology';
import { renderPlanPdf } from './plan-pdf';

const tags = ['cases'];
const errors = { 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** The joint commitment plan as PDF, and a young person's chronology across concerns and cases. */
export function registerCaseExtraRoutes(app: FastifyInstance, context: AppContext, crypto: CaseCrypto): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;

  routes.get(
    '/api/cases/:id/plan.pdf',
    { schema: { tags, summary: 'The joint commitment plan for the network meeting, with only the sections the printing person may see', params: caseIdParamsSchema }, preHandler },
    async (request, reply) => {
      const pdf = await withActor(database, request, async (scope) => {
        const row = await findCase(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) throw notFound();
        const view = await viewCase(scope.tx, scope.actor, crypto, row);
        const entry = { action: 'case.plan_exported', resourceType: 'case', resourceId: row.id, personId: row.personId };
        scope.authorize('exportPlan', view.resource, entry);
        const [printer] = await scope.tx.select({ name: user.name }).from(user).where(eq(user.id, scope.actor.userId));
        await scope.audit({ ...entry, legalBasis: view.legalBasis, details: { sections: view.auditSections } });
        return renderPlanPdf({ detail: view.detail, tenantName: scope.actor.tenantName, printedBy: printer?.name ?? '', printedOn: todayInSweden() });
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="atagandeplan-${request.params.id.slice(0, 8)}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  routes.get(
    '/api/cases/:id/candidates',
    { schema: { tags, summary: 'Colleagues the director may invite from one organisation', params: caseIdParamsSchema, querystring: caseCandidatesQuerySchema, response: { 200: caseCandidatesSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await findCase(scope.tx, scope.actor.tenantId, request.params.id);
        if (!row) throw notFound();
        const view = await viewCase(scope.tx, scope.actor, crypto, row);
        scope.authorize('read', view.resource, { action: 'case.candidates', resourceType: 'case', resourceId: row.id, personId: row.personId });
        scope.authorize('addMember', view.resource, { action: 'case.candidates', resourceType: 'case', resourceId: row.id, personId: row.personId });
        return { candidates: await candidates(scope.tx, row.tenantId, request.query.organisationId, view.members) };
      }),
  );

  routes.get(
    '/api/persons/:id/chronology',
    { schema: { tags, summary: 'One timeline for a young person across the concerns and cases the viewer may read', params: z.object({ id: z.uuid() }).strict(), response: { 200: chronologySchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { tx, actor } = scope;
        const [subject] = await tx.select({ id: person.id }).from(person).where(and(eq(person.tenantId, actor.tenantId), eq(person.id, request.params.id)));
        if (!subject) throw notFound();
        const chronology = await readChronology(tx, actor, crypto, subject.id);
        const entry = { action: 'person.chronology', resourceType: 'person', resourceId: subject.id, personId: subject.id };
        const sources = chronology.concernIds.length + chronology.caseIds.length;
        scope.authorize('readChronology', { kind: 'case', tenantId: actor.tenantId, id: subject.id, status: null, directorUserId: null, ownerOrganisationId: null, members: [], visibleSectionCount: sources }, entry);
        await scope.audit({ ...entry, details: { concernIds: chronology.concernIds, caseIds: chronology.caseIds, entries: chronology.entries.length } });
        return { personId: subject.id, entries: chronology.entries };
      }),
  );
}
