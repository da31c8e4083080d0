import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/main';
import { openDatabase } from '../../src/server/db/client';
import { generateSigningKey } from '../../src/server/audit/signing-key';
import type { Secrets } from '../../src/server/crypto/secrets';
import { readPgliteTemplate } from '../support/pglite-template';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database';
import { TestApp } from '../factories';

/**
 * A real Samverka installation for the federation test: startServer (src/server/main.ts) on its own
 * database (embedded: a data directory laid from the run's migrated template; PostgreSQL: a scratch
 * database beside TEST_DATABASE_URL), its own port, installation id and exchange key. It can be stopped
 * and started again on the same port and data, to play a partner that is down for a while.
 */
export interface Installation {
  installationId: string;
  url: string;
  running: RunningServer;
  /** Factories (tenants, members with sessions) over this server's app and database. */
  t: TestApp;
  privateKeyBase64: string;
  restart(): Promise<void>;
  pause(): Promise<void>;
  close(): Promise<void>;
}

export async function startInstallation(name: string): Promise<Installation> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const home = mkdtempSync(join(tmpdir(), `samverka-fed-${name}-`));
  const databaseUrl = await createScratchDatabase(`fed_${name}`);
  if (!databaseUrl) await layTemplate(join(home, 'pgdata'));
  const key = generateSigningKey();
  const secrets: Secrets = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32), authSecret: randomBytes(32).toString('base64url') };
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    SAMVERKA_PUBLIC_URL: url,
    SAMVERKA_DATA_DIR: home,
    SAMVERKA_DEMO: 'false',
    SAMVERKA_WEB_DIST: join(home, 'no-web-build'),
    SAMVERKA_ENCRYPTION_KEY: secrets.encryptionKey.toString('base64'),
    SAMVERKA_BLIND_INDEX_KEY: secrets.blindIndexKey.toString('base64'),
    SAMVERKA_AUTH_SECRET: secrets.authSecret,
    SAMVERKA_RATE_LIMIT_PER_MINUTE: '100000',
    SAMVERKA_SIGN_IN_RATE_LIMIT: '100000',
    SAMVERKA_AUTH_RATE_LIMIT_STORAGE: 'memory',
    SAMVERKA_AUDIT_CHECKPOINT_FILE: join(home, 'audit-checkpoints.jsonl'),
    SAMVERKA_RETENTION_NIGHTLY: 'false',
    SAMVERKA_INSTALLATION_ID: `${name}.samverka.test`,
    SAMVERKA_EXCHANGE_SIGNING_KEY: key.privateKeyBase64,
    SAMVERKA_EXCHANGE_OUTBOX_INTERVAL_SECONDS: '1',
    SAMVERKA_EXCHANGE_RETRY_SECONDS: '1',
    LOG_LEVEL: process.env.FEDERATION_TEST_LOG_LEVEL === 'error' ? 'error' : 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const start = async () => {
    let captured: Secrets | null = null;
    const running = await startServer({ config, beforeListen: async (server) => void (captured = server.secrets) });
    // TestApp's constructor is private to keep tests from building half an app; here the app is a real server's.
    const Make = TestApp as unknown as new (...args: unknown[]) => TestApp;
    return { running, t: new Make(running.app, running.database, config, captured!) };
  };
  let current: Awaited<ReturnType<typeof start>> | null = await start();
  const installation: Installation = {
    installationId: config.SAMVERKA_INSTALLATION_ID!,
    url,
    get running() {
      return current!.running;
    },
    get t() {
      return current!.t;
    },
    privateKeyBase64: key.privateKeyBase64,
    async pause() {
      await current?.running.stop();
      current = null;
    },
    async restart() {
      current = await start();
    },
    async close() {
      await installation.pause();
      rmSync(home, { recursive: true, force: true });
      if (databaseUrl) await dropScratchDatabases(`fed_${name}`);
    },
  };
  return installation;
}

async function layTemplate(dataDir: string): Promise<void> {
  const template = inject('pgliteTemplate');
  if (!template) return;
  const database = await openDatabase({ kind: 'embedded', dataDir }, { loadFrom: readPgliteTemplate(template) });
  await database.close();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Waits for `check` to hold, looking every 200 ms; fails with `what` after `limitMs` (a hang, not a timing assertion). */
export async function until(what: string, check: () => Promise<boolean>, limitMs = 30_000): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
