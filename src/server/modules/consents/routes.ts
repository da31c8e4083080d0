import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { desc, and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { consent } from '../../db/schema';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { invalid, notFound } from '../../http/errors';
import { authorizedConsent } from './authorized-consent';
import {
  consentIdParamsSchema,
  consentInputSchema,
  consentListQuerySchema,
  consentListSchema,
  consentPartyInputSchema,
  consentSchema,
  withdrawConsentInputSchema,
} from '../../../shared/consents';
import { consentCrypto } from './consent-crypto';
import { consentAudit, findConsent, findConsentPerson, personConsentsResource } from './consent-record';
import { createConsent } from './create-consent';
import { guardianNames, presentConsent } from './present-consent';
import { recordParty } from './record-party';
import { withdrawConsent } from './withdraw-consent';
import { registerConsentDocumentRoutes } from './document-routes';
import { registerConsentFormRoute } from './form-route';
import { registerConsentSettingsRoutes } from './settings-routes';

const tags = ['consents'];

/**
 * Consent (samtycke): the coordinator records it, party by party, and withdraws it; social
 * services' case officer reads it. Every read and write is audited with the person it is about.
 */
export function registerConsentRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const crypto = consentCrypto(context.cipher);

  routes.post(
    '/api/consents',
    { schema: { tags, summary: 'Record the scope of a new consent; it is in force once every required party has given it', body: consentInputSchema, response: { 201: consentSchema } }, preHandler },
    async (request, reply) => {
      const created = await withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const subject = await findConsentPerson(tx, actor.tenantId, request.body.personId);
        if (!subject) throw invalid({ personId: 'unknown_reference' });
        const entry = { action: 'consent.create', resourceType: 'consent', personId: subject.id };
        scope.authorize('create', personConsentsResource(subject), entry);
        const id = await createConsent(tx, crypto, actor.tenantId, actor.userId, request.body);
        await scope.audit({ ...entry, resourceId: id, details: { organisations: request.body.organisationIds.length, categories: request.body.categories } });
        const found = (await findConsent(tx, actor.tenantId, id))!;
        return presentConsent(tx, actor, crypto, found.row, found.person);
      });
      return reply.status(201).send(created);
    },
  );

  routes.get(
    '/api/consents',
    { schema: { tags, summary: "One person's consents, newest first", querystring: consentListQuerySchema, response: { 200: consentListSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const subject = await findConsentPerson(tx, actor.tenantId, request.query.personId);
        if (!subject) throw notFound();
        const entry = { action: 'consent.list', resourceType: 'consent', personId: subject.id };
        scope.authorize('list', personConsentsResource(subject), entry);
        const rows = await tx
          .select()
          .from(consent)
          .where(and(eq(consent.tenantId, actor.tenantId), eq(consent.personId, subject.id)))
          .orderBy(desc(consent.createdAt));
        await scope.audit({ ...entry, details: { count: rows.length } });
        return { consents: await Promise.all(rows.map((row) => presentConsent(tx, actor, crypto, row, subject))) };
      }),
  );

  routes.get(
    '/api/consents/:id',
    { schema: { tags, summary: 'One consent, with its parties, status and abilities', params: consentIdParamsSchema, response: { 200: consentSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, person } = await authorizedConsent(scope, request.params.id, 'read', 'consent.read');
        await scope.audit(consentAudit('consent.read', row));
        return presentConsent(scope.tx, scope.actor, crypto, row, person);
      }),
  );

  routes.post(
    '/api/consents/:id/parties',
    { schema: { tags, summary: "Record one party's consent (a guardian, or the young person)", params: consentIdParamsSchema, body: consentPartyInputSchema, response: { 200: consentSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const { row, person } = await authorizedConsent(scope, request.params.id, 'recordParty', 'consent.party.record');
        const guardians = await guardianNames(tx, actor, person);
        const party = await recordParty(
          tx,
          crypto,
          actor.userId,
          row,
          person,
          guardians.map((g) => g.id),
          request.body,
        );
        await scope.audit(consentAudit('consent.party.record', row, { partyId: party.id, kind: request.body.kind, method: request.body.method }));
        return presentConsent(tx, actor, crypto, row, person);
      }),
  );

  routes.post(
    '/api/consents/:id/withdraw',
    { schema: { tags, summary: 'Withdraw the consent; it stops applying at once', params: consentIdParamsSchema, body: withdrawConsentInputSchema, response: { 200: consentSchema } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const { row, person } = await authorizedConsent(scope, request.params.id, 'withdraw', 'consent.withdraw');
        const guardians = await guardianNames(tx, actor, person);
        await withdrawConsent(
          tx,
          crypto,
          actor.userId,
          row,
          guardians.map((g) => g.id),
          request.body,
        );
        await scope.audit(consentAudit('consent.withdraw', row, { byKind: request.body.byKind, caseId: row.caseId }));
        const after = (await findConsent(tx, actor.tenantId, row.id))!;
        return presentConsent(tx, actor, crypto, after.row, after.person);
      }),
  );

  registerConsentDocumentRoutes(app, context);
  registerConsentFormRoute(app, context);
  registerConsentSettingsRoutes(app, context);
}
