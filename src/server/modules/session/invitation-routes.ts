import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Auth } from '../../auth/auth';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { membership } from '../../db/schema';
import { appendAuditEvent } from '../../audit/append';
import { requireLoadedSession } from '../../http/session';
import { notFound } from '../../http/errors';
import { errorBodySchema } from '../../../shared/errors';
import { invitationParamsSchema, sessionInfoSchema, type SessionInfo } from '../../../shared/session';
import { readSessionInfo } from './session-info';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema };

/**
 * A person answers an invitation into another tenant themself, signed in with their own credentials:
 * that is the only way a membership in a tenant that does not alone govern their account starts to
 * grant anything (docs/SECURITY.md). Both answers are audited in the inviting tenant's log.
 */
export function registerInvitationRoutes(app: FastifyInstance, database: Database, auth: Auth): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireLoadedSession(auth, database.db);
  for (const answer of ['accept', 'decline'] as const) {
    routes.post(
      `/api/session/invitations/:membershipId/${answer}`,
      {
        schema: {
          tags: ['session'],
          summary: answer === 'accept' ? 'Accept an invitation into another tenant: the membership starts to grant access' : 'Decline an invitation: the membership is switched off',
          params: invitationParamsSchema,
          response: { 200: sessionInfoSchema, ...errors },
        },
        preHandler,
      },
      async (request) => answerInvitation(database, request, request.params.membershipId, answer),
    );
  }
}

async function answerInvitation(database: Database, request: FastifyRequest, membershipId: string, answer: 'accept' | 'decline'): Promise<SessionInfo> {
  const session = request.sessionUser!;
  await inContext(database.db, { tenantId: null, userId: session.userId }, async (tx) => {
    // Row-level security lets a user see their own memberships in every tenant, and nobody else's.
    const [row] = await tx
      .select({ tenantId: membership.tenantId, organisationId: membership.organisationId, role: membership.role })
      .from(membership)
      .where(and(eq(membership.id, membershipId), eq(membership.userId, session.userId), isNull(membership.acceptedAt), eq(membership.active, true)))
      .limit(1);
    if (!row) throw notFound();
    // Row-level security lets a write land only in the current tenant: enter the inviting one.
    await tx.execute(sql`select set_config('app.tenant_id', ${row.tenantId}, true)`);
    await tx
      .update(membership)
      .set(answer === 'accept' ? { acceptedAt: new Date() } : { active: false })
      .where(and(eq(membership.tenantId, row.tenantId), eq(membership.id, membershipId), eq(membership.userId, session.userId)));
    await appendAuditEvent(
      tx,
      { tenantId: row.tenantId, userId: session.userId, organisationId: row.organisationId, role: row.role, ip: request.ip ?? null, userAgent: (request.headers['user-agent'] ?? '').slice(0, 512) || null },
      { action: `membership.${answer}`, resourceType: 'membership', resourceId: membershipId, details: { userId: session.userId } },
    );
  });
  return readSessionInfo(database, request);
}
