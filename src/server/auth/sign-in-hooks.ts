import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Lock, SignInLockout } from './lockout';
import type { SecurityEventInput, SecurityLog } from '../audit/security-log';
import { clientOf, needsSubjectFirst, rememberSubject, takeSubject } from './security-events';

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
 * better-auth hooks around sign-in. Before: a locked address is refused, even with the right
 * password, before any password is checked. After: a refusal (wrong password, unknown address,
 * deactivated account) counts one failure; a success clears the count.
 * Failed TOTP codes are counted by better-auth's own two-factor lockout (see auth.ts).
 *
 * Every sign-in event also goes to the security log (issue 12 §5; audit/security-log.ts): success,
 * failure, lockout, an attempt while locked, a wrong second-factor code, a refused single sign-on, a
 * password changed or set, and "sign out everywhere". A password attempt is recorded the same way
 * whether or not its address has an account (the address only as the lockout's key, the account
 * looked up in the same statement), and a failed write never changes the answer.
 */
export function signInHooks(lockout: SignInLockout, securityLog: SecurityLog) {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (needsSubjectFirst(ctx.path)) await rememberSubject(ctx);
      // "Trust this device for 30 days" would skip the second factor; every sign-in asks for it here.
      if (ctx.path.startsWith('/two-factor/verify-') && isObject(ctx.body) && ctx.body.trustDevice === true) {
        return { context: { body: { ...ctx.body, trustDevice: false } } };
      }
      if (ctx.path !== PASSWORD_SIGN_IN) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const lock = await lockout.lockOf(email);
      if (lock) {
        await securityLog.record({ kind: 'sign_in.refused_locked', outcome: 'denied', email, ...clientOf(ctx), details: { method: 'password' } });
        throw lockedError(lock);
      }
    }),
    after: createAuthMiddleware(async (ctx) => {
      const record = (event: Omit<SecurityEventInput, 'ip' | 'userAgent'>) => securityLog.record({ ...event, ...clientOf(ctx) });
      if (ctx.path === OAUTH_CALLBACK) return afterSingleSignOn(ctx, record);
      if (needsSubjectFirst(ctx.path)) return afterKnownUser(ctx, record, await takeSubject(ctx));
      if (ctx.path === CHANGE_PASSWORD) return afterPasswordChange(ctx, record);
      if (ctx.path !== PASSWORD_SIGN_IN) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const returned = ctx.context.returned;
      if (isAPIError(returned)) {
        if (returned.body?.code !== 'INVALID_EMAIL_OR_PASSWORD') return;
        const lock = await lockout.recordFailure(email);
        await record({ kind: lock ? 'sign_in.locked' : 'sign_in.failed', outcome: 'denied', email, details: { method: 'password' } });
        if (lock) throw lockedError(lock);
        return;
      }
      await lockout.reset(email);
      const session = ctx.context.newSession;
      // With two-factor on, the password only opens the challenge (the two-factor plugin's hook, after
      // this one, replaces the session): the sign-in succeeds, and is recorded, at the code.
      if (session && !(session.user as { twoFactorEnabled?: boolean }).twoFactorEnabled) {
        await record({ kind: 'sign_in.succeeded', outcome: 'allowed', userId: session.user.id, details: { method: 'password' } });
      }
    }),
  };
}

const CHANGE_PASSWORD = '/change-password';

type RecordEvent = (event: Omit<SecurityEventInput, 'ip' | 'userAgent'>) => Promise<void>;

function errorCode(returned: unknown): string {
  const code = isAPIError(returned) ? returned.body?.code : undefined;
  return typeof code === 'string' ? code.toLowerCase() : 'refused';
}

/** A second-factor code at sign-in, "sign out everywhere" and a set-password link: the user was found before. */
async function afterKnownUser(ctx: AfterContext, record: RecordEvent, userId: string | null) {
  if (!userId) return;
  const returned = ctx.context.returned;
  const failed = isAPIError(returned);
  if (ctx.path.startsWith('/two-factor/verify-')) {
    const factor = ctx.path.slice('/two-factor/verify-'.length);
    if (failed) return record({ kind: 'two_factor.failed', outcome: 'denied', userId, details: { factor, reason: errorCode(returned) } });
    if (ctx.context.newSession) return record({ kind: 'sign_in.succeeded', outcome: 'allowed', userId, details: { method: `password+${factor}` } });
    return;
  }
  if (failed) return;
  if (ctx.path === '/revoke-sessions') return record({ kind: 'session.revoked_all', outcome: 'allowed', userId });
  return record({ kind: 'password.changed', outcome: 'allowed', userId, details: { via: 'link' } });
}

async function afterPasswordChange(ctx: AfterContext, record: RecordEvent) {
  const returned = ctx.context.returned as { user?: { id?: unknown } } | undefined;
  if (isAPIError(returned)) return;
  const userId = typeof returned?.user?.id === 'string' ? returned.user.id : (ctx.context.session?.user.id ?? null);
  if (userId) await record({ kind: 'password.changed', outcome: 'allowed', userId, details: { via: 'change' } });
}

/** The identity provider's callback: a session for a pre-provisioned user, or one refusal for every reason. */
async function afterSingleSignOn(ctx: AfterContext, record: RecordEvent) {
  const provider = typeof ctx.params?.id === 'string' ? ctx.params.id : 'unknown';
  const session = ctx.context.newSession;
  if (session) return record({ kind: 'sign_in.succeeded', outcome: 'allowed', userId: session.user.id, details: { method: `oidc:${provider}` } });
  return oneSsoError(ctx, record, provider);
}

type AfterContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * better-auth redirects a refused single sign-on with a telling code (signup_disabled: no account;
 * account_not_linked: address not verified; a deactivated account...). The browser gets one code for
 * all of them, so the answer never says whether an account exists; the security log keeps the reason
 * (with no user: the provider's answer names none we would trust).
 */
async function oneSsoError(ctx: AfterContext, record: RecordEvent, provider: string) {
  const returned = ctx.context.returned;
  if (!isAPIError(returned) || returned.statusCode !== 302) return;
  const location = new Headers(returned.headers as HeadersInit).get('location');
  if (!location) return;
  const url = new URL(location, ctx.context.baseURL);
  const reason = url.searchParams.get('error');
  if (!reason || reason === SSO_FAILED) return;
  ctx.context.logger.warn(`single sign-on refused (${provider}): ${reason}`);
  await record({ kind: 'sso.refused', outcome: 'denied', details: { method: `oidc:${provider}`, reason: reason.slice(0, 64) } });
  url.searchParams.set('error', SSO_FAILED);
  url.searchParams.delete('error_description');
  const relative = location.startsWith('/') && !location.startsWith('//');
  throw ctx.redirect(relative ? `${url.pathname}${url.search}` : url.toString());
}
