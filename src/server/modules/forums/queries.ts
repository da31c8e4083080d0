import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { forum, forumDecision, forumMeeting, forumMember, keyPerson, membership, organisation, user } from '../../db/schema';
import { isOverdue, type Decision, type ForumMember, type ForumMemberInput, type ForumType } from '../../../shared/forums';
import type { ForumResource } from './policy';

export type ForumRow = typeof forum.$inferSelect & { chairName: string; members: MemberRow[] };
export type MemberRow = ForumMember & { memberOrganisationOf: string | null };

/** A forum with its members named (organisations, users, key persons), in the order they were given. */
export async function findForum(tx: Tx, tenantId: string, id: string): Promise<ForumRow | null> {
  const [row] = await tx.select().from(forum).where(and(eq(forum.tenantId, tenantId), eq(forum.id, id)));
  if (!row) return null;
  const members = await membersOf(tx, tenantId, [id]);
  const [chair] = await tx.select({ name: user.name }).from(user).where(eq(user.id, row.chairUserId));
  return { ...row, chairName: chair?.name ?? '', members: members.get(id) ?? [] };
}

export async function membersOf(tx: Tx, tenantId: string, forumIds: string[]): Promise<Map<string, MemberRow[]>> {
  const byForum = new Map<string, MemberRow[]>();
  if (forumIds.length === 0) return byForum;
  const rows = await tx
    .select({
      member: forumMember,
      organisationName: organisation.name,
      userName: user.name,
      keyPersonName: keyPerson.name,
      keyPersonOrganisationId: keyPerson.organisationId,
    })
    .from(forumMember)
    .leftJoin(organisation, and(eq(organisation.tenantId, forumMember.tenantId), eq(organisation.id, forumMember.organisationId)))
    .leftJoin(user, eq(user.id, forumMember.userId))
    .leftJoin(keyPerson, and(eq(keyPerson.tenantId, forumMember.tenantId), eq(keyPerson.id, forumMember.keyPersonId)))
    .where(and(eq(forumMember.tenantId, tenantId), inArray(forumMember.forumId, forumIds)))
    .orderBy(asc(forumMember.position));
  for (const r of rows) {
    const m = r.member;
    const present: MemberRow = {
      id: m.id,
      kind: m.kind as ForumMember['kind'],
      organisationId: m.kind === 'key_person' ? r.keyPersonOrganisationId : m.organisationId,
      organisationName: r.organisationName,
      userId: m.userId,
      keyPersonId: m.keyPersonId,
      name: m.kind === 'user' ? r.userName : m.kind === 'key_person' ? r.keyPersonName : null,
      memberOrganisationOf: m.kind === 'organisation' ? m.organisationId : null,
    };
    byForum.set(m.forumId, [...(byForum.get(m.forumId) ?? []), present]);
  }
  return byForum;
}

export function forumResource(row: Pick<ForumRow, 'tenantId' | 'id' | 'chairUserId' | 'members'>, meeting?: { justerareUserId: string | null; approvedAt: Date | null }): ForumResource {
  return {
    kind: 'forum',
    tenantId: row.tenantId,
    id: row.id,
    chairUserId: row.chairUserId,
    memberUserIds: row.members.filter((m) => m.kind === 'user' && m.userId).map((m) => m.userId!),
    memberOrganisationIds: row.members.map((m) => m.memberOrganisationOf).filter((id): id is string => id !== null),
    ...(meeting ? { justerareUserId: meeting.justerareUserId, approved: meeting.approvedAt !== null } : {}),
  };
}

export const presentMember = ({ memberOrganisationOf: _, ...member }: MemberRow): ForumMember => member;

/** The tenant's active users, each with the first organisation they work for (the one they sit for). */
export async function tenantUsers(tx: Tx, tenantId: string): Promise<{ id: string; name: string; organisationId: string; organisationName: string }[]> {
  const rows = await tx
    .select({ id: user.id, name: user.name, organisationId: membership.organisationId, organisationName: organisation.name })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.active, true), eq(user.active, true)))
    .orderBy(asc(user.name), asc(organisation.name));
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
}

