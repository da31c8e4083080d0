import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, mentor, mentorVettingCheck, user } from '../../db/schema';
import { addDaysTo, VETTING_REMINDER_DAYS, vettingValidThrough } from '../../../shared/mentors';

/** Who keeps a mentor's vetting up to date: the coordinators and key persons of the mentor's organisation. */
const KEEPER_ROLES = ['koordinator', 'foreningsnyckelperson'] as const;

export interface VettingExpiring {
  /** The check that is about to expire: a new check is a new subject, reminded of in its turn. */
  checkId: string;
  mentorId: string;
  userIds: string[];
}

/**
 * Active mentors whose latest vetting check expires within 30 days (and has not expired yet). Each
 * goes to the keepers of the mentor's organisation, or every coordinator of the tenant when it has none.
 * The reminders module sends each once (reminder_notice on the check's id).
 */
export async function mentorVettingExpiring(tx: Tx, tenantId: string, today: string): Promise<VettingExpiring[]> {
  const checks = await tx
    .select({ id: mentorVettingCheck.id, mentorId: mentorVettingCheck.mentorId, checkedOn: mentorVettingCheck.checkedOn, organisationId: mentor.organisationId })
    .from(mentorVettingCheck)
    .innerJoin(mentor, and(eq(mentor.tenantId, mentorVettingCheck.tenantId), eq(mentor.id, mentorVettingCheck.mentorId)))
    .where(and(eq(mentorVettingCheck.tenantId, tenantId), eq(mentor.active, true)));
  const latest = new Map<string, (typeof checks)[number]>();
  for (const check of checks) {
    const known = latest.get(check.mentorId);
    if (!known || check.checkedOn > known.checkedOn || (check.checkedOn === known.checkedOn && check.id > known.id)) latest.set(check.mentorId, check);
  }
  const due = [...latest.values()].filter((check) => {
    const through = vettingValidThrough(check.checkedOn);
    return today <= through && today >= addDaysTo(through, -VETTING_REMINDER_DAYS);
  });
  if (due.length === 0) return [];
  const keepers = await tx
    .selectDistinct({ userId: membership.userId, organisationId: membership.organisationId, role: membership.role })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, tenantId), inArray(membership.role, [...KEEPER_ROLES]), eq(membership.active, true), eq(user.active, true)));
  const coordinators = [...new Set(keepers.filter((k) => k.role === 'koordinator').map((k) => k.userId))];
  return due.map((check) => {
    const own = [...new Set(keepers.filter((k) => k.organisationId === check.organisationId).map((k) => k.userId))];
    return { checkId: check.id, mentorId: check.mentorId, userIds: own.length > 0 ? own : coordinators };
  });
}
