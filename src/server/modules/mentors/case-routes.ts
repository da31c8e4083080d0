import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { can } from '../../policy/can';
import { now } from '../../clock';
import { caseAction, caseMember, mentor, mentorMatch, mentorMeeting } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import type { CaseAction } from '../../../shared/cases';
import {
  actionMentorSchema,
  actionParamsSchema,
  matchable,
  matchInputSchema,
  mentorMeetingInputSchema,
  mentorMeetingListSchema,
  mentorMeetingSchema,
  myMentorshipsSchema,
  vettingStatus,
  vettingValidThrough,
  type ActionMentor,
  type MatchCandidate,
  type MentorMeeting,
} from '../../../shared/mentors';
import { todayInSweden } from '../consents/consent-state';
import { caseCrypto } from '../cases/case-crypto';
import { appendCaseEvent, findCase, touchCase, type CaseRow } from '../cases/case-record';
import { viewCase, type CaseView } from '../cases/case-view';
import { isDirector } from '../cases/policy';
import { consentForMentor } from './consent';
import { findMentor, matchOf, selectMentors } from './queries';
import type { MentorLogResource } from './policy';

const TAGS = ['mentors'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const NOTE_COLUMN = 'mentor_meeting.note';

/**
 * Matching a mentor to a young person (a mentorskap action of the SSPF plan) and the mentor's meeting
 * log. The case is loaded and viewed exactly as the cases module does for the viewer, so the case-access
 * matrix decides first: the mentor reaches only their own actions, and loses them with the consent.
 */
export function registerMentorCaseRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, cipher } = context;
  const preHandler = requireSession(context.auth);
  const crypto = caseCrypto(cipher);
  const noteContext = (tenantId: string, id: string) => `${NOTE_COLUMN}:${tenantId}:${id}`;

  /** The case and one of its mentorskap actions as the viewer sees them; anything else is 404 (audited). */
  async function loadAction(scope: RequestScope, caseId: string, actionId: string, auditAction: string): Promise<{ row: CaseRow; view: CaseView; action: CaseAction }> {
    const row = await findCase(scope.tx, scope.actor.tenantId, caseId);
    if (!row) throw notFound();
    const view = await viewCase(scope.tx, scope.actor, crypto, row);
    scope.authorize('read', view.resource, { action: auditAction, resourceType: 'case', resourceId: row.id, personId: row.personId });
    const action = view.detail.actions.find((a) => a.id === actionId);
    if (!action || action.type !== 'mentorskap') throw notFound();
    return { row, view, action };
  }

  async function logResource(scope: RequestScope, row: CaseRow, actionId: string): Promise<MentorLogResource & { mentorId: string | null }> {
    const match = await matchOf(scope.tx, row.tenantId, actionId);
    const matched = match ? await findMentor(scope.tx, row.tenantId, match.mentorId) : null;
    return { kind: 'mentor_log', tenantId: row.tenantId, id: actionId, mentorUserId: matched?.userId ?? null, isDirector: isDirector(scope.actor, row), reachesCase: true, mentorId: match?.mentorId ?? null };
  }

  async function candidates(scope: RequestScope, row: CaseRow, today: string): Promise<MatchCandidate[]> {
    const rows = (await selectMentors(scope.tx, row.tenantId, [eq(mentor.active, true)]));
    const consent = await consentForMentor(scope.tx, row, today);
    return rows.map((m) => {
      const status = vettingStatus(m.lastCheckedOn, today);
      const blockedBy = status === 'saknas' ? 'mentor_vetting_missing' : !matchable(status) ? 'mentor_vetting_expired' : consent(m).allowed ? null : 'mentor_consent_missing';
      return { id: m.id, name: m.name, organisationName: m.organisationName, vettingStatus: status, validThrough: m.lastCheckedOn ? vettingValidThrough(m.lastCheckedOn) : null, blockedBy };
    });
  }

  async function present(scope: RequestScope, row: CaseRow, actionId: string): Promise<ActionMentor> {
    const today = todayInSweden();
    const mayMatch = row.status !== 'avslutad' && can(scope.actor, 'updateAction', (await viewCase(scope.tx, scope.actor, crypto, row)).resource);
    const log = await logResource(scope, row, actionId);
    const matched = log.mentorId ? await findMentor(scope.tx, row.tenantId, log.mentorId) : null;
    const match = await matchOf(scope.tx, row.tenantId, actionId);
    return {
      match: matched && match ? { mentorId: matched.id, mentorName: matched.name, organisationName: matched.organisationName, matchedAt: match.matchedAt.toISOString() } : null,
      candidates: mayMatch ? await candidates(scope, row, today) : [],
      abilities: { match: mayMatch, readLog: can(scope.actor, 'read', log), writeLog: can(scope.actor, 'write', log) },
    };
  }

  routes.get(
    '/api/cases/:caseId/actions/:actionId/mentor',
    { schema: { tags: TAGS, summary: 'The mentor matched to a mentorskap action; for the director, the mentors to choose from and why some cannot be chosen', params: actionParamsSchema, response: { 200: actionMentorSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row } = await loadAction(scope, request.params.caseId, request.params.actionId, 'mentor.match_read');
        const answer = await present(scope, row, request.params.actionId);
        await scope.audit({ action: 'mentor.match_read', resourceType: 'case', resourceId: row.id, personId: row.personId, details: { actionId: request.params.actionId, candidates: answer.candidates.length } });
        return answer;
      }),
  );

  routes.post(
    '/api/cases/:caseId/actions/:actionId/mentor',
    {
      schema: {
        tags: TAGS,
        summary: 'Match a mentor to a mentorskap action (the director): only a mentor with a valid vetting check, and only when the consent covers the mentor’s organisation',
        params: actionParamsSchema,
        body: matchInputSchema,
        response: { 200: actionMentorSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, view, action } = await loadAction(scope, request.params.caseId, request.params.actionId, 'mentor.match');
        const entry = { action: 'mentor.match', resourceType: 'case', resourceId: row.id, personId: row.personId };
        scope.authorize('updateAction', view.resource, entry);
        if (row.status === 'avslutad') throw new AppError(409, 'conflict', { status: 'case_closed' });
        const chosen = await findMentor(scope.tx, row.tenantId, request.body.mentorId);
        if (!chosen || !chosen.active) throw invalid({ mentorId: 'mentor_unknown' });
        const today = todayInSweden();
        const status = vettingStatus(chosen.lastCheckedOn, today);
        if (status === 'saknas') throw new AppError(409, 'conflict', { mentorId: 'mentor_vetting_missing' });
        if (!matchable(status)) throw new AppError(409, 'conflict', { mentorId: 'mentor_vetting_expired' });
        const answer = (await consentForMentor(scope.tx, row, today))(chosen);
        if (!answer.allowed) {
          await scope.audit({ ...entry, outcome: 'denied', legalBasis: answer.basis, details: { actionId: action.id, mentorId: chosen.id, ruleId: answer.ruleId } });
          throw invalid({ mentorId: 'mentor_consent_missing' });
        }
        // The mentor's account joins the team (for their organisation), so the case-access rules for the mentor role apply to them.
        let responsibleOrganisationId = action.responsibleOrganisationId;
        if (chosen.userId) {
          const onTeam = view.members.some((m) => m.userId === chosen.userId && m.organisationId === chosen.organisationId);
          if (!onTeam) {
            const [added] = await scope.tx
              .insert(caseMember)
              .values({ tenantId: row.tenantId, caseId: row.id, userId: chosen.userId, organisationId: chosen.organisationId, caseRole: 'Mentor', legalBasis: answer.basis, addedBy: scope.actor.userId })
              .returning({ id: caseMember.id });
            const memberDetails = { memberId: added!.id, userId: chosen.userId, organisationId: chosen.organisationId };
            await appendCaseEvent(scope.tx, row, scope.actor.userId, { type: 'member.added', section: 'summary', details: memberDetails });
            // Joining the team is its own step in the chronology, so it has its own audit event too.
            await scope.audit({ action: 'case.member_add', resourceType: 'case', resourceId: row.id, personId: row.personId, legalBasis: answer.basis, details: memberDetails });
          }
          responsibleOrganisationId = chosen.organisationId;
        }
        await scope.tx
          .update(caseAction)
          .set({ responsibleUserId: chosen.userId, responsibleOrganisationId, updatedAt: now() })
          .where(and(eq(caseAction.tenantId, row.tenantId), eq(caseAction.id, action.id)));
        await scope.tx
          .insert(mentorMatch)
          .values({ tenantId: row.tenantId, actionId: action.id, caseId: row.id, mentorId: chosen.id, matchedBy: scope.actor.userId, matchedAt: now() })
          .onConflictDoUpdate({ target: [mentorMatch.tenantId, mentorMatch.actionId], set: { mentorId: chosen.id, matchedBy: scope.actor.userId, matchedAt: now() } });
        const details = { actionId: action.id, mentorId: chosen.id, responsibleUserId: chosen.userId };
        await appendCaseEvent(scope.tx, row, scope.actor.userId, { type: 'mentor.matched', section: 'plan', details });
        await touchCase(scope.tx, row);
        await scope.audit({ ...entry, legalBasis: answer.basis, details });
        return present(scope, row, action.id);
      }),
  );

  async function readMeetings(scope: RequestScope, tenantId: string, actionIds: readonly string[]): Promise<Map<string, MentorMeeting[]>> {
    const byAction = new Map<string, MentorMeeting[]>();
    if (actionIds.length === 0) return byAction;
    const rows = await scope.tx
      .select()
      .from(mentorMeeting)
      .where(and(eq(mentorMeeting.tenantId, tenantId), inArray(mentorMeeting.actionId, [...actionIds])))
      .orderBy(asc(mentorMeeting.metOn), asc(mentorMeeting.createdAt));
    for (const r of rows) {
      const meeting = { id: r.id, metOn: r.metOn, minutes: r.minutes, note: cipher.decrypt(r.noteEncrypted, noteContext(r.tenantId, r.id)), createdAt: r.createdAt.toISOString() };
      byAction.set(r.actionId, [...(byAction.get(r.actionId) ?? []), meeting]);
    }
    return byAction;
  }

  routes.get(
    '/api/cases/:caseId/actions/:actionId/mentor/meetings',
    { schema: { tags: TAGS, summary: 'The mentor’s meeting log: only the mentor and the case director', params: actionParamsSchema, response: { 200: mentorMeetingListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, action } = await loadAction(scope, request.params.caseId, request.params.actionId, 'mentor_meeting.list');
        const entry = { action: 'mentor_meeting.list', resourceType: 'case', resourceId: row.id, personId: row.personId };
        scope.authorize('read', await logResource(scope, row, action.id), entry);
        const meetings = (await readMeetings(scope, row.tenantId, [action.id])).get(action.id) ?? [];
        await scope.audit({ ...entry, details: { actionId: action.id, count: meetings.length } });
        return { meetings };
      }),
  );

  routes.post(
    '/api/cases/:caseId/actions/:actionId/mentor/meetings',
    { schema: { tags: TAGS, summary: 'The matched mentor logs a meeting (date, minutes, a short note, encrypted)', params: actionParamsSchema, body: mentorMeetingInputSchema, response: { 201: mentorMeetingSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const { row, action } = await loadAction(scope, request.params.caseId, request.params.actionId, 'mentor_meeting.create');
        const entry = { action: 'mentor_meeting.create', resourceType: 'case', resourceId: row.id, personId: row.personId };
        const log = await logResource(scope, row, action.id);
        scope.authorize('write', log, entry);
        if (row.status === 'avslutad') throw new AppError(409, 'conflict', { status: 'case_closed' });
        if (request.body.metOn > todayInSweden()) throw invalid({ metOn: 'mentor_meeting_in_future' });
        const id = randomUUID();
        const createdAt = now();
        await scope.tx.insert(mentorMeeting).values({
          tenantId: row.tenantId,
          id,
          actionId: action.id,
          caseId: row.id,
          mentorId: log.mentorId!,
          metOn: request.body.metOn,
          minutes: request.body.minutes,
          noteEncrypted: cipher.encrypt(request.body.note, noteContext(row.tenantId, id)),
          createdBy: scope.actor.userId,
          createdAt,
        });
        await scope.audit({ ...entry, details: { actionId: action.id, meetingId: id, minutes: request.body.minutes } });
        reply.status(201);
        return { id, metOn: request.body.metOn, minutes: request.body.minutes, note: request.body.note, createdAt: createdAt.toISOString() };
      }),
  );

  routes.get(
    '/api/mentors/mine',
    { schema: { tags: TAGS, summary: 'The signed-in mentor’s own record and matches, each with its meeting log', response: { 200: myMentorshipsSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor } = scope;
        const [own] = await selectMentors(scope.tx, actor.tenantId, [eq(mentor.userId, actor.userId)]);
        if (!own) {
          await scope.audit({ action: 'mentor.mine', resourceType: 'mentor', details: { count: 0 } });
          return { mentor: null, matches: [] };
        }
        const today = todayInSweden();
        const matchRows = await scope.tx.select().from(mentorMatch).where(and(eq(mentorMatch.tenantId, actor.tenantId), eq(mentorMatch.mentorId, own.id)));
        const matches: { caseId: string; actionId: string; personName: string; personId: string; startOn: string; dueOn: string }[] = [];
        for (const match of matchRows) {
          const row = await findCase(scope.tx, actor.tenantId, match.caseId);
          if (!row) continue;
          const view = await viewCase(scope.tx, actor, crypto, row);
          // Only what the case itself shows this mentor: after a withdrawal the match leaves the page too.
          if (!can(actor, 'read', view.resource)) continue;
          const action = view.detail.actions.find((a) => a.id === match.actionId);
          if (!action) continue;
          matches.push({ caseId: row.id, actionId: action.id, personName: view.personName, personId: row.personId, startOn: action.startOn, dueOn: action.dueOn });
        }
        const meetings = await readMeetings(
          scope,
          actor.tenantId,
          matches.map((m) => m.actionId),
        );
        await scope.auditAll([
          { action: 'mentor.mine', resourceType: 'mentor', resourceId: own.id, details: { count: matches.length } },
          ...matches.map((m) => ({ action: 'mentor_meeting.list', resourceType: 'case', resourceId: m.caseId, personId: m.personId, details: { actionId: m.actionId } })),
        ]);
        return {
          mentor: { id: own.id, name: own.name, vettingStatus: vettingStatus(own.lastCheckedOn, today), validThrough: own.lastCheckedOn ? vettingValidThrough(own.lastCheckedOn) : null },
          matches: matches.map(({ personId: _personId, ...m }) => ({ ...m, meetings: meetings.get(m.actionId) ?? [] })),
        };
      }),
  );
}
