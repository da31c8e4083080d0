import { symmetricEncrypt } from 'better-auth/crypto';
import type { Auth } from '../../auth/auth';

/**
 * Gives a demo user the shared demo password and TOTP secret, written exactly as better-auth's
 * own code writes them, through its adapter:
 * - the password hash through `ctx.password.hash`, on the user's credential account;
 * - the TOTP secret as `symmetricEncrypt({ key: secretConfig, data: 'base32:<secret>' })`, the form
 *   better-auth's two-factor plugin uses for secrets imported from elsewhere, marked verified;
 * - an encrypted, empty list of backup codes (the demo hands out none).
 * The public enrolment endpoint cannot be used: it always generates a fresh random secret, and the
 * point of the demo is one secret a visitor adds to an authenticator app once.
 */
/** Hashing is deliberately slow, so the demo hashes its one password once and shares the hash. */
export async function hashDemoPassword(auth: Auth, password: string): Promise<string> {
  const ctx = await auth.$context;
  return ctx.password.hash(password);
}

export async function setDemoPasswordHash(auth: Auth, userId: string, hash: string): Promise<void> {
  const ctx = await auth.$context;
  const accounts = await ctx.internalAdapter.findAccountByUserId(userId);
  if (accounts.some((account) => account.providerId === 'credential')) {
    await ctx.internalAdapter.updatePassword(userId, hash);
  } else {
    await ctx.internalAdapter.linkAccount({ userId, providerId: 'credential', accountId: userId, password: hash });
  }
}

export async function enrolDemoTotp(auth: Auth, userId: string, totpSecretBase32: string): Promise<void> {
  const ctx = await auth.$context;
  const secret = await symmetricEncrypt({ key: ctx.secretConfig, data: `base32:${totpSecretBase32}` });
  const backupCodes = await symmetricEncrypt({ key: ctx.secretConfig, data: JSON.stringify([]) });
  const where = [{ field: 'userId', value: userId }];
  const existing = await ctx.adapter.findOne<{ id: string }>({ model: 'twoFactor', where });
  const data = { secret, backupCodes, verified: true, failedVerificationCount: 0, lockedUntil: null };
  if (existing) {
    await ctx.adapter.update({ model: 'twoFactor', where: [{ field: 'id', value: existing.id }], update: data });
  } else {
    await ctx.adapter.create({ model: 'twoFactor', data: { ...data, userId } });
  }
  await ctx.internalAdapter.updateUser(userId, { twoFactorEnabled: true });
}
