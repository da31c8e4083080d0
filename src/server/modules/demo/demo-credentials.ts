import { createHmac } from 'node:crypto';
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';

/**
 * The demo's shared password and TOTP secret. They are derived from the installation's auth secret
 * rather than written in the source code: anyone who can read this repository must not be able to
 * sign in to a server that left the demo on. Only whoever sees the server's console (or runs the
 * CLI with the same keys) learns them. Changing the auth secret changes them; seeding notices the
 * new fingerprint and re-enrols the demo users.
 */
export interface DemoCredentials {
  password: string;
  /** RFC 4648 base32, no padding: what an authenticator app is given. */
  totpSecretBase32: string;
  totpUri: string;
  /** Identifies the credentials without revealing them, stored in the demo tenant's settings. */
  fingerprint: string;
}

export const DEMO_TOTP_ISSUER = 'Samverka demo';
const DEMO_TOTP_ACCOUNT = 'alla demoanvändare';

export function demoCredentials(authSecret: string): DemoCredentials {
  const derive = (purpose: string) => createHmac('sha256', authSecret).update(`samverka-demo:${purpose}:v1`).digest();
  const passwordChars = base32.encode(derive('password'), { padding: false }).toLowerCase().slice(0, 16);
  const password = `demo-${passwordChars.match(/.{4}/g)!.join('-')}`;
  const totpSecretBase32 = base32.encode(derive('totp').subarray(0, 20), { padding: false });
  return {
    password,
    totpSecretBase32,
    totpUri: createOTP(base32.decode(totpSecretBase32)).url(DEMO_TOTP_ISSUER, DEMO_TOTP_ACCOUNT),
    fingerprint: derive('fingerprint').toString('base64url').slice(0, 16),
  };
}

/** The 6-digit code an authenticator app shows right now for the demo secret. */
export async function currentDemoTotpCode(credentials: DemoCredentials): Promise<string> {
  return createOTP(base32.decode(credentials.totpSecretBase32)).totp();
}
