import { z } from 'zod';
import { token } from './text';

/**
 * The password rule, in one place: better-auth enforces it on the server, the forms check it first.
 * Not built on `line()` (text.ts): a password is hashed, never stored or shown, and any character may be in it.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/**
 * Error codes of sign-in and account security (everything under /api/auth/* and /api/auth-*).
 * They arrive in the usual envelope `{ error: { code, message } }`, with the message in the caller's language.
 */
export const AUTH_ERROR_CODES = [
  /** 401: wrong e-mail or password, unknown e-mail, or a deactivated account: one answer for all. */
  'invalid_credentials',
  /** 429: too many failed sign-ins (or TOTP codes) for this e-mail address; `Retry-After` says when to try again. */
  'account_temporarily_locked',
  /** 429: too many requests from this network address; `Retry-After` says when to try again. */
  'rate_limited',
  /** 401: the authenticator code was wrong. */
  'invalid_two_factor_code',
  /** 401 or 400: the two-factor step expired or used up its attempts: sign in with the password again. */
  'two_factor_restart',
  /** 400: the current password given (change password, turning on TOTP) was wrong. */
  'invalid_password',
  /** 400: the new password is shorter than 12 or longer than 256 characters. */
  'password_length',
  /** 403: the session is too old for this (sessions list, sign out everywhere): sign in again. */
  'session_not_fresh',
  /** 400: two-factor is already on, or not on, for this action. */
  'two_factor_state',
  /** 401: no valid session. */
  'unauthenticated',
  /** 403: the request did not come from Samverka's own origin. */
  'csrf_failed',
  /** 400: malformed input (for example not an e-mail address). */
  'validation_failed',
  /** 404: unknown endpoint or unknown session. */
  'not_found',
  /** Anything else better-auth refused; the status code is kept. */
  'auth_failed',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** One way to sign in besides e-mail and password, for the sign-in page. */
export const authProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Follow (a plain link) to start single sign-on; it comes back signed in, or to `/?error=<code>`. */
  signInUrl: z.string().optional(),
});
export type AuthProvider = z.infer<typeof authProviderSchema>;

export const authProvidersSchema = z.object({ providers: z.array(authProviderSchema) });
export type AuthProviders = z.infer<typeof authProvidersSchema>;

export const ssoStartParamsSchema = z.object({ providerId: token().regex(/^[a-z0-9-]+$/) }).strict();

/** Where to land after single sign-on: a path on this site only, never another host. */
export const ssoStartQuerySchema = z
  .object({
    returnTo: token()
      .max(512)
      .regex(/^\/(?![/\\])[^\s]*$/, { message: 'invalid_format' })
      .optional(),
  })
  .strict();

/** A signed-in device or browser of the current user. The session token itself is never shown. */
export const authSessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** 'password' or 'oidc:<provider id>'. */
  authMethod: z.string().nullable(),
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export const authSessionsSchema = z.object({ sessions: z.array(authSessionSchema) });
export type AuthSessions = z.infer<typeof authSessionsSchema>;

export const authSessionParamsSchema = z.object({ sessionId: token().min(1).max(128) }).strict();
