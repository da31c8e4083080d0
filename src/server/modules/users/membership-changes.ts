import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { violates } from '../../db/errors';
import { membership, organisation, user } from '../../db/schema';
import { conflict, invalid } from '../../http/errors';
import type { Role } from '../../../shared/roles';
import type { MembershipRow } from './user-queries';

export interface MembershipTarget {
  userId: string;
  organisationId: string;
  role: Role;
}

/**
 * Refuses an organisation that is not one of this tenant's. The answer is the same whether it exists
 * in another tenant or nowhere, so a tenant never learns about another's organisations.
 */
export async function assertOrganisationUsable(tx: Tx, tenantId: string, organisationId: string): Promise<void> {
  const [org] = await tx
    .select({ active: organisation.active })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, organisationId)))
    .limit(1);
  if (!org) throw invalid({ organisationId: 'unknown_reference' });
  // Nobody can work through a deactivated organisation, so a new membership there would be a dead end.
  if (!org.active) throw invalid({ organisationId: 'organisation_inactive' });
}

/** A user holds one membership per organisation and role; a deactivated one is reactivated instead. */
export async function assertNotDuplicate(tx: Tx, tenantId: string, target: MembershipTarget, exceptId?: string): Promise<void> {
  const conditions = [
    eq(membership.tenantId, tenantId),
    eq(membership.userId, target.userId),
    eq(membership.organisationId, target.organisationId),
    eq(membership.role, target.role),
  ];
  if (exceptId) conditions.push(ne(membership.id, exceptId));
  const [found] = await tx.select({ id: membership.id }).from(membership).where(and(...conditions)).limit(1);
  if (found) throw duplicate();
}

/**
 * Adds a membership. `pending` writes it as an invitation waiting for the person's own answer (it
 * grants nothing until accepted); `invitedName` is what this tenant calls the invitee meanwhile.
 */
export async function insertMembership(
  tx: Tx,
  tenantId: string,
  target: MembershipTarget,
  invitation: { pending: boolean; invitedName?: string } = { pending: false },
): Promise<string> {
  await assertOrganisationUsable(tx, tenantId, target.organisationId);
  await assertNotDuplicate(tx, tenantId, target);
  try {
    const [row] = await tx
      .insert(membership)
      .values({
        tenantId,
        userId: target.userId,
        organisationId: target.organisationId,
        role: target.role,
        invitedName: invitation.invitedName ?? null,
        ...(invitation.pending ? { acceptedAt: null } : {}),
      })
      .returning({ id: membership.id });
    return row!.id;
  } catch (error) {
    // Two administrators adding the same membership at once: the unique index decides.
    if (isDuplicateMembership(error)) throw duplicate();
    throw error;
  }
}

/** Moves a membership to another organisation and/or role. Returns the fields that changed. */
export async function changeMembership(
  tx: Tx,
  current: MembershipRow,
  changes: { organisationId?: string; role?: Role },
): Promise<('organisationId' | 'role')[]> {
  const next: MembershipTarget = {
    userId: current.userId,
    organisationId: changes.organisationId ?? current.organisationId,
    role: changes.role ?? (current.role as Role),
  };
  const changed = (['organisationId', 'role'] as const).filter((key) => next[key] !== current[key]);
  if (changed.length === 0) return changed;
  if (changed.includes('organisationId')) await assertOrganisationUsable(tx, current.tenantId, next.organisationId);
  await assertNotDuplicate(tx, current.tenantId, next, current.id);
  try {
    await tx
      .update(membership)
      .set({ organisationId: next.organisationId, role: next.role })
      .where(and(eq(membership.tenantId, current.tenantId), eq(membership.id, current.id)));
  } catch (error) {
    if (isDuplicateMembership(error)) throw duplicate();
    throw error;
  }
  return changed;
}

export async function setMembershipActive(tx: Tx, tenantId: string, membershipId: string, active: boolean): Promise<void> {
  await tx.update(membership).set({ active }).where(and(eq(membership.tenantId, tenantId), eq(membership.id, membershipId)));
}

/**
 * Does this tenant alone govern the global account behind its membership: has every membership the
 * account holds, or has held, been in this tenant? Only then may the tenant act on the account's
 * credentials (set-password links, reactivation, global deactivation). The transaction's tenant
 * context decides which tenant asks.
 */
export async function accountGovernedHere(tx: Tx, userId: string): Promise<boolean> {
  const result = await tx.execute<{ governed: boolean }>(sql`select app_account_governed_here(${userId}) as governed`);
  return result.rows[0]?.governed === true;
}

/** Marks the user's pending memberships here as accepted: used when this tenant alone governs the account. */
export async function acceptPendingHere(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx
    .update(membership)
    .set({ acceptedAt: new Date() })
    .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, userId), isNull(membership.acceptedAt)));
}

/**
 * An active membership needs an active account to be of use: inviting someone, or reactivating their
 * membership, reactivates an account that was deactivated, but only an account this tenant alone
 * governs. Another tenant's switched-off account stays off: that tenant decided it. Returns true when
 * it reactivated.
 */
export async function reactivateAccount(tx: Tx, userId: string): Promise<boolean> {
  if (!(await accountGovernedHere(tx, userId))) return false;
  const updated = await tx
    .update(user)
    .set({ active: true, updatedAt: new Date() })
    .where(and(eq(user.id, userId), eq(user.active, false)))
    .returning({ id: user.id });
  return updated.length > 0;
}

const duplicate = () => conflict({ role: 'membership_exists' });

function isDuplicateMembership(error: unknown): boolean {
  return violates(error, '23505', 'membership_tenant_user_org_role_idx');
}
