import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';

/** A route that takes no query parameters refuses every one: `?anything` is a 400 naming it. */
const noQueryParameters = z.strictObject({});

/** Routes that are not ours to validate: better-auth's own endpoints, and the Swagger UI's files. */
const NOT_OURS = [/^\/api\/auth\//, /^\/api\/docs(\/|$)/];

/**
 * Unknown fields are refused (docs/SECURITY.md), in query strings as in bodies. Every API route
 * gets a strict query schema: the empty one when it declares none. A route whose own schema for
 * the query, the path parameters or the body would let unknown keys through stops the server at
 * start-up, naming the route, so a new route cannot quietly accept what the contract does not name.
 * Must be registered before the routes.
 */
export function refuseUnknownInput(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || NOT_OURS.some((pattern) => pattern.test(route.url))) return;
    const schema = (route.schema ??= {});
    schema.querystring ??= noQueryParameters;
    for (const part of ['querystring', 'params', 'body'] as const) {
      if (letsUnknownKeysThrough(schema[part])) {
        throw new Error(`${String(route.method)} ${route.url}: the ${part} schema must be strict (z.strictObject or .strict()), so unknown fields are refused`);
      }
    }
  });
}

/** A zod object that strips or passes unknown keys instead of refusing them. */
function letsUnknownKeysThrough(schema: unknown): boolean {
  if (!(schema instanceof z.ZodObject)) return false;
  const catchall = schema._zod.def.catchall;
  return !(catchall instanceof z.ZodNever);
}
