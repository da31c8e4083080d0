import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { BlindIndex } from '../../crypto/field-cipher';
import type { Config } from '../../config';

/**
 * Per-client limits on the public endpoints, in fixed one-hour windows. The key is an HMAC of the
 * bucket and the client address, so neither the table nor memory holds a reporter's IP.
 */
export type RateBucket = 'submission' | 'status';

export interface PublicRateLimiter {
  /** Counts one request; false when the client is over its limit for the bucket. */
  allow(bucket: RateBucket, ip: string): Promise<boolean>;
}

const WINDOW_SECONDS = 3600;
const NAMESPACE = 'public-rate-limit';

export function createPublicRateLimiter(config: Config, database: Database, blindIndex: BlindIndex): PublicRateLimiter {
  const limits: Record<RateBucket, number> = {
    submission: config.SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR,
    status: config.SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR,
  };
  const keyOf = (bucket: RateBucket, ip: string) => blindIndex.compute(NAMESPACE, `${bucket}:${ip}`);
  const count = config.SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE === 'memory' ? memoryCounter() : databaseCounter(database);
  return {
    async allow(bucket, ip) {
      return (await count(keyOf(bucket, ip))) <= limits[bucket];
    },
  };
}

type Counter = (key: string) => Promise<number>;

/** One statement, outside any request transaction: a refused or failed submission still counts. */
function databaseCounter(database: Database): Counter {
  let calls = 0;
  return async (key) => {
    calls += 1;
    if (calls % 500 === 0) {
      // Now and then, forget windows that ended long ago.
      await database.db.execute(sql`delete from public_rate_limit where window_start < now() - make_interval(secs => ${WINDOW_SECONDS * 2})`);
    }
    const result = await database.db.execute<{ count: number }>(sql`
      insert into public_rate_limit as r (key, window_start, count) values (${key}, now(), 1)
      on conflict (key) do update set
        count = case when r.window_start <= now() - make_interval(secs => ${WINDOW_SECONDS}) then 1 else r.count + 1 end,
        window_start = case when r.window_start <= now() - make_interval(secs => ${WINDOW_SECONDS}) then now() else r.window_start end
      returning count`);
    return Number(result.rows[0]!.count);
  };
}

function memoryCounter(): Counter {
  const windows = new Map<string, { start: number; count: number }>();
  return async (key) => {
    const now = Date.now();
    if (windows.size > 100_000) {
      for (const [k, w] of windows) if (now - w.start >= WINDOW_SECONDS * 1000) windows.delete(k);
    }
    const current = windows.get(key);
    if (!current || now - current.start >= WINDOW_SECONDS * 1000) {
      windows.set(key, { start: now, count: 1 });
      return 1;
    }
    current.count += 1;
    return current.count;
  };
}
