import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { membership, user } from '../../db/schema';
import { notFound } from '../../http/errors';
import { withActor } from '../../http/request-scope';
import type { DeactivateUserResult } from '../../../shared/users';
import { revokeInvitationLinks, revokeSessions } from './invitation-link';
import { accountGovernedHere } from './membership-changes';
import { listTenantMemberships, loadTenantUser, userRecord } from './user-queries';

/**
 * Deactivates every membership the user holds in the administrator's tenant. The account itself is
 * deactivated (and its sessions and unused links revoked) only when this tenant alone governs it, that
 * is, when the account has never had a membership in another tenant: one tenant's administrator never
 * shuts a person out of another tenant's work, and never learns whether they have any. The answer is
 * the same either way. The change holds from the user's next request: every request re-enters its
 * membership.
 */
export async function deactivateUser(context: AppContext, request: FastifyRequest, userId: string): Promise<DeactivateUserResult> {
  const { database, auth } = context;
  const result = await withActor(database, request, async (scope) => {
    const { tenantId } = scope.actor;
    const rows = await listTenantMemberships(scope.tx, tenantId, userId);
    if (rows.length === 0) throw notFound();
    scope.authorize('deactivateUser', userRecord(tenantId, userId, rows[0]!.id), {
      action: 'user.deactivate',
      resourceType: 'user',
      resourceId: userId,
      details: { userId },
    });
    const membershipIds = rows.filter((row) => row.active).map((row) => row.id);
    await scope.tx
      .update(membership)
      .set({ active: false })
      .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, userId), eq(membership.active, true)));
    const accountDeactivated = await accountGovernedHere(scope.tx, userId);
    if (accountDeactivated) await scope.tx.update(user).set({ active: false, updatedAt: new Date() }).where(eq(user.id, userId));
    await scope.audit({
      action: 'user.deactivate',
      resourceType: 'user',
      resourceId: userId,
      details: { userId, membershipIds },
    });
    return { user: (await loadTenantUser(scope.tx, scope.actor, userId))!, accountDeactivated };
  });
  if (result.accountDeactivated) {
    // The account's `active = false` already refuses every session (readSession); this removes them too.
    await revokeSessions(auth, userId);
    await revokeInvitationLinks(auth, userId);
  }
  return { user: result.user };
}
