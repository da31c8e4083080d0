import { sql } from 'drizzle-orm';
import type { Database } from './client';

/** A load balancer or a waiting user gives a few seconds at most. */
const DATABASE_CHECK_TIMEOUT_MS = 3_000;

/**
 * Does the database answer a trivial query within a few seconds? Used where a failure has been
 * reported without its cause (the health check; better-auth, which turns a lost connection into its
 * own 500) to tell "the database is away" (503) from a fault of ours (500).
 */
export async function databaseAnswers(database: Database, timeoutMs = DATABASE_CHECK_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const check = database.db.execute(sql`select 1`).then(
    () => true,
    () => false, // any failure means "not usable now"; the cause is the database's, not the caller's
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
