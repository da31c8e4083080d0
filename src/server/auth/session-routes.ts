import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authSessionParamsSchema, authSessionsSchema, type AuthSession } from '../../shared/auth';
import { notFound } from '../http/errors';
import type { Database } from '../db/client';
import { requireLoadedSession } from '../http/session';
import type { Auth } from './auth';
import { forwardedHeaders } from './routes';

interface StoredSession {
  id: string;
  token: string;
  createdAt: Date;
  expiresAt: Date;
  ipAddress?: string | null;
  userAgent?: string | null;
  authMethod?: string | null;
}

/**
 * The user's own signed-in devices. better-auth's /list-sessions and /revoke-session would hand every
 * session token to the browser's JavaScript; these routes show only ids and end a session by id,
 * still through better-auth's API. "Sign out everywhere" is better-auth's POST /api/auth/revoke-sessions.
 */
export function registerAuthSessionRoutes(app: FastifyInstance, auth: Auth, database: Database): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requireLoadedSession(auth, database.db);

  const listOwn = async (headers: Headers) => (await auth.api.listSessions({ headers })) as unknown as StoredSession[];

  routes.get(
    '/api/auth-sessions',
    { schema: { tags: ['auth'], summary: 'My signed-in sessions (devices)', response: { 200: authSessionsSchema } }, preHandler: authenticated },
    async (request) => {
      const currentId = request.sessionUser!.sessionId;
      const sessions = await listOwn(forwardedHeaders(request));
      return {
        sessions: sessions
          .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
          .map((session): AuthSession => ({
            id: session.id,
            current: session.id === currentId,
            createdAt: new Date(session.createdAt).toISOString(),
            expiresAt: new Date(session.expiresAt).toISOString(),
            ipAddress: session.ipAddress || null,
            userAgent: session.userAgent || null,
            authMethod: session.authMethod ?? null,
          })),
      };
    },
  );

  routes.delete(
    '/api/auth-sessions/:sessionId',
    {
      schema: { tags: ['auth'], summary: 'End one of my sessions (signs that device out)', params: authSessionParamsSchema, response: { 200: z.object({ ended: z.literal(true) }) } },
      preHandler: authenticated,
    },
    async (request, reply) => {
      const headers = forwardedHeaders(request);
      const target = (await listOwn(headers)).find((session) => session.id === request.params.sessionId);
      // Someone else's session and no session at all look the same.
      if (!target) throw notFound();
      const revoked = await auth.api.revokeSession({ headers, body: { token: target.token }, returnHeaders: true });
      const cookies = revoked.headers?.getSetCookie() ?? [];
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return { ended: true as const };
    },
  );
}
