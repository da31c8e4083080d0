import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import type { PresenceVisibility } from '../../../shared/presence';
import type { Role } from '../../../shared/roles';

/**
 * A presence entry; `id` null is the plan itself (list, week view, coverage, create). For a record,
 * `organisationId` and `visibility` are the entry's; for the plan, `organisationId` is the one a new
 * entry would be for (always the actor's own).
 */
export interface PresenceEntryResource {
  kind: 'presence_entry';
  tenantId: string;
  id: string | null;
  organisationId: string;
  visibility: PresenceVisibility;
}

/** The tenant's school holidays (lov per term); `id` null is the list. */
export interface SchoolHolidayResource {
  kind: 'school_holiday';
  tenantId: string;
  id: string | null;
}

/**
 * Those who are out where young people are plan presence for their own organisation: leisure and field
 * staff, police, school staff, social services, association key persons (nattvandrare) and the
 * coordinator. Administrators, log reviewers, analysts, mentors and business owners read the plan
 * but do not plan.
 */
export const PRESENCE_PLANNER_ROLES: readonly Role[] = ['koordinator', 'handlaggare', 'skolpersonal', 'polis', 'fritidsledare', 'faltassistent', 'foreningsnyckelperson'];

/** The visibility rule, the same as row-level security's app_may_see_visibility (migration 0024). */
export function maySeePresence(actor: Actor, entry: { organisationId: string; visibility: PresenceVisibility }): boolean {
  return entry.visibility === 'all' || entry.organisationId === actor.organisationId || (entry.visibility === 'authorities' && actor.organisationIsAuthority);
}

const planner = (actor: Actor) => hasRole(actor, ...PRESENCE_PLANNER_ROLES);
/** The coordinator edits any entry they can see; other planners only their own organisation's. */
const mayChange = (actor: Actor, entry: PresenceEntryResource) =>
  entry.id !== null && maySeePresence(actor, entry) && (hasRole(actor, 'koordinator') || (planner(actor) && entry.organisationId === actor.organisationId));

export const presenceEntryRules: Rules<PresenceEntryResource> = {
  /** Every member reads the plan: what each of them sees of it is decided per entry. */
  read: (actor, entry) => entry.id === null || maySeePresence(actor, entry),
  create: (actor, entry) => entry.id === null && planner(actor) && entry.organisationId === actor.organisationId,
  update: mayChange,
  cancel: mayChange,
};

export const schoolHolidayRules: Rules<SchoolHolidayResource> = {
  read: () => true,
  create: (actor, holiday) => holiday.id === null && hasRole(actor, 'koordinator', 'administrator'),
  update: (actor, holiday) => holiday.id !== null && hasRole(actor, 'koordinator', 'administrator'),
  delete: (actor, holiday) => holiday.id !== null && hasRole(actor, 'koordinator', 'administrator'),
};
