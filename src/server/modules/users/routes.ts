import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { conflict, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  adminUserListSchema,
  adminUserSchema,
  deactivateUserResultSchema,
  invitationSentSchema,
  inviteInputSchema,
  inviteResultSchema,
  membershipInputSchema,
  membershipSchema,
  userIdParamsSchema,
} from '../../../shared/users';
import { deactivateUser } from './deactivate-user';
import { inviteUser } from './invite-user';
import { accountGovernedHere, insertMembership, reactivateAccount } from './membership-changes';
import { sendInvitation } from './send-invitation';
import { registerMembershipRoutes } from './membership-routes';
import { registerRoleRoutes } from './role-routes';
import { listTenantMemberships, loadTenantUser, membershipResource, presentUsers, userRecord } from './user-queries';

const TAGS = ['users'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/**
 * Administration of the active tenant's users. A user belongs to a tenant through memberships
 * (organisation × role); an administrator sees and changes only the memberships in their own tenant.
 */
export function registerUserRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  routes.get(
    '/api/admin/users',
    { schema: { tags: TAGS, summary: "List the tenant's users with their memberships here (administrator)", response: { 200: adminUserListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = membershipResource(scope.actor.tenantId, null, null);
        scope.authorize('list', collection, { action: 'user.list', resourceType: 'user' });
        const rows = await listTenantMemberships(scope.tx, scope.actor.tenantId);
        return { users: presentUsers(scope.actor, rows), abilities: abilitiesOf(scope.actor, collection) };
      }),
  );

  routes.get(
    '/api/admin/users/:userId',
    { schema: { tags: TAGS, summary: 'One user with their memberships in this tenant', params: userIdParamsSchema, response: { 200: adminUserSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { userId } = request.params;
        const found = await loadTenantUser(scope.tx, scope.actor, userId);
        if (!found) throw notFound();
        scope.authorize('read', userRecord(scope.actor.tenantId, userId, found.memberships[0]!.id), { action: 'user.read', resourceType: 'user', resourceId: userId, details: { userId } });
        return found;
      }),
  );

  routes.post(
    '/api/admin/users',
    {
      schema: {
        tags: TAGS,
        summary:
          'Invite a user by e-mail: a membership here, granted at once for an account only this tenant governs, otherwise pending until the person accepts; the link goes by e-mail, the answer is the same whether or not the address had an account',
        body: inviteInputSchema,
        response: { 201: inviteResultSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      const result = await inviteUser(context, request, request.body);
      reply.status(201);
      return result;
    },
  );

  routes.post(
    '/api/admin/users/:userId/memberships',
    {
      schema: {
        tags: TAGS,
        summary: 'Add another membership (organisation × role) in this tenant to a user who already has one here',
        params: userIdParamsSchema,
        body: membershipInputSchema,
        response: { 201: membershipSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) =>
      withActor(database, request, async (scope) => {
        const { tenantId } = scope.actor;
        const { userId } = request.params;
        const rows = await listTenantMemberships(scope.tx, tenantId, userId);
        if (rows.length === 0) throw notFound();
        scope.authorize('addMembership', userRecord(tenantId, userId, rows[0]!.id), { action: 'membership.create', resourceType: 'membership', details: { userId } });
        // Someone who has accepted a membership here works here: another role is ordinary administration.
        // Someone who has only a pending invitation here gets another pending one.
        const acceptedHere = rows.some((row) => row.acceptedAt !== null);
        const pending = !acceptedHere && !(await accountGovernedHere(scope.tx, userId));
        const membershipId = await insertMembership(scope.tx, tenantId, { userId, ...request.body }, { pending, invitedName: rows[0]!.invitedName ?? undefined });
        const accountReactivated = await reactivateAccount(scope.tx, userId);
        await scope.audit({
          action: 'membership.create',
          resourceType: 'membership',
          resourceId: membershipId,
          details: { userId, organisationId: request.body.organisationId, role: request.body.role, accountReactivated },
        });
        const loaded = (await loadTenantUser(scope.tx, scope.actor, userId))!;
        reply.status(201);
        return loaded.memberships.find((m) => m.id === membershipId)!;
      }),
  );

  routes.post(
    '/api/admin/users/:userId/invitation',
    {
      schema: {
        tags: TAGS,
        summary: 'Send the invitation e-mail again to an invitee who has not set a password or not yet accepted (the link goes to their address, never here)',
        params: userIdParamsSchema,
        response: { 201: invitationSentSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      const { userId } = request.params;
      const target = await withActor(database, request, async (scope) => {
        const found = await loadTenantUser(scope.tx, scope.actor, userId);
        if (!found) throw notFound();
        scope.authorize('resendInvitation', userRecord(scope.actor.tenantId, userId, found.memberships[0]!.id), {
          action: 'user.invitation_reissue',
          resourceType: 'user',
          resourceId: userId,
          details: { userId },
        });
        // A member who has accepted and signs in needs no invitation. A pending invitee is always
        // shown with no password, whatever the account has elsewhere, so this says nothing about it.
        if (!found.pending && found.passwordSet) throw conflict({ userId: 'password_already_set' });
        await scope.audit({ action: 'user.invitation_reissue', resourceType: 'user', resourceId: userId, details: { userId } });
        return { tenantId: scope.actor.tenantId, userId, governed: await accountGovernedHere(scope.tx, userId) };
      });
      await sendInvitation(context, target);
      reply.status(201);
      return { delivery: 'email' as const };
    },
  );

  routes.post(
    '/api/admin/users/:userId/deactivate',
    {
      schema: {
        tags: TAGS,
        summary: "Deactivate a user's memberships here, and their account when they work in no other tenant",
        params: userIdParamsSchema,
        response: { 200: deactivateUserResultSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deactivateUser(context, request, request.params.userId),
  );

  registerMembershipRoutes(app, context);
  registerRoleRoutes(app, context);
}
