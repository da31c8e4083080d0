import { hasRole, type Rules } from '../../policy/rules';

export interface OrganisationResource {
  kind: 'organisation';
  tenantId: string;
  id: string | null;
}

export const organisationRules: Rules<OrganisationResource> = {
  /** The directory of partner organisations is open to everyone in the tenant. */
  read: () => true,
  create: (actor) => hasRole(actor, 'administrator'),
  update: (actor, org) => org.id !== null && hasRole(actor, 'administrator'),
  /**
   * A deactivated organisation's members can no longer enter it, so an administrator cannot
   * deactivate the organisation they themself work through (they would lock themself out).
   */
  deactivate: (actor, org) => org.id !== null && hasRole(actor, 'administrator') && org.id !== actor.organisationId,
  reactivate: (actor, org) => org.id !== null && hasRole(actor, 'administrator'),
};
