import type { FastifyInstance } from 'fastify';
import { errorMessage, languageFromHeader } from './messages';

/** How long SIGTERM lets keep-alive clients find out before the remaining idle connections are closed. */
export const DRAIN_GRACE_MS = 5_000;
const POLL_MS = 50;

export interface ShutdownDrain {
  /** Refuses new requests and ends every connection after its current response; resolves when none is left, or after the grace. */
  drain(graceMs?: number): Promise<void>;
}

/**
 * Closing a server closes its idle keep-alive connections at once, and a client that has just sent
 * a request on one of them sees the connection reset, without knowing whether the request ran. So
 * SIGTERM drains first, while still listening: every response carries `Connection: close`, and a
 * request that arrives on a reused connection is refused with 503 in the onRequest hook, before its
 * body is read, so the client knows it did nothing and can send it again elsewhere. Only then does
 * main.ts close the app. Must be called before the app is ready (it adds hooks).
 */
export function prepareShutdownDrain(app: FastifyInstance): ShutdownDrain {
  let draining = false;
  app.addHook('onRequest', async (request, reply) => {
    if (!draining) return;
    const message = errorMessage('unavailable', languageFromHeader(request.headers['accept-language']));
    return reply.status(503).header('connection', 'close').header('retry-after', '5').send({ error: { code: 'unavailable', message } });
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  return {
    async drain(graceMs = DRAIN_GRACE_MS) {
      draining = true;
      const until = Date.now() + graceMs;
      while (Date.now() < until && (await openConnections(app)) > 0) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  };
}

function openConnections(app: FastifyInstance): Promise<number> {
  return new Promise((resolve) => app.server.getConnections((error, count) => resolve(error ? 0 : count)));
}
