import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireLoadedSession } from '../../http/session';
import { errorBodySchema } from '../../../shared/errors';
import { ROLE_KEYS, ROLES, roleRequiresTwoFactor } from '../../../shared/roles';
import { roleListSchema } from '../../../shared/users';

/** The role vocabulary is no tenant's data: every signed-in user may read it, in the order of ROLE_KEYS. */
export function registerRoleRoutes(app: FastifyInstance, context: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'The roles, with Swedish and English names and what each role can see',
        response: { 200: roleListSchema, 401: errorBodySchema },
      },
      preHandler: requireLoadedSession(context.auth, context.database.db),
    },
    async () => ({
      roles: ROLE_KEYS.map((key) => ({ key, ...ROLES[key], requiresTwoFactor: roleRequiresTwoFactor(key) })),
    }),
  );
}
