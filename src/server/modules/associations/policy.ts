import { hasRole, type Rules } from '../../policy/rules';

/** An association's anmälningsansvarig (id: the association's organisation id). */
export interface ReportingContactResource {
  kind: 'association_reporting_contact';
  tenantId: string;
  id: string;
}

/** The association's own key persons keep it up to date; administrators may help. Nobody else reads the phone or e-mail. */
const ownKeyPersonOrAdministrator = (actor: Parameters<Rules<ReportingContactResource>[string]>[0], contact: ReportingContactResource) =>
  hasRole(actor, 'administrator') || (hasRole(actor, 'foreningsnyckelperson') && actor.organisationId === contact.id);

export const reportingContactRules: Rules<ReportingContactResource> = {
  read: ownKeyPersonOrAdministrator,
  update: ownKeyPersonOrAdministrator,
  delete: ownKeyPersonOrAdministrator,
};
