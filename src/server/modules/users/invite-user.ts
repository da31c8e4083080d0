import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../http/errors';
import { withActor } from '../../http/request-scope';
import type { InviteInput, InviteResult } from '../../../shared/users';
import { createUserAccount } from './create-user';
import { sendInvitation } from './send-invitation';
import { accountGovernedHere, acceptPendingHere, assertNotDuplicate, assertOrganisationUsable, insertMembership, reactivateAccount } from './membership-changes';
import { findUserByEmail, loadTenantUser, membershipResource } from './user-queries';

/**
 * Invites someone into the administrator's tenant by e-mail address.
 *
 * An account (a person's sign-in) is global; a membership is per tenant. The administrator acts on the
 * account's credentials only when their tenant alone governs it (every membership it has or has had is
 * here): then the membership is granted at once, a deactivated account is switched on again, and an
 * account without a password gets a set-password link. When another tenant also governs the account,
 * the membership is a pending invitation that grants nothing until the person accepts it, signed in
 * with their own credentials. Either way the link goes by e-mail to the address itself, and the answer
 * is the same whether or not the address had an account: no name, no link, no "created".
 *
 * better-auth writes through its own connection, so the work runs in steps that never nest: check
 * (nothing is created for a caller who may not invite, or for input that would be refused), create the
 * account when there is none, the membership and its audit events in one transaction, then the e-mail.
 */
export async function inviteUser(context: AppContext, request: FastifyRequest, input: InviteInput): Promise<InviteResult> {
  const { database, auth } = context;
  const denial = { action: 'user.invite', resourceType: 'user' };

  const existing = await withActor(database, request, async (scope) => {
    scope.authorize('invite', membershipResource(scope.actor.tenantId, null, null), denial);
    await assertOrganisationUsable(scope.tx, scope.actor.tenantId, input.organisationId);
    const found = await findUserByEmail(scope.tx, input.email);
    if (found) await assertNotDuplicate(scope.tx, scope.actor.tenantId, { userId: found.id, organisationId: input.organisationId, role: input.role });
    return found;
  });

  let userId = existing?.id ?? null;
  if (!userId) {
    try {
      userId = (await createUserAccount(database.db, auth, { email: input.email, name: input.name, locale: input.locale })).id;
    } catch (error) {
      // Another administrator invited the same address a moment ago: reuse that account.
      if (!(error instanceof AppError) || error.statusCode !== 409) throw error;
      userId = (await database.db.transaction((tx) => findUserByEmail(tx, input.email)))?.id ?? null;
      if (!userId) throw error;
    }
  }
  const invitedId = userId;

  const { user, membership, governed, tenantId } = await withActor(database, request, async (scope) => {
    const { tenantId } = scope.actor;
    scope.authorize('invite', membershipResource(tenantId, null, null), denial);
    // Written pending first, then granted only if this tenant alone governs the account: two tenants
    // inviting the same new address at once both see the other's row and both stay pending.
    const target = { userId: invitedId, organisationId: input.organisationId, role: input.role };
    const membershipId = await insertMembership(scope.tx, tenantId, target, { pending: true, invitedName: input.name });
    const governedHere = await accountGovernedHere(scope.tx, invitedId);
    if (governedHere) {
      await acceptPendingHere(scope.tx, tenantId, invitedId);
      await reactivateAccount(scope.tx, invitedId);
    }
    // The audit event is the tenant's own: it says what the tenant did, not what the account is elsewhere.
    await scope.audit({ action: 'user.invite', resourceType: 'user', resourceId: invitedId, details: { userId: invitedId, membershipId } });
    await scope.audit({
      action: 'membership.create',
      resourceType: 'membership',
      resourceId: membershipId,
      details: { userId: invitedId, organisationId: input.organisationId, role: input.role },
    });
    const loaded = (await loadTenantUser(scope.tx, scope.actor, invitedId))!;
    return { user: loaded, membership: loaded.memberships.find((m) => m.id === membershipId)!, governed: governedHere, tenantId };
  });

  await sendInvitation(context, { tenantId, userId: invitedId, governed });
  return { user, membership, invitation: { delivery: 'email' } };
}
