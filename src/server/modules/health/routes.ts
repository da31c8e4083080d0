import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { databaseAnswers } from '../../db/reachable';
import { APP_VERSION } from '../../version';

const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'postgres']),
  version: z.string(),
});
/** Same shape, so a load balancer reads one field: `database` says "unavailable" until the database answers again. */
const unavailableSchema = z.object({
  status: z.literal('unavailable'),
  database: z.literal('unavailable'),
  version: z.string(),
});

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check (503 while the database is unreachable)',
        response: { 200: healthSchema, 503: unavailableSchema },
      },
    },
    async (request, reply) => {
      if (await databaseAnswers(database)) return { status: 'ok' as const, database: database.kind, version: APP_VERSION };
      request.log.warn('health check: the database does not answer');
      return reply.status(503).send({ status: 'unavailable' as const, database: 'unavailable' as const, version: APP_VERSION });
    },
  );
}
