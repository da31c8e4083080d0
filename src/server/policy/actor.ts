import type { OrganisationType } from '../../shared/organisations';
import type { Role } from '../../shared/roles';

/** Who is acting: a signed-in user working through one membership (tenant × organisation × role). */
export interface Actor {
  userId: string;
  sessionId: string;
  tenantId: string;
  tenantName: string;
  membershipId: string;
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  organisationIsAuthority: boolean;
  role: Role;
}
