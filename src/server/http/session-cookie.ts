import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { parseCookies } from 'better-auth/cookies';

/**
 * better-auth's session cookie is `<token>.<signature>`, the signature being base64 HMAC-SHA256 of the
 * token under the auth secret (better-call's signed cookies). Checking it here, synchronously, lets a
 * request be refused without a database call, and lets the one call that follows trust the token.
 */
export function signedSessionToken(cookieHeader: string | undefined, cookieName: string, secret: string): string | null {
  if (!cookieHeader) return null;
  const signed = parseCookies(cookieHeader).get(cookieName);
  const dot = signed?.lastIndexOf('.') ?? -1;
  if (!signed || dot <= 0) return null;
  const token = signed.slice(0, dot);
  const signature = Buffer.from(signed.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  return token;
}

/** Each request's checked token: the rate limiter and the session gate both ask, the HMAC runs once. */
const checkedTokens = new WeakMap<FastifyRequest, { cookieName: string; secret: string; token: string | null }>();

/** `signedSessionToken` for the request's own cookie header, checked once per request. */
export function requestSessionToken(request: FastifyRequest, cookieName: string, secret: string): string | null {
  const known = checkedTokens.get(request);
  if (known && known.cookieName === cookieName && known.secret === secret) return known.token;
  const token = signedSessionToken(request.headers.cookie, cookieName, secret);
  checkedTokens.set(request, { cookieName, secret, token });
  return token;
}

/** The cookie value better-auth itself would set for this token (URL-encoded, as it sends it). */
export function signedSessionCookieValue(token: string, secret: string): string {
  return encodeURIComponent(`${token}.${createHmac('sha256', secret).update(token).digest('base64')}`);
}
