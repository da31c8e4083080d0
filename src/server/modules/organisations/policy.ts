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
  deactivate: (actor, org) => org.id !== null && hasRole(actor, 'administrator'),
};
