import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { hasRole } from '../../policy/rules';
import { now } from '../../clock';
import { caseAction, consent, personGuardian, referral } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import {
  PARENT_OFFER_KINDS,
  REFERRAL_FIGURE_ROLES,
  caseReferralParamsSchema,
  offerFiguresSchema,
  parentReferralInputSchema,
  placementsSchema,
  planReferralInputSchema,
  planReferralParamsSchema,
  referralAnswerInputSchema,
  referralIdParamsSchema,
  referralListQuerySchema,
  referralListSchema,
  referralOutcomeInputSchema,
  referralProgressInputSchema,
  referralSchema,
} from '../../../shared/referrals';
import { offerIdParamsSchema, periodEnded } from '../../../shared/offers';
import { caseCrypto } from '../cases/case-crypto';
import { findCase } from '../cases/case-record';
import { viewCase } from '../cases/case-view';
import { consentStanding } from '../cases/consent-check';
import { todayInSweden } from '../consents/consent-state';
import { notify } from '../notifications/notify';
import { findOffer } from '../offers/queries';
import { suppressionK } from '../lagesbild/settings';
import { isProviderStaff, isReferrer, referralsResource } from './policy';
import { referralCrypto } from './referral-crypto';
import { findReferral, referralResource, selectReferrals, waitingList, type ReferralRow } from './store';
import { firstStatus, followInPlan, promoteWaiting } from './lifecycle';
import { offerFigures, placementsByBusiness } from './figures';
import { presentReferral } from './present';

