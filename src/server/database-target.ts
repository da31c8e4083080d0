import { resolve } from 'node:path';
import type { Config } from './config';
import type { DatabaseTarget } from './db/client';

export function databaseTarget(config: Config): DatabaseTarget {
  return config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
    : { kind: 'embedded', dataDir: resolve(config.SAMVERKA_DATA_DIR, 'pgdata') };
}
