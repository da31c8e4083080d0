import type { BetterAuthOptions } from 'better-auth';
import type { Config } from '../config';

/**
 * better-auth's own rate limits, per client IP (see CLIENT_IP_HEADER in routes.ts) and endpoint.
 * Endpoints that check a password or a code get the tight sign-in limit; the rest of /api/auth/*
 * the general one. Counters live in the database by default, so the limits hold when several
 * server processes share one PostgreSQL; `memory` is for a single process.
 *
 * These complement, not replace, the per-address lockout (lockout.ts): the rate limit slows one
 * network address trying many accounts, the lockout protects one account tried from many addresses.
 */
export function rateLimitOptions(config: Config): NonNullable<BetterAuthOptions['rateLimit']> {
  const signIn = { window: config.SAMVERKA_SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, max: config.SAMVERKA_SIGN_IN_RATE_LIMIT };
  return {
    enabled: true,
    storage: config.SAMVERKA_AUTH_RATE_LIMIT_STORAGE,
    window: 60,
    max: config.SAMVERKA_RATE_LIMIT_PER_MINUTE,
    customRules: {
      '/sign-in/*': signIn,
      '/two-factor/*': signIn,
      '/change-password': signIn,
      '/verify-password': signIn,
      '/request-password-reset': signIn,
      '/reset-password': signIn,
    },
  };
}
