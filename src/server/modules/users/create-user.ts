import { eq } from 'drizzle-orm';
import type { Auth } from '../../auth/auth';
import type { Db } from '../../db/client';
import { user } from '../../db/schema';
import { conflict } from '../../http/errors';

export interface NewUser {
  email: string;
  name: string;
  /** Omitted for an invitation: the user sets it through a one-time link. */
  password?: string;
  locale?: 'sv' | 'en';
}

/**
 * Creates a user account through better-auth's own adapter and password hasher (self sign-up is off).
 * Refuses an e-mail address already in use.
 */
export async function createUserAccount(db: Db, auth: Auth, input: NewUser): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  if (existing) throw conflict({ email: 'email_taken' });
  const ctx = await auth.$context;
  const created = await ctx.internalAdapter.createUser(
    { email, name: input.name.trim(), locale: input.locale ?? 'sv', active: true, emailVerified: true },
    { method: 'admin' },
  );
  if (input.password) {
    await ctx.internalAdapter.linkAccount({
      userId: created.id,
      providerId: 'credential',
      accountId: created.id,
      password: await ctx.password.hash(input.password),
    });
  }
  return { id: created.id, email: created.email };
}
