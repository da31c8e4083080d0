import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client';
import { databaseAnswers } from '../db/reachable';
import { errorMessage, languageFromHeader } from '../http/messages';
import { CLIENT_IP_HEADER, type Auth } from './auth';
import { authErrorMessage } from './error-messages';
import { translateAuthError } from './error-translation';
import { registerAuthProviderRoutes } from './provider-routes';
import { registerAuthSessionRoutes } from './session-routes';

/** Sign-in bodies are a few hundred bytes; nothing under /api/auth/* needs more than this. */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

/** Headers that describe one hop or the body, recomputed on each side of the bridge. */
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', CLIENT_IP_HEADER]);
const NOT_RETURNED = new Set(['content-length', 'transfer-encoding', 'connection', 'set-cookie']);

/**
 * Hands /api/auth/* to better-auth, translating between Fastify and the Fetch API it speaks:
 * - the body goes through untouched (JSON, or a form post from an identity provider), within a small limit;
 * - the client's address, as Fastify worked it out (SAMVERKA_TRUST_PROXY), goes in CLIENT_IP_HEADER,
 *   which is the only address header better-auth reads; a client cannot set it;
 * - redirects (the OIDC callback) and every Set-Cookie come back as they are;
 * - errors come back in Samverka's envelope `{ error: { code, message } }` in the caller's language;
 * - session tokens are removed from response bodies: the httpOnly cookie is the only place they live.
 */
export function registerAuthHandler(app: FastifyInstance, auth: Auth, database: Database): void {
  registerAuthProviderRoutes(app, auth);
  registerAuthSessionRoutes(app, auth, database);
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: AUTH_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    scope.route({
      method: ['GET', 'POST'],
      url: '/api/auth/*',
      schema: { hide: true },
      bodyLimit: AUTH_BODY_LIMIT_BYTES,
      handler: async (request, reply) => sendAuthResponse(request, reply, auth, await auth.handler(toFetchRequest(request, auth)), database),
    });
  });
}

export function forwardedHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || NOT_FORWARDED.has(key.toLowerCase())) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(CLIENT_IP_HEADER, request.ip);
  return headers;
}

function toFetchRequest(request: FastifyRequest, auth: Auth): Request {
  const url = new URL(request.url, auth.options.baseURL as string);
  const body = request.method !== 'GET' && Buffer.isBuffer(request.body) && request.body.length > 0 ? new Uint8Array(request.body) : undefined;
  return new Request(url, { method: request.method, headers: forwardedHeaders(request), body });
}

export async function sendAuthResponse(request: FastifyRequest, reply: FastifyReply, auth: Auth, response: Response, database?: Database): Promise<FastifyReply> {
  reply.status(response.status);
  for (const [key, value] of response.headers) {
    if (!NOT_RETURNED.has(key.toLowerCase())) reply.header(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  const text = await response.text();
  if (response.status >= 500 && database && !(await databaseAnswers(database))) return sendUnavailable(request, reply);
  if (response.status >= 400) return sendError(request, reply, auth, response, text);
  if (!text || !(response.headers.get('content-type') ?? '').includes('application/json')) return reply.send(text || null);
  return reply.type('application/json').send(JSON.stringify(withoutSessionTokens(JSON.parse(text))));
}

/**
 * better-auth turns a lost database connection into its own 500 before we see the error. When the
 * database does not answer either, it is the database that is away: the same 503 as every other route.
 */
function sendUnavailable(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.warn({ status: 503 }, 'better-auth failed while the database does not answer');
  const language = languageFromHeader(request.headers['accept-language']);
  return reply
    .status(503)
    .header('retry-after', '5')
    .type('application/json')
    .send(JSON.stringify({ error: { code: 'unavailable', message: errorMessage('unavailable', language) } }));
}

function sendError(request: FastifyRequest, reply: FastifyReply, auth: Auth, response: Response, text: string): FastifyReply {
  const { status, code } = translateAuthError(response.status, parseJson(text));
  if (status >= 500) request.log.error({ status: response.status }, 'better-auth failed');
  // better-auth's rate limiter says X-Retry-After; browsers and proxies know Retry-After.
  const retryAfter = response.headers.get('retry-after') ?? response.headers.get('x-retry-after');
  if (retryAfter) reply.header('retry-after', retryAfter);
  const language = languageFromHeader(request.headers['accept-language']);
  const message = authErrorMessage(code, language, { minutes: auth.samverka.lockoutMinutes });
  return reply.status(status).type('application/json').send(JSON.stringify({ error: { code, message } }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Sign-in, TOTP, change password and get-session answer with the session token; the browser never needs it. */
function withoutSessionTokens(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { token: _token, ...rest } = body as Record<string, unknown>;
  const session = rest.session;
  if (typeof session === 'object' && session !== null && 'token' in session) {
    const { token: _sessionToken, ...sessionRest } = session as Record<string, unknown>;
    rest.session = sessionRest;
  }
  return rest;
}
