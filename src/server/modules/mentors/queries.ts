import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, mentor, mentorMatch, mentorTraining, mentorVettingCheck, organisation, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import { vettingStatus, vettingValidThrough, type Mentor, type MentorDetail, type MentorInput } from '../../../shared/mentors';
import { mentorResource } from './policy';

export type MentorRow = typeof mentor.$inferSelect & { organisationName: string; userName: string | null; lastCheckedOn: string | null; matchCount: number };

/** The tenant's mentors with their organisation, linked account, latest check and number of matches. */
export async function selectMentors(tx: Tx, tenantId: string, where: SQL[] = []): Promise<MentorRow[]> {
  const lastChecked = sql<string | null>`(select max(c.checked_on)::text from mentor_vetting_check c where c.tenant_id = ${mentor.tenantId} and c.mentor_id = ${mentor.id})`;
  const matches = sql<number>`(select count(*)::int from mentor_match m where m.tenant_id = ${mentor.tenantId} and m.mentor_id = ${mentor.id})`;
  const rows = await tx
    .select({ mentor, organisationName: organisation.name, userName: user.name, lastCheckedOn: lastChecked, matchCount: matches })
    .from(mentor)
    .innerJoin(organisation, and(eq(organisation.tenantId, mentor.tenantId), eq(organisation.id, mentor.organisationId)))
    .leftJoin(user, eq(user.id, mentor.userId))
    .where(and(eq(mentor.tenantId, tenantId), ...where))
    .orderBy(asc(mentor.name), asc(mentor.id));
  return rows.map((r) => ({ ...r.mentor, organisationName: r.organisationName, userName: r.userName, lastCheckedOn: r.lastCheckedOn, matchCount: Number(r.matchCount) }));
}

export async function findMentor(tx: Tx, tenantId: string, id: string): Promise<MentorRow | null> {
  return (await selectMentors(tx, tenantId, [eq(mentor.id, id)]))[0] ?? null;
}

export function presentMentor(actor: Actor, row: MentorRow, today: string): Mentor {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    name: row.name,
    phone: row.phone,
    email: row.email,
    userId: row.userId,
    userName: row.userName,
    active: row.active,
    vettingStatus: vettingStatus(row.lastCheckedOn, today),
    lastCheckedOn: row.lastCheckedOn,
    validThrough: row.lastCheckedOn ? vettingValidThrough(row.lastCheckedOn) : null,
    matchCount: row.matchCount,
    abilities: abilitiesOf(actor, mentorResource(row.tenantId, row)),
  };
}

export async function presentMentorDetail(tx: Tx, actor: Actor, row: MentorRow, today: string): Promise<MentorDetail> {
  const checks = await tx
    .select({ id: mentorVettingCheck.id, checkedOn: mentorVettingCheck.checkedOn, checkedByName: user.name, recordedAt: mentorVettingCheck.recordedAt })
    .from(mentorVettingCheck)
    .leftJoin(user, eq(user.id, mentorVettingCheck.checkedBy))
    .where(and(eq(mentorVettingCheck.tenantId, row.tenantId), eq(mentorVettingCheck.mentorId, row.id)))
    .orderBy(desc(mentorVettingCheck.checkedOn), desc(mentorVettingCheck.recordedAt));
  const trainings = await tx
    .select({ id: mentorTraining.id, name: mentorTraining.name, completedOn: mentorTraining.completedOn })
    .from(mentorTraining)
    .where(and(eq(mentorTraining.tenantId, row.tenantId), eq(mentorTraining.mentorId, row.id)))
    .orderBy(desc(mentorTraining.completedOn));
  return {
    ...presentMentor(actor, row, today),
    checks: checks.map((c) => ({ id: c.id, checkedOn: c.checkedOn, checkedByName: c.checkedByName ?? '', recordedAt: c.recordedAt.toISOString() })),
    trainings,
  };
}

/** The organisation must be the tenant's and active; a linked account must hold the mentor role there. */
export async function checkMentorReferences(tx: Tx, tenantId: string, input: Pick<MentorInput, 'organisationId' | 'userId'>, exceptMentorId?: string): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const [org] = await tx
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, input.organisationId), eq(organisation.active, true)));
  if (!org) fields.organisationId = 'not_found';
  if (input.userId) {
    const [held] = await tx
      .select({ id: membership.id })
      .from(membership)
      .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, input.userId), eq(membership.organisationId, input.organisationId), eq(membership.role, 'mentor'), eq(membership.active, true)))
      .limit(1);
    if (!held) fields.userId = 'mentor_user_not_mentor';
    else {
      const [taken] = await tx.select({ id: mentor.id }).from(mentor).where(and(eq(mentor.tenantId, tenantId), eq(mentor.userId, input.userId)));
      if (taken && taken.id !== exceptMentorId) fields.userId = 'mentor_user_taken';
    }
  }
  return fields;
}

/** Organisations the actor may register mentors for, and the mentor accounts there to link. */
export async function registerOptions(tx: Tx, actor: Actor, coordinator: boolean) {
  const where: SQL[] = [eq(organisation.tenantId, actor.tenantId), eq(organisation.active, true)];
  if (!coordinator) where.push(eq(organisation.id, actor.organisationId));
  const organisations = await tx.select({ id: organisation.id, name: organisation.name }).from(organisation).where(and(...where)).orderBy(asc(organisation.name));
  if (organisations.length === 0) return { organisations, mentorUsers: [] };
  const mentorUsers = await tx
    .select({ id: user.id, name: user.name, organisationId: membership.organisationId })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(
      and(
        eq(membership.tenantId, actor.tenantId),
        eq(membership.role, 'mentor'),
        eq(membership.active, true),
        inArray(
          membership.organisationId,
          organisations.map((o) => o.id),
        ),
      ),
    )
    .orderBy(asc(user.name));
  return { organisations, mentorUsers };
}

export const mentorValues = (input: { organisationId: string; name: string; phone: string | null; email: string | null; userId: string | null; active: boolean }) => ({
  organisationId: input.organisationId,
  name: input.name,
  phone: input.phone,
  email: input.email,
  userId: input.userId,
  active: input.active,
});

export async function matchOf(tx: Tx, tenantId: string, actionId: string) {
  const [found] = await tx.select().from(mentorMatch).where(and(eq(mentorMatch.tenantId, tenantId), eq(mentorMatch.actionId, actionId)));
  return found ?? null;
}