/** Check and resolve the members: every reference the tenant's own; a 400 field otherwise. */
export async function resolveMembers(
  tx: Tx,
  tenantId: string,
  members: ForumMemberInput[],
  chairUserId: string,
): Promise<{ fields: Record<string, string>; values: { kind: string; organisationId: string | null; userId: string | null; keyPersonId: string | null }[] }> {
  const fields: Record<string, string> = {};
  const users = new Map((await tenantUsers(tx, tenantId)).map((u) => [u.id, u]));
  if (!users.has(chairUserId)) fields.chairUserId = 'not_found';
  const organisationIds = members.flatMap((m) => (m.kind === 'organisation' ? [m.organisationId] : []));
  const keyPersonIds = members.flatMap((m) => (m.kind === 'key_person' ? [m.keyPersonId] : []));
  const foundOrganisations = organisationIds.length
    ? new Set((await tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, organisationIds)))).map((r) => r.id))
    : new Set<string>();
  const foundKeyPersons = keyPersonIds.length
    ? new Set((await tx.select({ id: keyPerson.id }).from(keyPerson).where(and(eq(keyPerson.tenantId, tenantId), inArray(keyPerson.id, keyPersonIds)))).map((r) => r.id))
    : new Set<string>();
  const keys = new Set<string>();
  const values = members.map((m, index) => {
    const key = m.kind === 'organisation' ? m.organisationId : m.kind === 'user' ? m.userId : m.keyPersonId;
    if (keys.has(key)) fields[`members.${index}`] = 'duplicate_values';
    keys.add(key);
    if (m.kind === 'organisation') {
      if (!foundOrganisations.has(m.organisationId)) fields[`members.${index}`] = 'not_found';
      return { kind: m.kind, organisationId: m.organisationId, userId: null, keyPersonId: null };
    }
    if (m.kind === 'user') {
      const found = users.get(m.userId);
      if (!found) fields[`members.${index}`] = 'not_found';
      return { kind: m.kind, organisationId: found?.organisationId ?? null, userId: m.userId, keyPersonId: null };
    }
    if (!foundKeyPersons.has(m.keyPersonId)) fields[`members.${index}`] = 'not_found';
    return { kind: m.kind, organisationId: null, userId: null, keyPersonId: m.keyPersonId };
  });
  return { fields, values };
}

/**
 * The forum's decisions with their owners named. `openOnly` with `closedAt`: the open ones and those a
 * meeting's follow-up closed (so that meeting goes on showing what it did); `meetingId`: one meeting's own.
 */
export async function selectDecisions(tx: Tx, tenantId: string, forumId: string, today: string, options: { openOnly?: boolean; meetingId?: string; before?: Date; closedAt?: string } = {}): Promise<Decision[]> {
  const rows = await tx
    .select({ decision: forumDecision, organisationName: organisation.name, userName: user.name, meetingStartsAt: forumMeeting.startsAt })
    .from(forumDecision)
    .innerJoin(organisation, and(eq(organisation.tenantId, forumDecision.tenantId), eq(organisation.id, forumDecision.ownerOrganisationId)))
    .innerJoin(forumMeeting, and(eq(forumMeeting.tenantId, forumDecision.tenantId), eq(forumMeeting.id, forumDecision.meetingId)))
    .leftJoin(user, eq(user.id, forumDecision.ownerUserId))
    .where(
      and(
        eq(forumDecision.tenantId, tenantId),
        eq(forumDecision.forumId, forumId),
        options.openOnly
          ? or(inArray(forumDecision.status, ['open', 'in_progress']), options.closedAt ? eq(forumDecision.closedAtMeetingId, options.closedAt) : undefined)
          : undefined,
        options.meetingId ? eq(forumDecision.meetingId, options.meetingId) : undefined,
        options.before ? sql`${forumMeeting.startsAt} < ${options.before.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(asc(forumDecision.dueOn), asc(forumDecision.createdAt));
  return rows.map(({ decision: d, organisationName, userName, meetingStartsAt }) => ({
    id: d.id,
    meetingId: d.meetingId,
    meetingStartsAt: meetingStartsAt.toISOString(),
    text: d.text,
    ownerOrganisationId: d.ownerOrganisationId,
    ownerOrganisationName: organisationName,
    ownerUserId: d.ownerUserId,
    ownerName: userName ?? d.ownerName,
    dueOn: d.dueOn,
    status: d.status as Decision['status'],
    overdue: isOverdue(d, today),
  }));
}

export const forumTypeOf = (type: string) => type as ForumType;
