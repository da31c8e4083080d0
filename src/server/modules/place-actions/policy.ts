import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { ACTION_DECIDER_ROLES, ACTION_NO_READ_ROLES } from '../../../shared/place-actions';

/** A place action; `id` null is the collection (list, decide). The owner fields say who may update its status. */
export interface PlaceActionResource {
  kind: 'place_action';
  tenantId: string;
  id: string | null;
  ownerOrganisationId: string | null;
  ownerMembershipId: string | null;
}

/** The tenant's yearly action plan and its reviews. */
export interface ActionPlanResource {
  kind: 'action_plan';
  tenantId: string;
  status: 'utkast' | 'antagen' | null;
}

const reader = (actor: Actor) => !hasRole(actor, ...ACTION_NO_READ_ROLES);
const decider = (actor: Actor) => hasRole(actor, ...ACTION_DECIDER_ROLES);
/** The owner: the named member of staff, or (for a key person named freely) the owner organisation's staff. */
const owner = (actor: Actor, action: PlaceActionResource) =>
  action.ownerMembershipId !== null ? action.ownerMembershipId === actor.membershipId : action.ownerOrganisationId === actor.organisationId;

/**
 * Every partner's staff reads the actions: they are about places, and the point of EST is a shared
 * picture. The EST group's leads (coordinator, EST reporter) decide and change them; the owner moves
 * its status along (started, done).
 */
export const placeActionRules: Rules<PlaceActionResource> = {
  read: (actor) => reader(actor),
  decide: (actor, action) => action.id === null && decider(actor),
  update: (actor, action) => action.id !== null && decider(actor),
  set_status: (actor, action) => action.id !== null && reader(actor) && (decider(actor) || owner(actor, action)),
};

export const actionPlanRules: Rules<ActionPlanResource> = {
  read: (actor) => reader(actor),
  write: (actor, plan) => decider(actor) && plan.status !== 'antagen',
  adopt: (actor, plan) => decider(actor) && plan.status === 'utkast',
  /** Analyses and the evaluation attach to an adopted plan as well: that is the follow-up. */
  review: (actor) => decider(actor),
  print: (actor) => reader(actor),
};
