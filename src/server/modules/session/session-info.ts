import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import type { SessionUser } from '../../http/session';
import { roleRequiresTwoFactor, type Role } from '../../../shared/roles';
import type { OrganisationType } from '../../../shared/organisations';
import type { InvitationChoice, MembershipChoice, SessionInfo } from '../../../shared/session';

interface MembershipRow extends Record<string, unknown> {
  membership_id: string;
  tenant_id: string;
  tenant_name: string;
  organisation_id: string;
  organisation_name: string;
  role: string;
}

export async function loadSessionInfo(database: Database, session: SessionUser): Promise<SessionInfo> {
  return inContext(database.db, { tenantId: null, userId: session.userId }, async (tx) => {
    const result = await tx.execute<MembershipRow>(sql`select * from app_my_memberships()`);
    const memberships: MembershipChoice[] = result.rows.map((row) => ({
      membershipId: row.membership_id,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      role: row.role as Role,
    }));
    const pending = await tx.execute<MembershipRow & { invited_at: Date | string }>(sql`select * from app_my_invitations()`);
    const invitations: InvitationChoice[] = pending.rows.map((row) => ({
      membershipId: row.membership_id,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      role: row.role as Role,
      invitedAt: new Date(row.invited_at).toISOString(),
    }));
    const chosen = memberships.find((m) => m.membershipId === session.activeMembershipId) ?? null;
    let active: SessionInfo['active'] = null;
    if (chosen) {
      await tx.execute(sql`select set_config('app.tenant_id', ${chosen.tenantId}, true)`);
      const org = await tx.execute<{ type: string; is_authority: boolean }>(
        sql`select type, is_authority from organisation where tenant_id = ${chosen.tenantId} and id = ${chosen.organisationId}`,
      );
      const row = org.rows[0];
      if (row) active = { ...chosen, organisationType: row.type as OrganisationType, organisationIsAuthority: row.is_authority };
    }
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
  });
}
