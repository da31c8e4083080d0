import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../../src/server/config';
import { startServer, type RunningServer } from '../../../src/server/main';
import { openDatabase, type Database } from '../../../src/server/db/client';
import { readPgliteTemplate } from '../../support/pglite-template';
import type { Secrets } from '../../../src/server/crypto/secrets';
import { WEB_DIST } from './web-build';

export interface TestServer {
  /** The origin the browser uses, e.g. http://127.0.0.1:41234. */
  url: string;
  config: Config;
  database: Database;
  secrets: Secrets;
  stop(): Promise<void>;
}

/** A free TCP port. The server must know its own public URL (better-auth checks Origin), so PORT=0 will not do. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Lays the run's migrated template database (made in global setup) into the data directory, so the
 * server finds a database whose migrations are all applied instead of running initdb and every
 * migration on disk. The server still runs `migrate` on start, as `npm start` does.
 */
async function layTemplateDatabase(dataDir: string): Promise<void> {
  const template = inject('pgliteTemplate');
  if (!template) return;
  const database = await openDatabase({ kind: 'embedded', dataDir: join(dataDir, 'pgdata') }, { loadFrom: readPgliteTemplate(template) });
  await database.close();
}

/**
 * The real server (src/server/main.ts) on a fresh embedded database in a temporary directory, serving
 * the built web client from dist/web. One per journey file.
 */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samverka-browser-'));
  await layTemplateDatabase(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    SAMVERKA_PUBLIC_URL: url,
    SAMVERKA_DATA_DIR: dataDir,
    SAMVERKA_DEMO: 'false',
    SAMVERKA_WEB_DIST: WEB_DIST,
    SAMVERKA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SAMVERKA_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    SAMVERKA_AUTH_SECRET: randomBytes(32).toString('base64url'),
    SAMVERKA_RATE_LIMIT_PER_MINUTE: '100000',
    SAMVERKA_SIGN_IN_RATE_LIMIT: '1000',
    SAMVERKA_AUTH_RATE_LIMIT_STORAGE: 'memory',
    SAMVERKA_AUDIT_CHECKPOINT_FILE: join(dataDir, 'audit-checkpoints.jsonl'),
    LOG_LEVEL: process.env.JOURNEY_LOG_LEVEL ?? 'silent',
    ...overrides,
  });
  let captured: { database: Database; secrets: Secrets } | null = null;
  const running: RunningServer = await startServer({
    config,
    beforeListen: async ({ database, secrets }) => {
      captured = { database, secrets };
    },
  });
  const { database, secrets } = captured!;
  return {
    url,
    config,
    database,
    secrets,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
