import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Secrets } from '../../src/server/crypto/secrets';

/**
 * The real server (`samverka serve`) as a child process, so a test can see whether the process
 * itself survives (an unhandled 'error' event ends a process, not a promise) and can signal it.
 */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the server wrote, for a failing test's message. */
  output(): string;
  alive(): boolean;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export async function startServerProcess(options: { databaseUrl: string; secrets: Secrets; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const home = mkdtempSync(join(tmpdir(), 'samverka-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SAMVERKA_PUBLIC_URL: url,
      DATABASE_URL: options.databaseUrl,
      SAMVERKA_ENCRYPTION_KEY: options.secrets.encryptionKey.toString('base64'),
      SAMVERKA_BLIND_INDEX_KEY: options.secrets.blindIndexKey.toString('base64'),
      SAMVERKA_AUTH_SECRET: options.secrets.authSecret,
      SAMVERKA_DEMO: 'false',
      SAMVERKA_DATA_DIR: join(home, 'data'),
      SAMVERKA_WEB_DIST: join(home, 'no-web-build'),
      SAMVERKA_RETENTION_NIGHTLY: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;

  const until = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!alive()) throw new Error(`the server exited while starting:\n${output}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    const health = await fetch(`${url}/api/health`).catch(() => null);
    if (health?.status === 200) break;
    await pause(200);
  }

  return {
    url,
    child,
    output: () => output,
    alive,
    exited,
    async stop() {
      if (alive()) {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
