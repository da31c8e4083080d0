import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Secrets } from '../crypto/secrets';
import * as schema from '../db/schema';

export interface AuthDeps {
  db: Db;
  config: Config;
  secrets: Secrets;
}

/** better-auth owns passwords, sessions and TOTP; we never hash or verify these ourselves. */
export function createAuth({ db, config, secrets }: AuthDeps) {
  return betterAuth({
    appName: 'Samverka',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: secrets.authSecret,
    trustedOrigins: [config.publicUrl],
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        twoFactor: schema.twoFactor,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by administrators (invitations) or the CLI, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 256,
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
    advanced: {
      cookiePrefix: 'samverka',
      useSecureCookies: config.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
      ipAddress: { ipAddressHeaders: config.SAMVERKA_TRUST_PROXY ? ['x-forwarded-for'] : [] },
    },
    plugins: [twoFactor({ issuer: 'Samverka' })],
  });
}

export type Auth = ReturnType<typeof createAuth>;
