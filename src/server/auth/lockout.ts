import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInFailure } from '../db/schema';

export interface LockoutSettings {
  maxFailures: number;
  lockoutMinutes: number;
}

export interface Lock {
  lockedUntil: Date;
  retryAfterSeconds: number;
}

/**
 * Temporary lockout after repeated failed sign-ins, per e-mail address. Rows are keyed by an HMAC of
 * the normalised address, never the address itself, and an unknown address is counted exactly like a
 * known one, so neither the table nor the answers reveal whether an account exists.
 */
export interface SignInLockout {
  /** The lock in force for this address, or null. */
  lockOf(email: string): Promise<Lock | null>;
  /** Counts one failure; returns the lock when this failure used up the allowance. */
  recordFailure(email: string): Promise<Lock | null>;
  /** A successful sign-in starts the count afresh. */
  reset(email: string): Promise<void>;
  /** The key of an address in the table (exported for tests and the CLI, never the address itself). */
  keyOf(email: string): string;
}

/** Lower case, trimmed, one Unicode form: the same person typing the same address gets the same key. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export function createSignInLockout(db: Db, secret: string, settings: LockoutSettings): SignInLockout {
  const windowMs = settings.lockoutMinutes * 60_000;
  const keyOf = (email: string) => createHmac('sha256', secret).update(`samverka/sign-in-failure/v1\u0000${normaliseEmail(email)}`).digest('base64url');
  const lockFrom = (lockedUntil: Date | null, now: number): Lock | null =>
    lockedUntil && lockedUntil.getTime() > now ? { lockedUntil, retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now) / 1000) } : null;

  return {
    keyOf,

    async lockOf(email) {
      const [row] = await db.select({ lockedUntil: signInFailure.lockedUntil }).from(signInFailure).where(eq(signInFailure.emailHash, keyOf(email))).limit(1);
      return lockFrom(row?.lockedUntil ?? null, Date.now());
    },

    async recordFailure(email) {
      const emailHash = keyOf(email);
      const now = Date.now();
      // Failures older than one lockout period no longer count: five typos over a month lock nobody out.
      const countFrom = new Date(now - windowMs).toISOString();
      const [row] = await db
        .insert(signInFailure)
        .values({ emailHash, failures: 1, lastFailureAt: new Date(now) })
        .onConflictDoUpdate({
          target: signInFailure.emailHash,
          set: {
            failures: sql`case when ${signInFailure.lastFailureAt} < ${countFrom}::timestamptz then 1 else ${signInFailure.failures} + 1 end`,
            lastFailureAt: new Date(now),
          },
        })
        .returning({ failures: signInFailure.failures });
      if ((row?.failures ?? 0) < settings.maxFailures) return null;
      // The lock starts a fresh allowance once it ends.
      const lockedUntil = new Date(now + windowMs);
      await db.update(signInFailure).set({ lockedUntil, failures: 0 }).where(eq(signInFailure.emailHash, emailHash));
      return lockFrom(lockedUntil, now);
    },

    async reset(email) {
      await db.delete(signInFailure).where(eq(signInFailure.emailHash, keyOf(email)));
    },
  };
}
