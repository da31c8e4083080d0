import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config';
import { isWebAppRequest } from '../web-app';
import { requestSessionToken } from './session-cookie';

export interface RequestRateLimitOptions {
  config: Pick<Config, 'SAMVERKA_RATE_LIMIT_PER_MINUTE' | 'SAMVERKA_USER_RATE_LIMIT_PER_MINUTE'>;
  /** better-auth's session cookie (`samverka.session_token`, `__Secure-` in production). */
  sessionCookieName: string;
  /** The secret better-auth signs that cookie with. */
  authSecret: string;
}

/**
 * The global request limit, counted per whom a request speaks for:
 * - the web client's files (scripts, styles, fonts, translations, index.html) are not counted: one page
 *   load is some sixty of them, and an office behind one address would be locked out after a few pages;
 * - a request with a genuine session cookie counts against that session (SAMVERKA_USER_RATE_LIMIT_PER_MINUTE),
 *   so colleagues behind one address do not share a budget;
 * - everything else (signed out: sign-in, the public pages' API) counts per client address
 *   (SAMVERKA_RATE_LIMIT_PER_MINUTE). Sign-in and the public form have tighter limits of their own on top.
 * The key comes from the cookie alone: an HMAC check of better-auth's signature, no database lookup.
 */
export async function registerRequestRateLimit(app: FastifyInstance, options: RequestRateLimitOptions): Promise<void> {
  const sessionKey = sessionKeyReader(options.sessionCookieName, options.authSecret);
  const { SAMVERKA_RATE_LIMIT_PER_MINUTE: perAddress, SAMVERKA_USER_RATE_LIMIT_PER_MINUTE: perSession } = options.config;
  await app.register(rateLimit, {
    timeWindow: '1 minute',
    allowList: (request) => isWebAppRequest(request),
    keyGenerator: (request) => sessionKey(request) ?? `ip:${request.ip}`,
    max: (_request, key) => (key.startsWith('session:') ? perSession : perAddress),
  });
}

/**
 * `session:<hash>` for a request whose session cookie carries better-auth's signature, else null.
 * A forged or random cookie fails the signature and counts per address, so inventing cookies cannot
 * buy fresh budgets. The token itself is hashed, so the limiter's memory holds no usable token.
 * Whether the session is still valid is the route's business (requireSession), not the limiter's.
 */
export function sessionKeyReader(cookieName: string, secret: string): (request: FastifyRequest) => string | null {
  return (request) => {
    const token = requestSessionToken(request, cookieName, secret);
    return token === null ? null : `session:${createHash('sha256').update(token).digest('base64url')}`;
  };
}
