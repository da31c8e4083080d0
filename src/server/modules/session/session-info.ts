import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import type { HotStatement } from '../../db/opened-transaction';
import { acceptSessionRow, enterSessionStatement } from '../../http/session';
import { unauthenticated } from '../../http/errors';
import { roleRequiresTwoFactor, type Role } from '../../../shared/roles';
import type { OrganisationType } from '../../../shared/organisations';
import type { InvitationChoice, MembershipChoice, SessionInfo } from '../../../shared/session';

interface MembershipRow {
  membership_id: string;
  tenant_id: string;
  tenant_name: string;
  organisation_id: string;
  organisation_name: string;
  role: string;
}

/** What `app_session_info` (migration 0044) answers: the entered session's row, and the user's own lists. */
interface SessionInfoDocument {
  session: Record<string, unknown>;
  memberships: MembershipRow[];
  invitations: (MembershipRow & { invited_at: string })[];
}

/** Every signed-in screen asks it first: prepared once per connection on node-postgres. */
const SESSION_INFO: HotStatement = { name: 'app_session_info', text: 'select app_session_info($1, $2::int, $3::int) as info' };

/**
 * Who am I, in one statement (one round trip): the request's session checked as every signed-in
 * request checks it (the cookie's signature already verified by `requireSession`), and the user's
 * memberships, invitations and active membership. 401 when the session is gone.
 */
export async function readSessionInfo(database: Database, request: FastifyRequest): Promise<SessionInfo> {
  const { values } = enterSessionStatement(request);
  const [row] = await database.queryHot(SESSION_INFO, values);
  const document = (row?.info ?? null) as SessionInfoDocument | null;
  const entered = document ? acceptSessionRow(request, document.session) : null;
  if (!document || !entered) throw unauthenticated();
  const session = request.sessionUser!;
  const memberships: MembershipChoice[] = document.memberships.map(membershipChoice);
  const invitations: InvitationChoice[] = document.invitations.map((invitation) => ({
    ...membershipChoice(invitation),
    invitedAt: new Date(invitation.invited_at).toISOString(),
  }));
  // The membership the session entered: none when it was withdrawn, its organisation switched off, or none chosen.
  const chosen = entered.membership_id ? memberships.find((m) => m.membershipId === entered.membership_id) : undefined;
  const active: SessionInfo['active'] =
    chosen && entered.organisation_type !== null
      ? { ...chosen, organisationType: entered.organisation_type as OrganisationType, organisationIsAuthority: entered.organisation_is_authority === true }
      : null;
  const externalIdentity = session.authMethod?.startsWith('oidc:') ?? false;
  return {
    user: {
      id: session.userId,
      name: session.name,
      email: session.email,
      locale: session.locale === 'en' ? 'en' : 'sv',
      twoFactorEnabled: session.twoFactorEnabled,
    },
    memberships,
    invitations,
    active,
    twoFactorRequired: active !== null && roleRequiresTwoFactor(active.role) && !session.twoFactorEnabled && !externalIdentity,
  };
}

function membershipChoice(row: MembershipRow): MembershipChoice {
  return {
    membershipId: row.membership_id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    role: row.role as Role,
  };
}
