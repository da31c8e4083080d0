import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database';

/**
 * The `samverka` command as an operator runs it: a child process with its own environment, on the
 * database kind under test (a temporary embedded data directory, or scratch PostgreSQL databases).
 */
const root = process.cwd();
let dir: string;
let source: Record<string, string>;
let target: Record<string, string>;
let targetUrl: string | null = null;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function samverka(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdin.end();
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverka-cli-'));
  const sourceUrl = await createScratchDatabase('cli_src');
  targetUrl = await createScratchDatabase('cli_dst');
  if (sourceUrl && targetUrl) {
    const keys = {
      SAMVERKA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SAMVERKA_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      SAMVERKA_AUTH_SECRET: randomBytes(32).toString('base64url'),
    };
    source = { ...keys, DATABASE_URL: sourceUrl };
    target = { ...keys, DATABASE_URL: targetUrl };
  } else {
    source = { SAMVERKA_DATA_DIR: join(dir, 'source') };
    // Same keys as the source (restoring needs them): the embedded demo keeps them in its data directory.
    target = { SAMVERKA_DATA_DIR: join(dir, 'target') };
  }
});
afterAll(async () => {
  await dropScratchDatabases('cli_src', 'cli_dst');
  rmSync(dir, { recursive: true, force: true });
});

describe('samverka CLI', () => {
  it('prints help for itself and every command, exiting 0', async () => {
    const commands = [[], ['serve'], ['migrate'], ['seed-demo'], ['demo', 'totp'], ['tenant', 'create'], ['user', 'create'], ['audit', 'verify'], ['backup'], ['restore']];
    const results = await Promise.all(commands.map((command) => samverka([...command, '--help'])));
    results.forEach((result, i) => {
      expect(result.status, commands[i]!.join(' ')).toBe(0);
      expect(result.stdout).toContain(`Usage: samverka${commands[i]!.map((word) => ` ${word}`).join('')}`);
    });
    for (const command of ['serve', 'migrate', 'seed-demo', 'backup', 'restore', 'user', 'tenant', 'audit', 'demo']) {
      expect(results[0]!.stdout).toContain(command);
    }
  });

  it('refuses an invalid configuration with one line naming the variable, exit 1', async () => {
    const result = await samverka(['serve'], { PORT: 'abc', SAMVERKA_DATA_DIR: join(dir, 'never') });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    const bad = await samverka(['migrate'], { SAMVERKA_DEMO: 'maybe', SAMVERKA_DATA_DIR: join(dir, 'never') });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^[^\n]*SAMVERKA_DEMO[^\n]*$/);
  });

  it('serves, seeding the demo once and printing the URL and the demo sign-ins; stops on SIGTERM', async () => {
    const env = { ...source, PORT: '0', HOST: '127.0.0.1', SAMVERKA_WEB_DIST: join(dir, 'no-web') };
    const first = await serveUntilListening(env);
    expect(first.output).toMatch(/koordinator@demo\.samverka\.se/);
    expect(first.output).toMatch(/Password \(every demo user\):\s+demo-/);
    expect(first.output).toMatch(/otpauth:\/\/totp\//);
    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    if (!targetUrl) {
      // PGlite's files belong to one process: a second command must not open them under the server.
      const beside = await samverka(['backup', join(dir, 'beside.jsonl.gz')], source);
      expect(beside.status).toBe(1);
      expect(beside.stderr).toMatch(/in use by process \d+/);
    }
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);

    const off = await samverka(['seed-demo'], source);
    expect(off.status).toBe(0);
    expect(off.stderr).toContain('Demo tenant already present');
    const code = await samverka(['demo', 'totp'], source);
    expect(code.stdout.trim()).toMatch(/^\d{6}$/);
  }, 120_000);

  it('creates tenants and users, verifies the audit log, and round-trips a backup', async () => {
    const tenant = await samverka(['tenant', 'create', '--slug', 'ovanaker', '--name', 'Ovanåker'], source);
    expect(tenant.status, tenant.stderr).toBe(0);
    const duplicate = await samverka(['tenant', 'create', '--slug', 'ovanaker', '--name', 'Igen'], source);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    const admin = await samverka(['user', 'create', '--email', 'Admin@Ovanaker.example', '--name', 'Ada Admin', '--password', 'ett-långt-lösenord', '--tenant', 'ovanaker', '--admin'], source);
    expect(admin.status, admin.stderr).toBe(0);
    expect(admin.stdout).toMatch(/Membership: administrator in Administration/);
    const short = await samverka(['user', 'create', '--email', 'b@ovanaker.example', '--name', 'B', '--password', 'kort'], source);
    expect(short.status).toBe(1);

    const verified = await samverka(['audit', 'verify'], source);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/gavle-demo \(Gävle \(demo\)\): \d+ events checked, intact/);
    expect(verified.stdout).toMatch(/ovanaker \(Ovanåker\): 1 events checked, intact/);

    const file = join(dir, 'backup.jsonl.gz');
    const backup = await samverka(['backup', file], source);
    expect(backup.status, backup.stderr).toBe(0);
    expect((await samverka(['backup', file], source)).status).toBe(1); // never overwrites by accident
    if (!targetUrl) {
      // The embedded target gets the source's keys, as an operator would copy them.
      mkdirSync(target.SAMVERKA_DATA_DIR!, { recursive: true });
      copyFileSync(join(source.SAMVERKA_DATA_DIR!, 'secrets.json'), join(target.SAMVERKA_DATA_DIR!, 'secrets.json'));
    }
    const restored = await samverka(['restore', file], target);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Audit chains verified: \d+ events in 3 tenants and the security log, all intact/); // the demo's Gävle and Sandviken, and Ovanåker
    const again = await samverka(['restore', file], target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds data.*--force/);
    expect((await samverka(['restore', file, '--force'], target)).status).toBe(0);

    await tamperWithAuditLog(target);
    const broken = await samverka(['audit', 'verify', '--tenant', 'ovanaker'], target);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/ovanaker \(Ovanåker\): 0 events checked, BROKEN at lane \d+, seq 1: hash_mismatch/);
  }, 180_000);
});

/** What an attacker with database access would do: rewrite an event behind the trigger's back. */
async function tamperWithAuditLog(env: Record<string, string>): Promise<void> {
  const statements = [
    'alter table audit_event disable trigger audit_event_append_only',
    `update audit_event set action = 'tampered' where tenant_id = (select id from tenant where slug = 'ovanaker')`,
    'alter table audit_event enable trigger audit_event_append_only',
  ];
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    for (const statement of statements) await client.query(statement);
    await client.end();
  } else {
    const db = new PGlite(join(env.SAMVERKA_DATA_DIR!, 'pgdata'));
    for (const statement of statements) await db.exec(statement);
    await db.close();
  }
}

async function serveUntilListening(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'silent', ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      // The sign-ins follow the URL; wait for their last line.
      if (url && output.includes('SAMVERKA_DEMO=false')) resolve({ child, url, output });
    });
    child.on('close', (status) => reject(new Error(`serve exited with ${status}: ${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (status) => resolve(status)));
}
