import { hasRole, type Rules } from '../../policy/rules';

/**
 * A membership in the actor's tenant, or a user seen through their memberships there
 * (`id: null, userId`), or the collection (`id: null, userId: null`).
 */
export interface MembershipResource {
  kind: 'membership';
  tenantId: string;
  id: string | null;
  userId: string | null;
}

export const membershipRules: Rules<MembershipResource> = {
  list: (actor) => hasRole(actor, 'administrator'),
  read: (actor, membership) => hasRole(actor, 'administrator') || membership.userId === actor.userId,
  invite: (actor) => hasRole(actor, 'administrator'),
  update: (actor, membership) => membership.id !== null && hasRole(actor, 'administrator'),
  /** An administrator cannot lock themself out by deactivating their own membership. */
  deactivate: (actor, membership) => membership.id !== null && hasRole(actor, 'administrator') && membership.userId !== actor.userId,
  reactivate: (actor, membership) => membership.id !== null && hasRole(actor, 'administrator'),
  /** Another membership (organisation × role) in this tenant for a user who already has one here. */
  addMembership: (actor, membership) => membership.userId !== null && hasRole(actor, 'administrator'),
  /** Deactivates the user's memberships here, and their whole account when they work in no other tenant. */
  deactivateUser: (actor, membership) => membership.userId !== null && hasRole(actor, 'administrator') && membership.userId !== actor.userId,
  /** A new one-time link for an invitee who has not yet set a password. */
  resendInvitation: (actor, membership) => membership.userId !== null && hasRole(actor, 'administrator'),
};