const TAGS = ['referrals'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const AUDIT = (action: string) => ({ action, resourceType: 'referral' });

/**
 * Referrals (hänvisningar), issue 15 §4, §6, §7. The case's director refers from a plan action; BVC/MVC
 * refer a parent without a case; the provider organisation's staff answer and report in their inbox.
 * Every read and step is audited (with the person when there is a case); a referral the actor may
 * not reach answers 404, like one that does not exist.
 */
export function registerReferralRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);
  const cases = caseCrypto(context.cipher);
  const crypto = referralCrypto(context.cipher);

  const personIdOf = async (scope: RequestScope, row: ReferralRow): Promise<string | null> => {
    if (row.caseId === null) return null;
    return (await findCase(scope.tx, row.tenantId, row.caseId))?.personId ?? null;
  };

  async function load(scope: RequestScope, id: string, verb: string, auditAction: string, lock = false): Promise<{ row: ReferralRow; personId: string | null }> {
    const row = await findReferral(scope.tx, scope.actor.tenantId, id, lock);
    if (!row) {
      scope.authorize('read', { ...referralsResource(scope.actor.tenantId), id }, AUDIT(auditAction));
      throw notFound();
    }
    const personId = await personIdOf(scope, row);
    const entry = { ...AUDIT(auditAction), resourceId: row.id, personId };
    scope.authorize('read', referralResource(row), entry);
    scope.authorize(verb, referralResource(row), entry);
    return { row, personId };
  }

  const present = async (scope: RequestScope, row: ReferralRow) => {
    const waiting = row.status === 'vantelista' ? await waitingList(scope.tx, row.tenantId, row.offerId) : [];
    return presentReferral(scope.tx, scope.actor, cases, crypto, row, waiting, todayInSweden());
  };
  const reread = async (scope: RequestScope, id: string) => present(scope, (await findReferral(scope.tx, scope.actor.tenantId, id))!);

  /** The offer a new referral goes to: the tenant's, not archived, its period not over; otherwise a 400 on the field. */
  async function offerFor(scope: RequestScope, offerId: string) {
    const found = await findOffer(scope.tx, scope.actor.tenantId, offerId);
    if (!found) throw invalid({ offerId: 'referral_offer_unknown' });
    if (periodEnded(found, todayInSweden())) throw invalid({ offerId: 'referral_offer_ended' });
    return found;
  }

  routes.post(
    '/api/cases/:id/actions/:actionId/referrals',
    { schema: { tags: TAGS, summary: 'Refer the young person, or a guardian, from a plan action to an offer (the case director)', params: planReferralParamsSchema, body: planReferralInputSchema, response: { 201: referralSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const caseRow = await findCase(scope.tx, scope.actor.tenantId, request.params.id, true);
        if (!caseRow) throw notFound();
        const view = await viewCase(scope.tx, scope.actor, cases, caseRow);
        const entry = { ...AUDIT('referral.create'), personId: caseRow.personId };
        scope.authorize('read', view.resource, entry);
        const [action] = await scope.tx.select().from(caseAction).where(and(eq(caseAction.tenantId, caseRow.tenantId), eq(caseAction.caseId, caseRow.id), eq(caseAction.id, request.params.actionId)));
        if (!action) throw notFound();
        scope.authorize('updateAction', { ...view.resource, actionResponsibleUserId: action.responsibleUserId }, entry);
        if (caseRow.status === 'avslutad') throw new AppError(409, 'conflict', { status: 'case_closed' });
        const input = request.body;
        const target = await offerFor(scope, input.offerId);
        const standing = await consentStanding(scope.tx, caseRow.tenantId, caseRow.personId);
        if (standing.inForceId === null) throw invalid({ offerId: 'no_consent_in_force' });
        if (input.subject === 'vardnadshavare') {
          const [guardian] = await scope.tx
            .select({ id: personGuardian.guardianId })
            .from(personGuardian)
            .where(and(eq(personGuardian.tenantId, caseRow.tenantId), eq(personGuardian.childId, caseRow.personId), eq(personGuardian.guardianId, input.guardianId!)));
          if (!guardian) throw invalid({ guardianId: 'referral_guardian_unknown' });
          const [agreed] = await scope.tx.select({ yes: consent.guardianSupportContact }).from(consent).where(and(eq(consent.tenantId, caseRow.tenantId), eq(consent.id, standing.inForceId)));
          if (!agreed?.yes) throw invalid({ subject: 'guardians_not_agreed_to_contact' });
        } else if (target.targetGroup === 'foraldrar') throw invalid({ offerId: 'offer_for_parents' });
        const today = todayInSweden();
        const first = await firstStatus(scope.tx, caseRow.tenantId, target.id, today);
        const id = randomUUID();
        await scope.tx.insert(referral).values({
          tenantId: caseRow.tenantId,
          id,
          offerId: target.id,
          providerOrganisationId: target.providerOrganisationId,
          referringOrganisationId: scope.actor.organisationId,
          caseId: caseRow.id,
          actionId: action.id,
          subject: input.subject,
          guardianId: input.guardianId,
          shareWhat: input.shareWhat,
          status: first.status,
          respondBy: first.respondBy,
          createdBy: scope.actor.userId,
          createdAt: now(),
          updatedAt: now(),
        });
        const row = (await findReferral(scope.tx, caseRow.tenantId, id))!;
        await followInPlan(scope.tx, { ...row, directorUserId: null }, scope.actor.userId, null, 'created', first.status);
        if (first.status === 'vantar_svar') await notify(scope.tx, { tenantId: caseRow.tenantId, kind: 'referral.received', link: '/hanvisningar', organisationId: target.providerOrganisationId });
        await scope.audit({ ...entry, resourceId: id, details: { caseId: caseRow.id, actionId: action.id, offerId: target.id, providerOrganisationId: target.providerOrganisationId, subject: input.subject, status: first.status, shareWhat: input.shareWhat } });
        reply.status(201);
        return present(scope, row);
      }),
  );

  routes.get(
    '/api/cases/:id/referrals',
    { schema: { tags: TAGS, summary: 'The referrals made from a case’s plan (the case director)', params: caseReferralParamsSchema, response: { 200: referralListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const caseRow = await findCase(scope.tx, scope.actor.tenantId, request.params.id);
        if (!caseRow) throw notFound();
        const view = await viewCase(scope.tx, scope.actor, cases, caseRow);
        const entry = { ...AUDIT('referral.case_list'), resourceId: caseRow.id, personId: caseRow.personId };
        scope.authorize('read', view.resource, entry);
        // The referrals are the plan's: a member who may not see the plan does not see them either.
        if (!view.visibility.visible('plan')) throw notFound();
        const rows = await selectReferrals(scope.tx, caseRow.tenantId, [eq(referral.caseId, caseRow.id)]);
        await scope.audit({ ...entry, details: { count: rows.length } });
        return { referrals: await Promise.all(rows.map((row) => present(scope, row))), abilities: abilitiesOf(scope.actor, referralsResource(scope.actor.tenantId)) };
      }),
  );

  routes.post(
    '/api/referrals/parent',
    { schema: { tags: TAGS, summary: 'BVC/MVC: refer a parent to a parent programme without a case, on the parent’s own consent', body: parentReferralInputSchema, response: { 201: referralSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('createParent', referralsResource(scope.actor.tenantId), AUDIT('referral.create_parent'));
        const input = request.body;
        const target = await offerFor(scope, input.offerId);
        if (!(PARENT_OFFER_KINDS as readonly string[]).includes(target.kind) && target.targetGroup === 'unga') throw invalid({ offerId: 'not_a_parent_offer' });
        if (input.consentOn > todayInSweden()) throw invalid({ consentOn: 'date_in_future' });
        const today = todayInSweden();
        const first = await firstStatus(scope.tx, scope.actor.tenantId, target.id, today);
        const id = randomUUID();
        const tenantId = scope.actor.tenantId;
        await scope.tx.insert(referral).values({
          tenantId,
          id,
          offerId: target.id,
          providerOrganisationId: target.providerOrganisationId,
          referringOrganisationId: scope.actor.organisationId,
          subject: 'foralder',
          status: first.status,
          respondBy: first.respondBy,
          parentEncrypted: crypto.encryptJson('referral.parent', tenantId, id, { name: input.parentName, phone: input.parentPhone }),
          parentConsentEncrypted: crypto.encryptJson('referral.parent_consent', tenantId, id, { givenBy: input.consentGivenBy, on: input.consentOn, method: input.consentMethod }),
          answerNoteEncrypted: input.note.trim() ? crypto.encrypt('referral.answer_note', tenantId, id, input.note.trim()) : null,
          createdBy: scope.actor.userId,
          createdAt: now(),
          updatedAt: now(),
        });
        if (first.status === 'vantar_svar' && target.providerOrganisationId !== scope.actor.organisationId)
          await notify(scope.tx, { tenantId, kind: 'referral.received', link: '/hanvisningar', organisationId: target.providerOrganisationId });
        await scope.audit({ ...AUDIT('referral.create_parent'), resourceId: id, details: { offerId: target.id, providerOrganisationId: target.providerOrganisationId, status: first.status, consentMethod: input.consentMethod } });
        reply.status(201);
        return reread(scope, id);
      }),
  );

  routes.get(
    '/api/referrals',
    { schema: { tags: TAGS, summary: 'Incoming referrals to my organisation (inkommande), or those my organisation sent without a case (skickade)', querystring: referralListQuerySchema, response: { 200: referralListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = referralsResource(scope.actor.tenantId);
        scope.authorize('list', collection, AUDIT('referral.list'));
        const incoming = request.query.box === 'inkommande';
        const where: SQL[] = [incoming ? eq(referral.providerOrganisationId, scope.actor.organisationId) : eq(referral.referringOrganisationId, scope.actor.organisationId)];
        // Incoming: the provider's staff. Sent: the referring side of each (the case director, or BVC/MVC).
        const rows = (await selectReferrals(scope.tx, scope.actor.tenantId, where)).filter((row) => (incoming ? isProviderStaff(scope.actor, row) : isReferrer(scope.actor, referralResource(row))));
        await scope.auditAll([
          { ...AUDIT('referral.list'), details: { box: request.query.box, count: rows.length } },
          ...(await Promise.all(rows.map(async (row) => ({ ...AUDIT('referral.list'), resourceId: row.id, personId: await personIdOf(scope, row), details: { excerpt: true } })))),
        ]);
        return { referrals: await Promise.all(rows.map((row) => present(scope, row))), abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.get(
    '/api/referrals/:referralId',
    { schema: { tags: TAGS, summary: 'One referral, as far as the actor may see it', params: referralIdParamsSchema, response: { 200: referralSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, personId } = await load(scope, request.params.referralId, 'read', 'referral.read');
        await scope.audit({ ...AUDIT('referral.read'), resourceId: row.id, personId });
        return present(scope, row);
      }),
  );

  routes.post(
    '/api/referrals/:referralId/answer',
    { schema: { tags: TAGS, summary: 'The provider accepts or declines (a decline needs a reason, for the coordinator)', params: referralIdParamsSchema, body: referralAnswerInputSchema, response: { 200: referralSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, personId } = await load(scope, request.params.referralId, 'answer', 'referral.answer', true);
        const accept = request.body.decision === 'accept';
        const noteText = request.body.note.trim();
        await scope.tx
          .update(referral)
          .set({
            status: accept ? 'accepterad' : 'avbojd',
            answeredAt: now(),
            answeredBy: scope.actor.userId,
            answerNoteEncrypted: noteText ? crypto.encrypt('referral.answer_note', row.tenantId, row.id, noteText) : row.answerNoteEncrypted,
            respondBy: null,
            updatedAt: now(),
          })
          .where(and(eq(referral.tenantId, row.tenantId), eq(referral.id, row.id)));
        await followInPlan(scope.tx, row, scope.actor.userId, accept ? 'pagar' : null, 'answered', accept ? 'accepted' : 'declined');
        const promoted = accept ? [] : await promoteWaiting(scope.tx, row.tenantId, row.offerId, row.providerOrganisationId, todayInSweden());
        await scope.audit({ ...AUDIT('referral.answer'), resourceId: row.id, personId, details: { decision: request.body.decision, promoted, ...(row.actionId ? { actionId: row.actionId } : {}) } });
        return reread(scope, row.id);
      }),
  );

  routes.post(
    '/api/referrals/:referralId/progress',
    { schema: { tags: TAGS, summary: 'The provider records the start and the sessions attended', params: referralIdParamsSchema, body: referralProgressInputSchema, response: { 200: referralSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, personId } = await load(scope, request.params.referralId, 'progress', 'referral.progress', true);
        const { startedOn, sessionsAttended } = request.body;
        if (startedOn === undefined && sessionsAttended === undefined) throw invalid({ startedOn: 'required' });
        if (startedOn !== undefined && startedOn > todayInSweden()) throw invalid({ startedOn: 'date_in_future' });
        const started = startedOn ?? row.startedOn;
        if (sessionsAttended !== undefined && sessionsAttended > 0 && started === null) throw invalid({ sessionsAttended: 'not_started' });
        await scope.tx
          .update(referral)
          .set({ status: started ? 'paborjad' : row.status, startedOn: started, sessionsAttended: sessionsAttended ?? row.sessionsAttended, updatedAt: now() })
          .where(and(eq(referral.tenantId, row.tenantId), eq(referral.id, row.id)));
        await scope.audit({ ...AUDIT('referral.progress'), resourceId: row.id, personId, details: { started: started !== null, sessionsAttended: sessionsAttended ?? row.sessionsAttended } });
        return reread(scope, row.id);
      }),
  );

  routes.post(
    '/api/referrals/:referralId/outcome',
    { schema: { tags: TAGS, summary: 'The provider records the outcome: completed, ended early or did not start; the plan action follows', params: referralIdParamsSchema, body: referralOutcomeInputSchema, response: { 200: referralSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, personId } = await load(scope, request.params.referralId, 'reportOutcome', 'referral.outcome', true);
        const { outcome, on } = request.body;
        if (on > todayInSweden()) throw invalid({ on: 'date_in_future' });
        if (outcome !== 'paborjades_inte' && row.startedOn === null) throw invalid({ outcome: 'not_started' });
        const noteText = request.body.note.trim();
        await scope.tx
          .update(referral)
          .set({ status: 'avslutad', outcome, outcomeOn: on, outcomeNoteEncrypted: noteText ? crypto.encrypt('referral.outcome_note', row.tenantId, row.id, noteText) : null, updatedAt: now() })
          .where(and(eq(referral.tenantId, row.tenantId), eq(referral.id, row.id)));
        await followInPlan(scope.tx, row, scope.actor.userId, outcome === 'genomford' ? 'klar' : outcome === 'avbrot' ? 'avbruten' : 'planerad', 'outcome', outcome);
        const promoted = await promoteWaiting(scope.tx, row.tenantId, row.offerId, row.providerOrganisationId, todayInSweden());
        await scope.audit({ ...AUDIT('referral.outcome'), resourceId: row.id, personId, details: { outcome, sessionsAttended: row.sessionsAttended, promoted, ...(row.actionId ? { actionId: row.actionId } : {}) } });
        return reread(scope, row.id);
      }),
  );

  // ---- figures: suppressed for everyone but the coordinators ----

  const readsRaw = (scope: RequestScope) => hasRole(scope.actor, ...REFERRAL_FIGURE_ROLES);

  routes.get(
    '/api/offers/:offerId/referral-figures',
    { schema: { tags: TAGS, summary: 'Referrals, accepted and completed for one offer (small counts suppressed except for coordinators)', params: offerIdParamsSchema, response: { 200: offerFiguresSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('readFigures', referralsResource(scope.actor.tenantId), AUDIT('referral.figures'));
        const target = await findOffer(scope.tx, scope.actor.tenantId, request.params.offerId);
        if (!target) throw notFound();
        const suppressed = !readsRaw(scope);
        await scope.audit({ ...AUDIT('referral.figures'), resourceId: target.id, details: { suppressed } });
        return offerFigures(scope.tx, scope.actor.tenantId, target.id, suppressed, await suppressionK(scope.tx, scope.actor.tenantId));
      }),
  );

  routes.get(
    '/api/referrals-placements',
    { schema: { tags: TAGS, summary: 'Placements (summer jobs, internships) made through referrals, per business', response: { 200: placementsSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        scope.authorize('readFigures', referralsResource(scope.actor.tenantId), AUDIT('referral.placements'));
        const suppressed = !readsRaw(scope);
        await scope.audit({ ...AUDIT('referral.placements'), details: { suppressed } });
        return placementsByBusiness(scope.tx, scope.actor.tenantId, suppressed, await suppressionK(scope.tx, scope.actor.tenantId));
      }),
  );
}
