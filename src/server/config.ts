import { z } from 'zod';
import { isSigningKey, isVerifyKey } from './audit/signing-key';
import { isTileTemplate } from './modules/places/map-config';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, { message: 'must be 32 bytes, base64-encoded' });

const oidcProviderSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes: z.array(z.string()).optional(),
});
export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

const oidcProvidersFromEnv = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
      return z.NEVER;
    }
  })
  .pipe(z.array(oidcProviderSchema));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SAMVERKA_DATA_DIR: z.string().min(1).default('./data'),
  SAMVERKA_ENCRYPTION_KEY: base64Key.optional(),
  SAMVERKA_BLIND_INDEX_KEY: base64Key.optional(),
  SAMVERKA_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SAMVERKA_PUBLIC_URL: z.url().optional(),
  SAMVERKA_DEMO: booleanFromEnv.default(true),
  SAMVERKA_OIDC_PROVIDERS: oidcProvidersFromEnv.optional(),
  SAMVERKA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
  /** Requests per client IP and minute to the API without a session (the web client's files are not counted). */
  SAMVERKA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Requests per signed-in session and minute to the API, wherever they come from (an office shares one IP). */
  SAMVERKA_USER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SAMVERKA_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SAMVERKA_LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Per client IP and endpoint, on endpoints that check a password or a code (sign-in, TOTP, change password). */
  SAMVERKA_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  SAMVERKA_SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** `database` holds across several server processes; `memory` is per process (one server only). */
  SAMVERKA_AUTH_RATE_LIMIT_STORAGE: z.enum(['database', 'memory']).default('database'),
  /** Public concern channel: submissions (concerns and place reports) per client IP and hour. */
  SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Public concern channel: status lookups by receipt code per client IP and hour (brute-force limit). */
  SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** `database` holds across several server processes; `memory` is per process (one server only). */
  SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: z.enum(['database', 'memory']).default('database'),
  /** A public form must have been open this long (signed form token) before it is accepted: stops naive bots. */
  SAMVERKA_PUBLIC_FORM_MIN_SECONDS: z.coerce.number().int().min(0).max(600).default(3),
  /** Outgoing e-mail (notifications). SMTP_URL (smtp:// or smtps://) or SMTP_HOST and friends; neither: mail goes to the log only. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** TLS from the first byte (port 465). Without it, STARTTLS is used when the server offers it. */
  SMTP_SECURE: booleanFromEnv.optional(),
  SAMVERKA_MAIL_FROM: z.string().min(3).default('Samverka <noreply@samverka.invalid>'),
  /** How often the mail sender drains the outbox (it is also woken after each commit that queued mail). */
  SAMVERKA_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** How often the deadline job looks for concerns whose deadlines are near. */
  SAMVERKA_DEADLINE_CHECK_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** The nightly retention (gallring) run at about 02:00 Europe/Stockholm, inside the server process. */
  SAMVERKA_RETENTION_NIGHTLY: booleanFromEnv.default(true),
  /** Ed25519 private key (PKCS#8 PEM or its base64 DER) that signs audit checkpoints; never stored in the database. */
  SAMVERKA_AUDIT_SIGNING_KEY: z.string().refine(isSigningKey, { message: 'must be an Ed25519 private key, PEM or base64 DER (samverka audit keygen)' }).optional(),
  /** Ed25519 public key (SPKI PEM or base64 DER): enough for an auditor to verify checkpoints. Default: derived from the signing key. */
  SAMVERKA_AUDIT_VERIFY_KEY: z.string().refine(isVerifyKey, { message: 'must be an Ed25519 public key, PEM or base64 DER' }).optional(),
  /** Append-only JSON-lines file of signed checkpoints. Default: audit-checkpoints.jsonl beside SAMVERKA_DATA_DIR. */
  SAMVERKA_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  SAMVERKA_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  SAMVERKA_TRUST_PROXY: booleanFromEnv.default(false),
  /** This installation's id in the housing exchange between installations. Default: the public URL's host (and port). */
  SAMVERKA_INSTALLATION_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be 1–200 letters, digits, dots, colons, dashes or underscores').optional(),
  /** Ed25519 private key (PKCS#8 PEM or its base64 DER) that signs housing-exchange messages to partner installations; never in the database. */
  SAMVERKA_EXCHANGE_SIGNING_KEY: z.string().refine(isSigningKey, { message: 'must be an Ed25519 private key, PEM or base64 DER (samverka audit keygen)' }).optional(),
  /** How often the exchange's federation outbox is drained (it is also woken after each commit that queued a message). */
  SAMVERKA_EXCHANGE_OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** The first retry after a failed delivery to a partner installation; doubled per attempt, at most an hour. */
  SAMVERKA_EXCHANGE_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The largest signed message the federation endpoint accepts. */
  SAMVERKA_EXCHANGE_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(5_000_000).default(262_144),
  /** Messages per partner address and minute to the federation endpoint (on top of the global limit). */
  SAMVERKA_EXCHANGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** The map's raster tiles, e.g. https://tiles.example/{z}/{x}/{y}.png. Unset: a plain background, nothing from another host. */
  SAMVERKA_MAP_TILES: z.string().refine(isTileTemplate, { message: 'must be an http(s) URL template with {z}, {x} and {y} on one host' }).optional(),
  /** The attribution the tile provider asks for (plain text). */
  SAMVERKA_MAP_ATTRIBUTION: z.string().max(300).optional(),
  SAMVERKA_WEB_DIST: z.string().default('dist/web'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  databaseKind: 'embedded' | 'postgres';
  publicUrl: string;
  secureCookies: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates configuration. An invalid setting throws one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = issue.path.join('.');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}`);
  }
  const parsed = result.data;
  if (parsed.DATABASE_URL && !parsed.SAMVERKA_ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration: SAMVERKA_ENCRYPTION_KEY is required when DATABASE_URL is set');
  }
  if (parsed.DATABASE_URL && !parsed.SAMVERKA_AUTH_SECRET) {
    throw new ConfigError('Invalid configuration: SAMVERKA_AUTH_SECRET is required when DATABASE_URL is set');
  }
  const publicUrl = (parsed.SAMVERKA_PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, '');
  return {
    ...parsed,
    databaseKind: parsed.DATABASE_URL ? 'postgres' : 'embedded',
    publicUrl,
    secureCookies: parsed.NODE_ENV === 'production',
  };
}
