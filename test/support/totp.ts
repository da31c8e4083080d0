import { createOTP } from '@better-auth/utils/otp';
import { base32 } from '@better-auth/utils/base32';

/** The current TOTP code for an otpauth:// URI, as an authenticator app would show it. */
export async function totpCodeFromUri(totpUri: string): Promise<string> {
  const secret = new URL(totpUri).searchParams.get('secret');
  if (!secret) throw new Error('otpauth URI without a secret');
  return createOTP(base32.decode(secret)).totp();
}
