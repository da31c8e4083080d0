import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { account, membership, organisation, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import type { OrganisationType } from '../../../shared/organisations';
import type { Role } from '../../../shared/roles';
import type { AdminUser, Membership } from '../../../shared/users';
import type { MembershipResource } from './policy';

export function membershipResource(tenantId: string, id: string | null, userId: string | null): MembershipResource {
  return { kind: 'membership', tenantId, id, userId };
}

/**
 * A user, as a record to authorize an action on: seen through one of their memberships here, so a
 * denial answers 404 like any other record's (the user-level rules look at `userId` only).
 */
export function userRecord(tenantId: string, userId: string, anyMembershipId: string): MembershipResource {
  return membershipResource(tenantId, anyMembershipId, userId);
}

/** One membership of the tenant with what the administration pages show about it and its user. */
export interface MembershipRow {
  id: string;
  tenantId: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  organisationType: string;
  organisationActive: boolean;
  role: string;
  active: boolean;
  /** Null while the membership is an invitation waiting for the person's answer. */
  acceptedAt: Date | null;
  invitedName: string | null;
  createdAt: Date;
  userName: string;
  userEmail: string;
  userActive: boolean;
  userTwoFactorEnabled: boolean;
  userPasswordSet: boolean;
}

const membershipColumns = {
  id: membership.id,
  tenantId: membership.tenantId,
  userId: membership.userId,
  organisationId: membership.organisationId,
  organisationName: organisation.name,
  organisationType: organisation.type,
  organisationActive: organisation.active,
  role: membership.role,
  active: membership.active,
  acceptedAt: membership.acceptedAt,
  invitedName: membership.invitedName,
  createdAt: membership.createdAt,
  userName: user.name,
  userEmail: user.email,
  userActive: user.active,
  userTwoFactorEnabled: user.twoFactorEnabled,
  // An invitee without a password has not used their link yet.
  userPasswordSet: sql<boolean>`exists (select 1 from ${account} where ${account.userId} = ${user.id} and ${account.providerId} = 'credential' and ${account.password} is not null)`,
};

/** The tenant's memberships (all of them, or one user's), ordered for display. Only this tenant's rows. */
export async function listTenantMemberships(tx: Tx, tenantId: string, userId?: string): Promise<MembershipRow[]> {
  const conditions = [eq(membership.tenantId, tenantId)];
  if (userId !== undefined) conditions.push(eq(membership.userId, userId));
  return tx
    .select(membershipColumns)
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${user.name})`), asc(user.id), asc(sql`lower(${organisation.name})`), asc(membership.role), asc(membership.id));
}

export async function findTenantMembership(tx: Tx, tenantId: string, membershipId: string): Promise<MembershipRow | null> {
  const [row] = await tx
    .select(membershipColumns)
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.id, membershipId)))
    .limit(1);
  return row ?? null;
}

/** The global account table: one person signs in once and may belong to several tenants. */
export async function findUserByEmail(tx: Tx, email: string): Promise<{ id: string; active: boolean } | null> {
  const [row] = await tx.select({ id: user.id, active: user.active }).from(user).where(eq(user.email, email)).limit(1);
  return row ?? null;
}

export function presentMembership(actor: Actor, row: MembershipRow): Membership {
  return {
    id: row.id,
    userId: row.userId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationType: row.organisationType as OrganisationType,
    organisationActive: row.organisationActive,
    role: row.role as Role,
    active: row.active,
    pending: row.acceptedAt === null,
    createdAt: row.createdAt.toISOString(),
    abilities: abilitiesOf(actor, membershipResource(row.tenantId, row.id, row.userId)),
  };
}

/**
 * Groups membership rows (ordered by user) into users. A user whose every membership here is still a
 * pending invitation is shown only as this tenant typed them: the account's own name, whether it has a
 * password or a second factor, and whether it is active are another tenant's business until the
 * person accepts.
 */
export function presentUsers(actor: Actor, rows: MembershipRow[]): AdminUser[] {
  const users = new Map<string, AdminUser>();
  const pendingOnly = new Map<string, boolean>();
  for (const row of rows) pendingOnly.set(row.userId, (pendingOnly.get(row.userId) ?? true) && row.acceptedAt === null);
  for (const row of rows) {
    let entry = users.get(row.userId);
    if (!entry) {
      const pending = pendingOnly.get(row.userId) === true;
      entry = {
        id: row.userId,
        name: pending ? (row.invitedName ?? row.userEmail) : row.userName,
        email: row.userEmail,
        pending,
        active: pending ? true : row.userActive,
        passwordSet: pending ? false : row.userPasswordSet,
        twoFactorEnabled: pending ? false : row.userTwoFactorEnabled,
        memberships: [],
        abilities: abilitiesOf(actor, membershipResource(row.tenantId, null, row.userId)),
      };
      users.set(row.userId, entry);
    }
    entry.memberships.push(presentMembership(actor, row));
  }
  return [...users.values()];
}

/** One user as the administrator of this tenant sees them, or null when they have no membership here. */
export async function loadTenantUser(tx: Tx, actor: Actor, userId: string): Promise<AdminUser | null> {
  const [found] = presentUsers(actor, await listTenantMemberships(tx, actor.tenantId, userId));
  return found ?? null;
}
