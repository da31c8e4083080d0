import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth, twoFactor } from 'better-auth/plugins';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Secrets } from '../crypto/secrets';
import * as schema from '../db/schema';
import { createSignInLockout } from './lockout';
import { signInHooks } from './sign-in-hooks';
import { sessionCreateBefore } from './session-hooks';
import { rateLimitOptions } from './rate-limit';
import { genericOAuthConfigs, type OidcProviderSummary } from './oidc';
import { allowedOrigins } from '../http/origins';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/auth';
import { authLogSink, betterAuthLogLevel } from './auth-log';
import { CLIENT_IP_HEADER } from './client-ip';
import { createSecurityLog } from '../audit/security-log';

export interface AuthDeps {
  db: Db;
  config: Config;
  secrets: Secrets;
}

export { CLIENT_IP_HEADER } from './client-ip';

/**
 * better-auth endpoints nobody in Samverka should reach over HTTP: account changes an administrator
 * owns, token handling, and the session list and revocation that hand session tokens to the browser
 * (our /api/auth-sessions replaces them without exposing tokens).
 */
const DISABLED_PATHS = [
  '/sign-up/email',
  '/delete-user',
  '/change-email',
  '/link-social',
  '/unlink-account',
  '/get-access-token',
  '/refresh-token',
  '/account-info',
  '/update-session',
  '/list-sessions',
  '/revoke-session',
];

/** better-auth owns passwords, sessions, TOTP and OIDC; we never hash or verify these ourselves. */
export function createAuth({ db, config, secrets }: AuthDeps) {
  const lockout = createSignInLockout(db, secrets.authSecret, {
    maxFailures: config.SAMVERKA_LOGIN_MAX_FAILURES,
    lockoutMinutes: config.SAMVERKA_LOGIN_LOCKOUT_MINUTES,
  });
  // Sign-in events go to the security log (issue 12 §5), the address only as the lockout's key.
  const securityLog = createSecurityLog(db, { keyOf: lockout.keyOf, ...(config.LOG_LEVEL === 'silent' ? { onWriteError: () => {} } : {}) });
  const oidcProviders = config.SAMVERKA_OIDC_PROVIDERS ?? [];
  const instance = betterAuth({
    appName: 'Samverka',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: secrets.authSecret,
    // The same list as the CSRF check (http/origins.ts): the public URL, or both loopback spellings by default.
    trustedOrigins: allowedOrigins(config),
    telemetry: { enabled: false },
    // Its default logger prints SQL parameters (session tokens) on a database error: ours keeps a status only.
    logger: { disabled: config.LOG_LEVEL === 'silent', level: betterAuthLogLevel(config.LOG_LEVEL), log: authLogSink() },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        twoFactor: schema.twoFactor,
        rateLimit: schema.rateLimit,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by administrators (invitations) or the CLI, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, defaultValue: 'sv', input: false },
        active: { type: 'boolean', required: false, defaultValue: true, input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      additionalFields: {
        activeMembershipId: { type: 'string', required: false, input: false },
        authMethod: { type: 'string', required: false, input: false },
      },
    },
    account: {
      // A user created by an administrator may sign in through the identity provider: the provider's
      // account is linked when it vouches for the same, verified, e-mail address. Never another address.
      accountLinking: { enabled: true, allowDifferentEmails: false, requireLocalEmailVerified: true },
    },
    databaseHooks: { session: { create: { before: sessionCreateBefore } } },
    hooks: signInHooks(lockout, securityLog),
    rateLimit: rateLimitOptions(config),
    disabledPaths: DISABLED_PATHS,
    // OAuth errors that happen before better-auth knows the caller's error page land on the web app too.
    onAPIError: { errorURL: `${config.publicUrl}/` },
    advanced: {
      cookiePrefix: 'samverka',
      useSecureCookies: config.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
      // Only the bridge's header, never a client's own X-Forwarded-For: Fastify already applied
      // SAMVERKA_TRUST_PROXY when it worked out request.ip.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      twoFactor({
        issuer: 'Samverka',
        // Failed codes lock the second factor like failed passwords lock the first.
        accountLockout: {
          enabled: true,
          maxFailedAttempts: config.SAMVERKA_LOGIN_MAX_FAILURES,
          durationSeconds: config.SAMVERKA_LOGIN_LOCKOUT_MINUTES * 60,
        },
      }),
      ...(oidcProviders.length > 0 ? [genericOAuth({ config: genericOAuthConfigs(oidcProviders) })] : []),
    ],
  });
  const providers: OidcProviderSummary[] = oidcProviders.map(({ id, name }) => ({ id, name }));
  return Object.assign(instance, { samverka: { lockout, securityLog, oidcProviders: providers, lockoutMinutes: config.SAMVERKA_LOGIN_LOCKOUT_MINUTES } });
}

export type Auth = ReturnType<typeof createAuth>;
