import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Auth } from '../../auth/auth';
import type { Database } from '../../db/client';
import { session as sessionTable, user as userTable } from '../../db/schema';
import { requireLoadedSession, requireSession } from '../../http/session';
import { AppError } from '../../http/errors';
import { chooseLocaleSchema, chooseMembershipSchema, sessionInfoSchema } from '../../../shared/session';
import { registerInvitationRoutes } from './invitation-routes';
import { readSessionInfo } from './session-info';

/** Who am I, which memberships do I hold, and which one am I working as. */
export function registerSessionRoutes(app: FastifyInstance, database: Database, auth: Auth): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requireLoadedSession(auth, database.db);
  // Only the cookie's signature up front: readSessionInfo checks the session in its one statement.
  const signed = requireSession(auth);

  routes.get(
    '/api/session',
    { schema: { tags: ['session'], summary: 'The signed-in user and their memberships', response: { 200: sessionInfoSchema } }, preHandler: signed },
    async (request) => readSessionInfo(database, request),
  );

  routes.put(
    '/api/session/membership',
    {
      schema: { tags: ['session'], summary: 'Choose the membership (tenant, organisation, role) to work as', body: chooseMembershipSchema, response: { 200: sessionInfoSchema } },
      preHandler: signed,
    },
    async (request) => {
      const info = await readSessionInfo(database, request);
      if (!info.memberships.some((m) => m.membershipId === request.body.membershipId)) throw new AppError(404, 'not_found');
      await database.db.update(sessionTable).set({ activeMembershipId: request.body.membershipId, updatedAt: new Date() }).where(eq(sessionTable.id, request.sessionUser!.sessionId));
      return readSessionInfo(database, request);
    },
  );

  routes.put(
    '/api/session/locale',
    {
      schema: { tags: ['session'], summary: 'Remember the user interface language', body: chooseLocaleSchema, response: { 200: z.object({ locale: z.enum(['sv', 'en']) }) } },
      preHandler: authenticated,
    },
    async (request) => {
      await database.db.update(userTable).set({ locale: request.body.locale, updatedAt: new Date() }).where(eq(userTable.id, request.sessionUser!.userId));
      return { locale: request.body.locale };
    },
  );

  registerInvitationRoutes(app, database, auth);
}
