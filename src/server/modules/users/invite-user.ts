import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../http/errors';
import { withActor } from '../../http/request-scope';
import type { InviteInput, InviteResult } from '../../../shared/users';
import { createUserAccount } from './create-user';
import { issueInvitationLink } from './invitation-link';
import { assertNotDuplicate, assertOrganisationUsable, insertMembership, reactivateAccount } from './membership-changes';
import { findUserByEmail, loadTenantUser, membershipResource } from './user-queries';

/**
 * Invites someone into the administrator's tenant: reuses the account with that e-mail (someone who
 * already works in another tenant) or creates one without a password, adds the membership, and,
 * when the account has no password yet, returns a one-time link to set it.
 *
 * better-auth writes through its own connection, so the work runs in three steps that never nest:
 * check (nothing is created for a caller who may not invite, or for input that would be refused),
 * create the account, then the membership and its audit events in one transaction. If that last
 * step fails, the new account is left without membership or password, unusable, and a retry reuses it.
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
  let userCreated = false;
  if (!userId) {
    try {
      userId = (await createUserAccount(database.db, auth, { email: input.email, name: input.name, locale: input.locale })).id;
      userCreated = true;
    } catch (error) {
      // Another administrator invited the same address a moment ago: reuse that account.
      if (!(error instanceof AppError) || error.statusCode !== 409) throw error;
      userId = (await database.db.transaction((tx) => findUserByEmail(tx, input.email)))?.id ?? null;
      if (!userId) throw error;
    }
  }
  const invitedId = userId;

  const { user, membership } = await withActor(database, request, async (scope) => {
    const { tenantId } = scope.actor;
    scope.authorize('invite', membershipResource(tenantId, null, null), denial);
    const membershipId = await insertMembership(scope.tx, tenantId, { userId: invitedId, organisationId: input.organisationId, role: input.role });
    const accountReactivated = await reactivateAccount(scope.tx, invitedId);
    await scope.audit({
      action: 'user.invite',
      resourceType: 'user',
      resourceId: invitedId,
      details: { userId: invitedId, membershipId, userCreated, accountReactivated },
    });
    await scope.audit({
      action: 'membership.create',
      resourceType: 'membership',
      resourceId: membershipId,
      details: { userId: invitedId, organisationId: input.organisationId, role: input.role },
    });
    const loaded = (await loadTenantUser(scope.tx, scope.actor, invitedId))!;
    return { user: loaded, membership: loaded.memberships.find((m) => m.id === membershipId)! };
  });

  const invitation = user.passwordSet ? null : await issueInvitationLink(auth, context.config.publicUrl, invitedId);
  return { user, membership, userCreated, invitation };
}
