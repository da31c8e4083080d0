import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { errorBodySchema } from '../../../shared/errors';
import { membershipIdParamsSchema, membershipSchema, membershipUpdateSchema, type Membership } from '../../../shared/users';
import { changeMembership, reactivateAccount, setMembershipActive } from './membership-changes';
import { findTenantMembership, membershipResource, presentMembership, type MembershipRow } from './user-queries';

const TAGS = ['users'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** One membership at a time: move it, or switch it off and on. Every change holds from the member's next request. */
export function registerMembershipRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  routes.patch(
    '/api/admin/memberships/:membershipId',
    {
      schema: {
        tags: TAGS,
        summary: "Change a membership's organisation and/or role (administrator)",
        params: membershipIdParamsSchema,
        body: membershipUpdateSchema,
        response: { 200: membershipSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const row = await loadAuthorized(scope, request.params.membershipId, 'update', 'membership.update');
        const changes = request.body;
        // The membership this very session works as must keep its administrator role, or the
        // administrator would shut themself out of this page halfway through.
        if (row.id === scope.actor.membershipId && changes.role !== undefined && changes.role !== 'administrator') {
          throw invalid({ role: 'cannot_demote_self' });
        }
        const changed = await changeMembership(scope.tx, row, changes);
        if (changed.length > 0) {
          await scope.audit({
            action: 'membership.update',
            resourceType: 'membership',
            resourceId: row.id,
            details: {
              userId: row.userId,
              before: { organisationId: row.organisationId, role: row.role },
              after: { organisationId: changes.organisationId ?? row.organisationId, role: changes.role ?? row.role },
            },
          });
        }
        return reload(scope, row.id);
      }),
  );

  for (const [verb, active] of [['deactivate', false], ['reactivate', true]] as const) {
    routes.post(
      `/api/admin/memberships/:membershipId/${verb}`,
      {
        schema: {
          tags: TAGS,
          summary: active
            ? 'Reactivate a membership (administrator); reactivates a deactivated account too'
            : 'Deactivate a membership (administrator; never your own): the member is refused from their next request',
          params: membershipIdParamsSchema,
          response: { 200: membershipSchema, ...errors },
        },
        preHandler,
      },
      async (request) =>
        withActor(database, request, async (scope) => {
          const row = await loadAuthorized(scope, request.params.membershipId, verb, `membership.${verb}`);
          if (row.active !== active) {
            await setMembershipActive(scope.tx, row.tenantId, row.id, active);
            const accountReactivated = active ? await reactivateAccount(scope.tx, row.userId) : false;
            await scope.audit({
              action: `membership.${verb}`,
              resourceType: 'membership',
              resourceId: row.id,
              details: { userId: row.userId, organisationId: row.organisationId, role: row.role, ...(active ? { accountReactivated } : {}) },
            });
          }
          return reload(scope, row.id);
        }),
    );
  }
}

/** Another tenant's membership, or none, answers the same 404. */
async function loadAuthorized(scope: RequestScope, membershipId: string, action: string, auditAction: string): Promise<MembershipRow> {
  const row = await findTenantMembership(scope.tx, scope.actor.tenantId, membershipId);
  if (!row) throw notFound();
  scope.authorize(action, membershipResource(row.tenantId, row.id, row.userId), {
    action: auditAction,
    resourceType: 'membership',
    resourceId: row.id,
    details: { userId: row.userId },
  });
  return row;
}

async function reload(scope: RequestScope, membershipId: string): Promise<Membership> {
  return presentMembership(scope.actor, (await findTenantMembership(scope.tx, scope.actor.tenantId, membershipId))!);
}
