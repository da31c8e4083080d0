import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

export const CSRF_HEADER = 'x-samverka-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must carry a custom header. A cross-site form or fetch cannot set one
 * without a CORS preflight, which this server never grants; a present Origin must also be our own
 * (`allowedOrigins`: the public URL, never whatever the Host header claims). better-auth's own endpoints
 * check Origin themselves against the same list, and the public endpoints carry no cookie authority.
 */
export function registerCsrfProtection(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path.startsWith('/api/auth/') || path.startsWith('/api/public/')) return;
    if (!request.headers.cookie) return;
    const origin = request.headers.origin;
    const originOk = origin === undefined || allowed.has(origin);
    if (request.headers[CSRF_HEADER] !== '1' || !originOk) throw new AppError(403, 'csrf_failed');
  });
}
