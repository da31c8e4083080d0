import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Lock, SignInLockout } from './lockout';

const PASSWORD_SIGN_IN = '/sign-in/email';
const OAUTH_CALLBACK = '/callback/:id';

/** The one error a failed single sign-on reports to the browser (`/?error=sso_failed`). */
export const SSO_FAILED = 'sso_failed';

/** The lockout answer. The same for every address, known or not; `Retry-After` tells when to try again. */
export function lockedError(lock: Lock): APIError {
  return new APIError(
    'TOO_MANY_REQUESTS',
    { code: 'ACCOUNT_TEMPORARILY_LOCKED', message: 'Too many failed sign-in attempts; signing in is temporarily blocked.' },
    { 'Retry-After': String(lock.retryAfterSeconds) },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
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
      // "Trust this device for 30 days" would skip the second factor; every sign-in asks for it here.
      if (ctx.path.startsWith('/two-factor/verify-') && isObject(ctx.body) && ctx.body.trustDevice === true) {
        return { context: { body: { ...ctx.body, trustDevice: false } } };
      }
      if (ctx.path !== PASSWORD_SIGN_IN) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const lock = await lockout.lockOf(email);
      if (lock) throw lockedError(lock);
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path === OAUTH_CALLBACK) return oneSsoError(ctx);
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

type AfterContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * better-auth redirects a refused single sign-on with a telling code (signup_disabled: no account;
 * account_not_linked: address not verified; a deactivated account...). The browser gets one code for
 * all of them, so the answer never says whether an account exists; the server log keeps the reason.
 */
function oneSsoError(ctx: AfterContext) {
  const returned = ctx.context.returned;
  if (!isAPIError(returned) || returned.statusCode !== 302) return;
  const location = new Headers(returned.headers as HeadersInit).get('location');
  if (!location) return;
  const url = new URL(location, ctx.context.baseURL);
  const reason = url.searchParams.get('error');
  if (!reason || reason === SSO_FAILED) return;
  ctx.context.logger.warn(`single sign-on refused (${ctx.params?.id ?? 'unknown provider'}): ${reason}`);
  url.searchParams.set('error', SSO_FAILED);
  url.searchParams.delete('error_description');
  const relative = location.startsWith('/') && !location.startsWith('//');
  throw ctx.redirect(relative ? `${url.pathname}${url.search}` : url.toString());
}
