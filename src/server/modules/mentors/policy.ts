import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { MENTOR_COORDINATOR_ROLES, MENTOR_REGISTER_EXCLUDED_ROLES } from '../../../shared/mentors';

/**
 * A mentor of the register; `id` null is the register as a whole (`organisationId` then the organisation
 * a new mentor would be registered for, or null when none is named yet).
 */
export interface MentorResource {
  kind: 'mentor';
  tenantId: string;
  id: string | null;
  organisationId: string | null;
  /** The mentor's own user account, if linked. */
  userId: string | null;
}

const coordinator = (actor: Actor) => hasRole(actor, ...MENTOR_COORDINATOR_ROLES);
const staff = (actor: Actor) => !hasRole(actor, ...MENTOR_REGISTER_EXCLUDED_ROLES);
/** The coordinators (every organisation), and the staff of the mentor's own organisation. */
const keeper = (actor: Actor, mentor: MentorResource) => coordinator(actor) || (staff(actor) && mentor.organisationId !== null && mentor.organisationId === actor.organisationId);
const ownRecord = (actor: Actor, mentor: MentorResource) => hasRole(actor, 'mentor') && mentor.userId !== null && mentor.userId === actor.userId;

/**
 * Who sees the register (docs/CASE-ACCESS.md, "The mentor programme"): the coordinators and the mentor's
 * organisation's staff, vetting dates included; the mentor sees their own record. Nobody else.
 */
export const mentorRules: Rules<MentorResource> = {
  /** The register as a page: coordinators, staff (their organisation's part) and mentors (their own). */
  list: (actor) => coordinator(actor) || staff(actor) || hasRole(actor, 'mentor'),
  read: (actor, mentor) => mentor.id !== null && (keeper(actor, mentor) || ownRecord(actor, mentor)),
  create: (actor, mentor) => mentor.id === null && (coordinator(actor) || (staff(actor) && (mentor.organisationId === null || mentor.organisationId === actor.organisationId))),
  update: (actor, mentor) => mentor.id !== null && keeper(actor, mentor),
  recordVetting: (actor, mentor) => mentor.id !== null && keeper(actor, mentor),
  recordTraining: (actor, mentor) => mentor.id !== null && keeper(actor, mentor),
};

export const mentorResource = (tenantId: string, row: { id: string | null; organisationId: string | null; userId?: string | null } | null): MentorResource => ({
  kind: 'mentor',
  tenantId,
  id: row?.id ?? null,
  organisationId: row?.organisationId ?? null,
  userId: row?.userId ?? null,
});

/**
 * The meeting log of one matched mentorskap action. `reachesCase` is the case's own answer (the
 * viewer reaches the case and sees the action): after a withdrawal the mentor loses the log with the case.
 */
export interface MentorLogResource {
  kind: 'mentor_log';
  tenantId: string;
  id: string;
  mentorUserId: string | null;
  isDirector: boolean;
  reachesCase: boolean;
}

/** By default only the mentor (their linked account) and the case director see the log; only the mentor writes it. */
export const mentorLogRules: Rules<MentorLogResource> = {
  read: (actor, log) => log.reachesCase && (log.isDirector || (log.mentorUserId !== null && log.mentorUserId === actor.userId)),
  write: (actor, log) => log.reachesCase && log.mentorUserId !== null && log.mentorUserId === actor.userId,
};
