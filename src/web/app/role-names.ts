import { ROLES, type Role } from '../../shared/roles';
import { ORGANISATION_TYPE_NAMES, type OrganisationType } from '../../shared/organisations';

/** Role and organisation-type names come from src/shared, the same words the server and CLI use. */
export function roleName(role: Role, language: string): string {
  return language === 'en' ? ROLES[role].en : ROLES[role].sv;
}

export function organisationTypeName(type: OrganisationType, language: string): string {
  return language === 'en' ? ORGANISATION_TYPE_NAMES[type].en : ORGANISATION_TYPE_NAMES[type].sv;
}
