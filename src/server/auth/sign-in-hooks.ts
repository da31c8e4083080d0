import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Lock, SignInLockout } from './lockout';

const PASSWORD_SIGN_IN = '/sign-in/email';

/** The lockout answer. The same for every address, known or not; `Retry-After` tells when to try again. */
export function lockedError(lock: Lock): APIError {
  return new APIError(
    'TOO_MANY_REQUESTS',
    { code: 'ACCOUNT_TEMPORARILY_LOCKED', message: 'Too many failed sign-in attempts; signing in is temporarily blocked.' },
    { 'Retry-After': String(lock.retryAfterSeconds) },
  );
}

function emailOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('email' in body)) return null;
  return typeof body.email === 'string' && body.email.length <= 320 ? body.email : null;
}

/**
 * better-auth hooks around password sign-in. Before: a locked address is refused, even with the right
 * password, before any password is checked. After: a refusal (wrong password, unknown address,
 * deactivated account) counts one failure; a success clears the count.
 * Failed TOTP codes are counted by better-auth's own two-factor lockout (see auth.ts).
 */
export function signInHooks(lockout: SignInLockout) {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== PASSWORD_SIGN_IN) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const lock = await lockout.lockOf(email);
      if (lock) throw lockedError(lock);
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== PASSWORD_SIGN_IN) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const returned = ctx.context.returned;
      if (isAPIError(returned)) {
        if (returned.body?.code !== 'INVALID_EMAIL_OR_PASSWORD') return;
        const lock = await lockout.recordFailure(email);
        if (lock) throw lockedError(lock);
        return;
      }
      await lockout.reset(email);
    }),
  };
}
