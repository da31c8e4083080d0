import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { conflict, invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { now } from '../../clock';
import { forum, forumAgendaItem, forumAttendance, forumDecision, forumMeeting, forumMember, keyPerson, organisation } from '../../db/schema';
import { errorBodySchema } from '../../../shared/errors';
import {
  MINUTES_APPROVED_MESSAGE,
  decisionInputSchema,
  decisionParamsSchema,
  decisionSchema,
  decisionStatusInputSchema,
  forumIdParamsSchema,
  forumInputSchema,
  forumListSchema,
  forumSchema,
  meetingInputSchema,
  meetingParamsSchema,
  meetingRecordInputSchema,
  meetingSchema,
  type Meeting,
} from '../../../shared/forums';
import { stockholmToday } from '../reminders/reminder-rules';
import { forumCollection } from './policy';
import { findForum, forumResource, forumTypeOf, membersOf, presentMember, resolveMembers, selectDecisions, tenantUsers, type ForumRow } from './queries';
import { checkLink, presentLinks, storedLink } from './agenda-links';
import { decryptMinutes, encryptMinutes } from './minutes-crypto';
import { renderMinutesPdf } from './minutes-pdf';

const TAGS = ['forums'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const AUDIT = (action: string, resourceId?: string) => ({ action, resourceType: 'forum', ...(resourceId ? { resourceId } : {}) });
const locked = () => conflict({ meeting: MINUTES_APPROVED_MESSAGE });

type MeetingRow = typeof forumMeeting.$inferSelect;

/**
 * Forums (samverkansforum), issue 15 §2: forums, their meetings (agenda, attendance, minutes), decisions
 * followed up at every later meeting, and the minutes' approval (justering) and PDF. Policy in ./policy.ts.
 */
export function registerForumRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, cipher } = context;
  const preHandler = requireSession(context.auth);

  /** A forum for `verb`; unknown and denied look the same (404, the denial audited). */
  async function loadForum(scope: RequestScope, id: string, verb: string, action: string): Promise<ForumRow> {
    const row = await findForum(scope.tx, scope.actor.tenantId, id);
    if (!row) throw notFound();
    // Reading first: to someone outside the forum it does not exist (404), whatever the verb.
    scope.authorize('read', forumResource(row), AUDIT(action, row.id));
    if (verb !== 'read') scope.authorize(verb, forumResource(row), AUDIT(action, row.id));
    return row;
  }

  async function loadMeeting(scope: RequestScope, forumId: string, meetingId: string, action: string): Promise<{ row: ForumRow; meeting: MeetingRow }> {
    const row = await loadForum(scope, forumId, 'read', action);
    const [meeting] = await scope.tx.select().from(forumMeeting).where(and(eq(forumMeeting.tenantId, row.tenantId), eq(forumMeeting.forumId, row.id), eq(forumMeeting.id, meetingId)));
    if (!meeting) throw notFound();
    return { row, meeting };
  }

  /** Writing the meeting's record: refused with 409 once approved, before asking who may. */
  function authorizeRecord(scope: RequestScope, row: ForumRow, meeting: MeetingRow, action: string) {
    if (meeting.approvedAt) throw locked();
    scope.authorize('record', forumResource(row, meeting), AUDIT(action, meeting.id));
  }

  async function presentMeeting(scope: RequestScope, row: ForumRow, meeting: MeetingRow): Promise<Meeting> {
    const { tx, actor } = scope;
    const today = stockholmToday(now());
    const items = await tx.select().from(forumAgendaItem).where(and(eq(forumAgendaItem.tenantId, row.tenantId), eq(forumAgendaItem.meetingId, meeting.id))).orderBy(asc(forumAgendaItem.position));
    const links = await presentLinks(
      tx,
      actor,
      items.filter((i) => i.linkKind && i.linkRef).map((i) => ({ kind: i.linkKind as never, ref: i.linkRef! })),
    );
    const attendance = await tx.select().from(forumAttendance).where(and(eq(forumAttendance.tenantId, row.tenantId), eq(forumAttendance.meetingId, meeting.id)));
    const present = new Map(attendance.map((a) => [a.memberId, a.present]));
    const names = new Map((await tenantUsers(tx, row.tenantId)).map((u) => [u.id, u.name]));
    const candidates = row.members.filter((m) => m.kind === 'user' && m.userId).map((m) => ({ userId: m.userId!, name: m.name ?? '' }));
    if (!candidates.some((c) => c.userId === row.chairUserId)) candidates.unshift({ userId: row.chairUserId, name: row.chairName });
    return {
      id: meeting.id,
      forumId: row.id,
      forumName: row.name,
      forumType: forumTypeOf(row.type),
      startsAt: meeting.startsAt.toISOString(),
      durationMinutes: meeting.durationMinutes,
      place: meeting.place,
      agenda: items.map((i) => ({
        id: i.id,
        position: i.position,
        title: i.title,
        link: i.linkKind && i.linkRef ? (links.get(`${i.linkKind}:${i.linkRef}`) ?? null) : null,
        minutes: i.minutesEncrypted ? decryptMinutes(cipher, i.tenantId, i.id, i.minutesEncrypted) : '',
      })),
      attendance: row.members.map((m) => ({ memberId: m.id, present: present.get(m.id) ?? null })),
      members: row.members.map(presentMember),
      followUp: await selectDecisions(tx, row.tenantId, row.id, today, { openOnly: true, before: meeting.startsAt, closedAt: meeting.id }),
      decisions: await selectDecisions(tx, row.tenantId, row.id, today, { meetingId: meeting.id }),
      justerareUserId: meeting.justerareUserId,
      justerareName: meeting.justerareUserId ? (names.get(meeting.justerareUserId) ?? null) : null,
      approvedAt: meeting.approvedAt?.toISOString() ?? null,
      approvedByName: meeting.approvedBy ? (names.get(meeting.approvedBy) ?? null) : null,
      justerareCandidates: candidates,
      abilities: abilitiesOf(actor, forumResource(row, meeting)),
    };
  }

  routes.get(
    '/api/forums',
    { schema: { tags: TAGS, summary: 'The tenant’s forums: name, type and member organisations for everyone', response: { 200: forumListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = forumCollection(scope.actor.tenantId);
        scope.authorize('list', collection, AUDIT('forum.list'));
        const rows = await scope.tx.select().from(forum).where(eq(forum.tenantId, scope.actor.tenantId)).orderBy(asc(forum.name));
        const members = await membersOf(scope.tx, scope.actor.tenantId, rows.map((r) => r.id));
        const forums = rows.map((r) => {
          const list = members.get(r.id) ?? [];
          const resource = forumResource({ ...r, members: list });
          return {
            id: r.id,
            name: r.name,
            type: forumTypeOf(r.type),
            memberOrganisations: list.filter((m) => m.kind === 'organisation').map((m) => ({ id: m.organisationId!, name: m.organisationName ?? '' })),
            member: abilitiesOf(scope.actor, resource).read === true,
          };
        });
        const abilities = abilitiesOf(scope.actor, collection);
        let candidates: { organisations: { id: string; name: string }[]; users: { id: string; name: string; organisationName: string }[]; keyPersons: { id: string; name: string; organisationName: string }[] } = { organisations: [], users: [], keyPersons: [] };
        if (abilities.create) {
          candidates = {
            organisations: await scope.tx.select({ id: organisation.id, name: organisation.name }).from(organisation).where(and(eq(organisation.tenantId, scope.actor.tenantId), eq(organisation.active, true))).orderBy(asc(organisation.name)),
            users: (await tenantUsers(scope.tx, scope.actor.tenantId)).map(({ id, name, organisationName }) => ({ id, name, organisationName })),
            keyPersons: await scope.tx
              .select({ id: keyPerson.id, name: keyPerson.name, organisationName: organisation.name })
              .from(keyPerson)
              .innerJoin(organisation, and(eq(organisation.tenantId, keyPerson.tenantId), eq(organisation.id, keyPerson.organisationId)))
              .where(eq(keyPerson.tenantId, scope.actor.tenantId))
              .orderBy(asc(keyPerson.name)),
          };
        }
        await scope.audit({ ...AUDIT('forum.list'), details: { count: forums.length } });
        return { forums, abilities, candidates };
      }),
  );

  routes.post(
    '/api/forums',
    { schema: { tags: TAGS, summary: 'Create a forum (coordinator, administrator)', body: forumInputSchema, response: { 201: forumSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        scope.authorize('create', forumCollection(scope.actor.tenantId), AUDIT('forum.create'));
        const input = request.body;
        const { fields, values } = await resolveMembers(scope.tx, scope.actor.tenantId, input.members, input.chairUserId);
        if (Object.keys(fields).length > 0) throw invalid(fields);
        const [inserted] = await scope.tx
          .insert(forum)
          .values({ tenantId: scope.actor.tenantId, name: input.name, type: input.type, chairUserId: input.chairUserId, createdBy: scope.actor.userId, createdAt: now() })
          .returning({ id: forum.id });
        if (values.length) await scope.tx.insert(forumMember).values(values.map((v, position) => ({ tenantId: scope.actor.tenantId, forumId: inserted!.id, position, ...v })));
        await scope.audit({ ...AUDIT('forum.create', inserted!.id), details: { type: input.type, members: values.length } });
        reply.status(201);
        return presentForum(scope, (await findForum(scope.tx, scope.actor.tenantId, inserted!.id))!);
      }),
  );

  async function presentForum(scope: RequestScope, row: ForumRow) {
    const meetings = await scope.tx.select().from(forumMeeting).where(and(eq(forumMeeting.tenantId, row.tenantId), eq(forumMeeting.forumId, row.id))).orderBy(desc(forumMeeting.startsAt));
    return {
      id: row.id,
      name: row.name,
      type: forumTypeOf(row.type),
      chairUserId: row.chairUserId,
      chairName: row.chairName,
      members: row.members.map(presentMember),
      meetings: meetings.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), durationMinutes: m.durationMinutes, place: m.place, approved: m.approvedAt !== null })),
      openDecisions: await selectDecisions(scope.tx, row.tenantId, row.id, stockholmToday(now()), { openOnly: true }),
      abilities: abilitiesOf(scope.actor, forumResource(row)),
    };
  }

  routes.get(
    '/api/forums/:forumId',
    { schema: { tags: TAGS, summary: 'A forum with its members, meetings and open decisions (its members)', params: forumIdParamsSchema, response: { 200: forumSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadForum(scope, request.params.forumId, 'read', 'forum.read');
        await scope.audit(AUDIT('forum.read', row.id));
        return presentForum(scope, row);
      }),
  );

  routes.post(
    '/api/forums/:forumId/meetings',
    { schema: { tags: TAGS, summary: 'Plan a meeting with its agenda (chair, coordinator, administrator)', params: forumIdParamsSchema, body: meetingInputSchema, response: { 201: meetingSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const row = await loadForum(scope, request.params.forumId, 'manage', 'forum_meeting.create');
        const input = request.body;
        const fields: Record<string, string> = {};
        for (const [index, item] of input.agenda.entries()) if (item.link && !(await checkLink(scope.tx, scope.actor, row.id, item.link))) fields[`agenda.${index}.link`] = 'not_found';
        if (Object.keys(fields).length > 0) throw invalid(fields);
        const [meeting] = await scope.tx
          .insert(forumMeeting)
          .values({ tenantId: row.tenantId, forumId: row.id, startsAt: new Date(input.startsAt), durationMinutes: input.durationMinutes, place: input.place, createdBy: scope.actor.userId, createdAt: now() })
          .returning();
        if (input.agenda.length)
          await scope.tx.insert(forumAgendaItem).values(
            input.agenda.map((item, position) => {
              const link = item.link ? storedLink(item.link) : null;
              return { tenantId: row.tenantId, meetingId: meeting!.id, position, title: item.title, linkKind: link?.kind ?? null, linkRef: link?.ref ?? null };
            }),
          );
        await scope.audit({ ...AUDIT('forum_meeting.create', meeting!.id), details: { forumId: row.id, items: input.agenda.length } });
        reply.status(201);
        return presentMeeting(scope, row, meeting!);
      }),
  );

  routes.get(
    '/api/forums/:forumId/meetings/:meetingId',
    { schema: { tags: TAGS, summary: 'A meeting: follow-up, agenda with minutes, attendance, decisions (its forum’s members; the read is logged)', params: meetingParamsSchema, response: { 200: meetingSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, meeting } = await loadMeeting(scope, request.params.forumId, request.params.meetingId, 'forum_meeting.read');
        const presented = await presentMeeting(scope, row, meeting);
        await scope.audit({ ...AUDIT('forum_meeting.read', meeting.id), details: { forumId: row.id, casesShown: presented.agenda.filter((i) => i.link?.kind === 'sspf_case' && i.link.visible).length } });
        return presented;
      }),
  );

  routes.put(
    '/api/forums/:forumId/meetings/:meetingId/record',
    { schema: { tags: TAGS, summary: 'Record attendance, minutes and the justerare (refused once approved)', params: meetingParamsSchema, body: meetingRecordInputSchema, response: { 200: meetingSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, meeting } = await loadMeeting(scope, request.params.forumId, request.params.meetingId, 'forum_meeting.record');
        authorizeRecord(scope, row, meeting, 'forum_meeting.record');
        const input = request.body;
        const fields: Record<string, string> = {};
        const memberIds = new Set(row.members.map((m) => m.id));
        input.attendance?.forEach((a, index) => {
          if (!memberIds.has(a.memberId)) fields[`attendance.${index}.memberId`] = 'not_found';
        });
        const items = await scope.tx.select({ id: forumAgendaItem.id }).from(forumAgendaItem).where(and(eq(forumAgendaItem.tenantId, row.tenantId), eq(forumAgendaItem.meetingId, meeting.id)));
        const itemIds = new Set(items.map((i) => i.id));
        input.minutes?.forEach((m, index) => {
          if (!itemIds.has(m.itemId)) fields[`minutes.${index}.itemId`] = 'not_found';
        });
        const candidates = new Set([row.chairUserId, ...row.members.filter((m) => m.kind === 'user').map((m) => m.userId!)]);
        if (input.justerareUserId && !candidates.has(input.justerareUserId)) fields.justerareUserId = 'not_a_member';
        if (Object.keys(fields).length > 0) throw invalid(fields);
        for (const a of input.attendance ?? [])
          await scope.tx
            .insert(forumAttendance)
            .values({ tenantId: row.tenantId, meetingId: meeting.id, memberId: a.memberId, present: a.present })
            .onConflictDoUpdate({ target: [forumAttendance.tenantId, forumAttendance.meetingId, forumAttendance.memberId], set: { present: a.present } });
        for (const m of input.minutes ?? [])
          await scope.tx
            .update(forumAgendaItem)
            .set({ minutesEncrypted: m.text === '' ? null : encryptMinutes(cipher, row.tenantId, m.itemId, m.text) })
            .where(and(eq(forumAgendaItem.tenantId, row.tenantId), eq(forumAgendaItem.id, m.itemId)));
        if (input.justerareUserId !== undefined)
          await scope.tx.update(forumMeeting).set({ justerareUserId: input.justerareUserId }).where(and(eq(forumMeeting.tenantId, row.tenantId), eq(forumMeeting.id, meeting.id)));
        await scope.audit({
          ...AUDIT('forum_meeting.record', meeting.id),
          details: { attendance: input.attendance?.length ?? 0, minutes: input.minutes?.length ?? 0, justerare: input.justerareUserId !== undefined },
        });
        const [fresh] = await scope.tx.select().from(forumMeeting).where(and(eq(forumMeeting.tenantId, row.tenantId), eq(forumMeeting.id, meeting.id)));
        return presentMeeting(scope, row, fresh!);
      }),
  );

  routes.post(
    '/api/forums/:forumId/meetings/:meetingId/decisions',
    { schema: { tags: TAGS, summary: 'Record a decision of the meeting (refused once approved)', params: meetingParamsSchema, body: decisionInputSchema, response: { 201: decisionSchema, ...errors } }, preHandler },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const { row, meeting } = await loadMeeting(scope, request.params.forumId, request.params.meetingId, 'forum_decision.create');
        authorizeRecord(scope, row, meeting, 'forum_decision.create');
        const input = request.body;
        const fields: Record<string, string> = {};
        const [owner] = await scope.tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, row.tenantId), eq(organisation.id, input.ownerOrganisationId)));
        if (!owner) fields.ownerOrganisationId = 'not_found';
        if (input.ownerUserId && !(await tenantUsers(scope.tx, row.tenantId)).some((u) => u.id === input.ownerUserId)) fields.ownerUserId = 'not_found';
        if (Object.keys(fields).length > 0) throw invalid(fields);
        const [inserted] = await scope.tx
          .insert(forumDecision)
          .values({ tenantId: row.tenantId, forumId: row.id, meetingId: meeting.id, ...input, createdBy: scope.actor.userId, createdAt: now(), updatedAt: now() })
          .returning({ id: forumDecision.id });
        await scope.audit({ ...AUDIT('forum_decision.create', inserted!.id), details: { meetingId: meeting.id } });
        reply.status(201);
        const decisions = await selectDecisions(scope.tx, row.tenantId, row.id, stockholmToday(now()), { meetingId: meeting.id });
        return decisions.find((d) => d.id === inserted!.id)!;
      }),
  );

  routes.put(
    '/api/forums/:forumId/decisions/:decisionId/status',
    {
      schema: { tags: TAGS, summary: 'Follow up a decision: its status (at a meeting: refused once that meeting is approved)', params: decisionParamsSchema, body: decisionStatusInputSchema, response: { 200: decisionSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadForum(scope, request.params.forumId, 'manage', 'forum_decision.status');
        const [decision] = await scope.tx.select().from(forumDecision).where(and(eq(forumDecision.tenantId, row.tenantId), eq(forumDecision.forumId, row.id), eq(forumDecision.id, request.params.decisionId)));
        if (!decision) throw notFound();
        const meetingIds = [decision.meetingId, ...(request.body.meetingId ? [request.body.meetingId] : [])];
        const meetings = await scope.tx.select().from(forumMeeting).where(and(eq(forumMeeting.tenantId, row.tenantId), eq(forumMeeting.forumId, row.id), inArray(forumMeeting.id, meetingIds)));
        const at = request.body.meetingId ? meetings.find((m) => m.id === request.body.meetingId) : undefined;
        if (request.body.meetingId && !at) throw invalid({ meetingId: 'not_found' });
        if (at?.approvedAt) throw locked();
        const closing = request.body.status === 'done' || request.body.status === 'cancelled';
        await scope.tx
          .update(forumDecision)
          .set({ status: request.body.status, closedAtMeetingId: closing ? (at?.id ?? null) : null, updatedAt: now() })
          .where(and(eq(forumDecision.tenantId, row.tenantId), eq(forumDecision.id, decision.id)));
        await scope.audit({ ...AUDIT('forum_decision.status', decision.id), details: { from: decision.status, to: request.body.status, meetingId: request.body.meetingId ?? null } });
        const decisions = await selectDecisions(scope.tx, row.tenantId, row.id, stockholmToday(now()), { meetingId: decision.meetingId });
        return decisions.find((d) => d.id === decision.id)!;
      }),
  );

  routes.post(
    '/api/forums/:forumId/meetings/:meetingId/approve',
    { schema: { tags: TAGS, summary: 'Approve (justera) the minutes: the designated justerare only, once; the record is locked after', params: meetingParamsSchema, response: { 200: meetingSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { row, meeting } = await loadMeeting(scope, request.params.forumId, request.params.meetingId, 'forum_meeting.approve');
        if (meeting.approvedAt) throw locked();
        scope.authorize('approve', forumResource(row, meeting), AUDIT('forum_meeting.approve', meeting.id));
        const [fresh] = await scope.tx
          .update(forumMeeting)
          .set({ approvedAt: now(), approvedBy: scope.actor.userId })
          .where(and(eq(forumMeeting.tenantId, row.tenantId), eq(forumMeeting.id, meeting.id)))
          .returning();
        await scope.audit(AUDIT('forum_meeting.approve', meeting.id));
        return presentMeeting(scope, row, fresh!);
      }),
  );

  routes.get(
    '/api/forums/:forumId/meetings/:meetingId/protokoll.pdf',
    { schema: { tags: TAGS, summary: 'The minutes (protokoll) as PDF; the read is logged', params: meetingParamsSchema, response: { 200: z.any(), ...errors } }, preHandler },
    async (request, reply) => {
      const pdf = await withActor(database, request, async (scope) => {
        const { row, meeting } = await loadMeeting(scope, request.params.forumId, request.params.meetingId, 'forum_meeting.print');
        const presented = await presentMeeting(scope, row, meeting);
        await scope.audit({ ...AUDIT('forum_meeting.print', meeting.id), details: { forumId: row.id } });
        return renderMinutesPdf({ meeting: presented, tenantName: scope.actor.tenantName, chairName: row.chairName });
      });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="protokoll-${request.params.meetingId.slice(0, 8)}.pdf"`).send(pdf);
    },
  );
}
