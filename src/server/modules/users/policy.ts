import { hasRole, type Rules } from '../../policy/rules';

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
};
