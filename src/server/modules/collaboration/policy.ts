import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { COLLABORATION_ALL_ORGANISATIONS_ROLES } from '../../../shared/collaboration';

/**
 * The time-for-collaboration report (`id: null`, a collection). `organisationId` is the organisation
 * whose rows are asked for, or null for every organisation of the tenant.
 */
export interface CollaborationTimeResource {
  kind: 'collaboration_time';
  tenantId: string;
  id: null;
  organisationId: string | null;
}

/** The coordinator and the steering role (analytiker) see every organisation; everyone else their own organisation's rows. */
export function seesAllOrganisations(actor: Actor): boolean {
  return hasRole(actor, ...COLLABORATION_ALL_ORGANISATIONS_ROLES);
}

const mayRead = (actor: Actor, report: CollaborationTimeResource) => seesAllOrganisations(actor) || report.organisationId === actor.organisationId;

export const collaborationTimeRules: Rules<CollaborationTimeResource> = {
  read: mayRead,
  export: mayRead,
};
