import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { APP_VERSION } from '../../version';

/** A load balancer waits a few seconds at most; a check that hangs on an unreachable server answers "unavailable" instead. */
const DATABASE_CHECK_TIMEOUT_MS = 3_000;

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

async function databaseAnswers(database: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_CHECK_TIMEOUT_MS);
  });
  const check = database.db.execute(sql`select 1`).then(
    () => true,
    () => false, // any failure means "not usable now"; the cause is the database's, not the caller's
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
