import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * An association's own web site may call the public API from its visitors' browsers, so the
 * reporter's own address is what the rate limit counts. These endpoints carry no cookie authority
 * and read nothing private, so any origin may call them, never with credentials.
 */
export const PUBLIC_CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'content-type, accept-language',
  'access-control-max-age': '600',
} as const;

/** onSend hook for a public route: adds the CORS headers to every answer, errors included. */
export async function addPublicCorsHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  void reply.headers(PUBLIC_CORS_HEADERS);
  return payload;
}

/** Answers the browser's preflight for the public paths. */
export function registerPublicPreflight(app: FastifyInstance, paths: readonly string[]): void {
  for (const path of paths) {
    app.options(path, { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => reply.headers(PUBLIC_CORS_HEADERS).status(204).send());
  }
}
