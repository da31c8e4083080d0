import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { isConnectionLost } from '../../src/server/db/errors';
import { registerErrorHandling } from '../../src/server/http/error-handler';
import { openDatabase, type Database } from '../../src/server/db/client';
import { inContext } from '../../src/server/db/context';
import { membership, organisation } from '../../src/server/db/schema';
import { createAuth } from '../../src/server/auth/auth';
import { createBlindIndex } from '../../src/server/crypto/field-cipher';
import { generateSecretsForTest, type Secrets } from '../../src/server/crypto/secrets';
import { mintFormToken } from '../../src/server/modules/concerns/form-token';
import { createTenant } from '../../src/server/modules/tenants/create-tenant';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { TEST_PASSWORD } from '../factories';
import { testConfig } from '../support/config';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database';
import { pause, startServerProcess, type ServerProcess } from './server-process';

const SWEDISH_UNAVAILABLE = 'Tjänsten är inte tillgänglig just nu. Försök igen om en liten stund. Är det bråttom, ring 112.';

describe('what counts as a lost database connection', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  // Drizzle wraps the driver's error and quotes the query and its parameters in its own message.
  const wrapped = (cause: unknown, message = 'Failed query: select 1\nparams: ') => Object.assign(new Error(message), { cause });

  it('recognises a terminated backend, a shutdown, a refused or reset socket and pg’s own messages, also when wrapped', () => {
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P02'),
      pgError('57P03', 'the database system is starting up'),
      pgError('53300', 'sorry, too many clients already'),
      pgError('08006'),
      pgError('08P01'),
      Object.assign(pgError('55000', 'database "x" is not currently accepting connections'), { severity: 'FATAL' }),
      pgError('ECONNREFUSED'),
      pgError('ECONNRESET'),
      pgError('EPIPE'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      wrapped(pgError('57P01')),
      wrapped(new Error('Connection terminated unexpectedly')),
    ]) {
      expect(isConnectionLost(error), String((error as { code?: string }).code ?? error.message)).toBe(true);
    }
  });

  it('does not excuse a wrong statement, a bug, or a parameter that merely quotes pg’s words', () => {
    for (const error of [
      Object.assign(pgError('23505', 'duplicate key value violates unique constraint'), { severity: 'ERROR' }),
      pgError('42P01'),
      pgError('22021'),
      new Error('boom'),
      wrapped(pgError('23503')),
      wrapped(new Error('boom'), 'Failed query: select $1\nparams: Connection terminated unexpectedly'),
      null,
      undefined,
      'Connection terminated unexpectedly',
    ]) {
      expect(isConnectionLost(error)).toBe(false);
    }
  });

  it('answers a lost connection with 503 and the unavailable message in Swedish or English, and anything else still with 500', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    app.get('/lost', async () => {
      throw wrapped(pgError('57P01', 'terminating connection due to administrator command'));
    });
    app.get('/bug', async () => {
      throw new Error('boom');
    });
    const swedish = await app.inject({ method: 'GET', url: '/lost' });
    expect(swedish.statusCode).toBe(503);
    expect(swedish.json()).toEqual({ error: { code: 'unavailable', message: SWEDISH_UNAVAILABLE } });
    expect(swedish.headers['retry-after']).toBe('5');
    const english = await app.inject({ method: 'GET', url: '/lost', headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toBe('The service is not available right now. Try again in a little while. If it is urgent, call 112.');
    const bug = await app.inject({ method: 'GET', url: '/bug' });
    expect(bug.statusCode).toBe(500);
    expect(bug.json().error.code).toBe('internal');
    await app.close();
  });
});

// Bounds: every loop below ends by count and by time.
const WORKERS_PER_KIND = 4;
const MAX_REQUESTS_PER_WORKER = 3_000;
const LOAD_DEADLINE_MS = 60_000;
const MAX_TERMINATION_ROUNDS = 20;
const RECOVERY_BOUND_MS = 15_000;

type Kind = 'signed-in' | 'public';
interface Outcome {
  kind: Kind;
  at: number;
  status: number | null; // null: no HTTP answer at all
  code: string | null; // the error code of a 4xx/5xx body, or the network error
  message: string | null;
  receiptCode: string | null;
}

const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!baseUrl)('the app survives its database (PostgreSQL)', () => {
  let databaseUrl: string;
  let setup: Database;
  let server: ServerProcess;
  let secrets: Secrets;
  let tenantSlug: string;
  let memberHeaders: Record<string, string>;

  beforeAll(async () => {
    // A database of its own: terminating every backend of the shared test database would break the other test files.
    databaseUrl = (await createScratchDatabase('resilience'))!;
    setup = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 2 }, { migrate: true });
    secrets = generateSecretsForTest();
    const tenant = await createTenant(setup.db, { slug: `t-${randomUUID().slice(0, 8)}`, name: 'Motståndskraft kommun' });
    tenantSlug = tenant.slug;
    const email = `analytiker-${randomUUID().slice(0, 8)}@test.samverka.se`;
    const socialId = await inContext(setup.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const [social] = await tx.insert(organisation).values({ tenantId: tenant.id, name: 'Socialtjänsten', type: 'socialtjanst', isAuthority: true }).returning();
      return social!.id;
    });
    // A role without two-factor, so signing in over HTTP is one step.
    const auth = createAuth({ db: setup.db, config: testConfig(), secrets });
    const user = await createUserAccount(setup.db, auth, { email, name: 'Test analytiker', password: TEST_PASSWORD });
    const membershipId = await inContext(setup.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const [row] = await tx.insert(membership).values({ tenantId: tenant.id, userId: user.id, organisationId: socialId, role: 'analytiker' }).returning();
      return row!.id;
    });

    server = await startServerProcess({
      // application_name marks the app's connections, for the diagnostics below.
      databaseUrl: withApplicationName(databaseUrl, 'samverka-resilience-test'),
      secrets,
      env: {
        SAMVERKA_RATE_LIMIT_PER_MINUTE: '1000000',
        SAMVERKA_USER_RATE_LIMIT_PER_MINUTE: '1000000',
        SAMVERKA_SIGN_IN_RATE_LIMIT: '100000',
        SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1000000',
        SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '1000000',
        DATABASE_POOL_SIZE: '6',
      },
    });
    memberHeaders = await signIn(server.url, email, membershipId);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await setup?.close();
    await dropScratchDatabases('resilience');
  }, 60_000);

  it('keeps running when every backend is terminated under load, answers the requests caught in it with 503, recovers, and loses no acknowledged report', async () => {
    const blindIndex = createBlindIndex(secrets.blindIndexKey);
    const outcomes: Outcome[] = [];
    const stopAt = { time: Date.now() + LOAD_DEADLINE_MS, stopped: false };
    const running = () => !stopAt.stopped && Date.now() < stopAt.time;

    const signedInRequest = (n: number) =>
      observe('signed-in', () => fetch(`${server.url}${n % 2 === 0 ? '/api/session' : '/api/notifications'}`, { headers: memberHeaders }));
    const publicRequest = () =>
      observe('public', () =>
        fetch(`${server.url}/api/public/concerns`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(concernBody(tenantSlug, mintFormToken(blindIndex, Date.now() - 10_000))),
        }),
      );
    const worker = async (kind: Kind) => {
      for (let n = 0; n < MAX_REQUESTS_PER_WORKER && running(); n += 1) {
        outcomes.push(await (kind === 'public' ? publicRequest() : signedInRequest(n)));
      }
    };
    const workers = [...Array(WORKERS_PER_KIND)].flatMap(() => [worker('signed-in'), worker('public')]);
    const succeeded = (kind: Kind, after = 0) => outcomes.some((o) => o.kind === kind && o.at > after && o.status !== null && o.status < 300);

    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    let terminated = 0;
    let lastTermination = 0;
    try {
      await waitFor(() => succeeded('signed-in') && succeeded('public'), 20_000, () => `the load never got going: ${summary(outcomes)}`);
      const firstTermination = Date.now();
      for (let round = 0; round < MAX_TERMINATION_ROUNDS; round += 1) {
        // Every backend of the app's database: the app pool's (role samverka_app) and its owner pool's.
        const result = await admin.query<{ ok: boolean }>(
          'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [new URL(databaseUrl).pathname.slice(1)],
        );
        terminated += result.rows.filter((row) => row.ok).length;
        lastTermination = Date.now();
        await pause(150);
        if (round >= 2 && outcomes.some((o) => o.at > firstTermination && o.status === 503)) break;
      }

      // Recovery: both kinds of request succeed again, with no restart, within a generous bound.
      await waitFor(() => succeeded('signed-in', lastTermination) && succeeded('public', lastTermination), RECOVERY_BOUND_MS, () => `requests did not succeed again after the database came back: ${summary(outcomes)}`);
    } finally {
      stopAt.stopped = true;
      await Promise.all(workers);
      await admin.end();
    }

    const context = `server output:\n${server.output().slice(-4000)}`;
    expect(server.alive(), context).toBe(true);
    expect(terminated).toBeGreaterThan(0);

    // Every answer was a success or a clean 503 in Swedish: never a 500, a reset or a closed socket.
    const failures = outcomes.filter((o) => o.status === null || o.status >= 300);
    const unclean = failures.filter((o) => !(o.status === 503 && o.code === 'unavailable' && o.message === SWEDISH_UNAVAILABLE));
    expect(unclean, context).toEqual([]);
    expect(failures.length).toBeGreaterThan(0); // the drop did catch requests in flight

    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).database).toBe('postgres');

    // No acknowledged report is lost: every receipt answered with 201 can be looked up.
    const receipts = outcomes.flatMap((o) => (o.receiptCode ? [o.receiptCode] : []));
    expect(receipts.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const code of receipts) {
      const status = await fetch(`${server.url}/api/public/concerns/${encodeURIComponent(code)}`);
      if (status.status !== 200) missing.push(`${code}: ${status.status}`);
    }
    expect(missing).toEqual([]);
  }, 120_000);

  it('says the database is unavailable on /api/health while it cannot be reached, and ok again when it can', async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    const name = new URL(databaseUrl).pathname.slice(1);
    try {
      // New connections are refused while the database does not allow them: what a restart looks like from the pool.
      await admin.query(`alter database "${name}" with allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      const down = await fetch(`${server.url}/api/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', database: 'unavailable', version: expect.any(String) });
      const session = await fetch(`${server.url}/api/session`, { headers: memberHeaders });
      expect(session.status, server.output().slice(-3000)).toBe(503);
      expect((await session.json()).error.code).toBe('unavailable');
      // Sign-in goes through better-auth, which reports a lost connection as its own 500: still a 503 here.
      const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: 'nagon@example.se', password: 'ett-långt-lösenord-som-inte-spelar-roll' }),
      });
      expect(signIn.status, server.output().slice(-3000)).toBe(503);
      expect((await signIn.json()).error.code).toBe('unavailable');
      // better-auth's failed SQL carries the session token and the address as parameters: neither reaches the log.
      const token = decodeURIComponent(/session_token=([^;]+)/.exec(memberHeaders.cookie!)![1]!).split('.')[0]!;
      expect(server.output()).not.toContain(token);
      expect(server.output()).not.toContain('nagon@example.se');
    } finally {
      await admin.query(`alter database "${name}" with allow_connections true`);
      await admin.end();
    }
    await waitFor(async () => (await fetch(`${server.url}/api/health`)).status === 200, RECOVERY_BOUND_MS, 'health did not come back');
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', database: 'postgres', version: expect.any(String) });
    expect(server.alive(), server.output()).toBe(true);
  }, 60_000);
});

describe.skipIf(!baseUrl)('SIGTERM under keep-alive load (PostgreSQL)', () => {
  it('refuses requests on reused connections with 503 instead of resetting them, exits cleanly, and keeps every acknowledged report', async () => {
    const databaseUrl = (await createScratchDatabase('sigterm'))!;
    const setup = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 2 }, { migrate: true });
    const secrets = generateSecretsForTest();
    const blindIndex = createBlindIndex(secrets.blindIndexKey);
    const tenant = await createTenant(setup.db, { slug: `t-${randomUUID().slice(0, 8)}`, name: 'Avslut kommun' });
    await inContext(setup.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(organisation).values({ tenantId: tenant.id, name: 'Socialtjänsten', type: 'socialtjanst', isAuthority: true }),
    );
    const server = await startServerProcess({
      databaseUrl,
      secrets,
      env: { SAMVERKA_RATE_LIMIT_PER_MINUTE: '1000000', SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1000000' },
    });
    try {
      const outcomes: Outcome[] = [];
      // Each client keeps one connection alive (fetch's default) and stops at its first refusal, as a
      // client behind a load balancer would go elsewhere.
      const worker = async () => {
        for (let n = 0; n < MAX_REQUESTS_PER_WORKER; n += 1) {
          const outcome = await observe('public', () =>
            fetch(`${server.url}/api/public/concerns`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(concernBody(tenant.slug, mintFormToken(blindIndex, Date.now() - 10_000))),
            }),
          );
          outcomes.push(outcome);
          if (outcome.status !== 201) return;
        }
      };
      const workers = [...Array(WORKERS_PER_KIND * 2)].map(() => worker());
      await waitFor(() => outcomes.filter((o) => o.status === 201).length >= 40, 20_000, () => `the load never got going: ${summary(outcomes)}`);
      server.child.kill('SIGTERM');
      await Promise.all(workers);
      const exitCode = await Promise.race([server.exited, pause(30_000).then(() => 'still running')]);
      expect(exitCode, server.output()).toBe(0);

      // Every request got an answer: a receipt, or a clean refusal (503 while draining, or no connection at all).
      const unclean = outcomes.filter(
        (o) => !(o.status === 201 || (o.status === 503 && o.code === 'unavailable') || (o.status === null && o.code === 'ECONNREFUSED')),
      );
      expect(unclean, summary(outcomes)).toEqual([]);

      const acknowledged = outcomes.filter((o) => o.status === 201).length;
      const stored = await inContext(setup.db, { tenantId: tenant.id, userId: null }, async (tx) => {
        const result = await tx.execute<{ n: number }>(sql`select count(*)::int as n from concern where tenant_id = ${tenant.id}`);
        return result.rows[0]!.n;
      });
      expect(stored).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      await server.stop();
      await setup.close();
      await dropScratchDatabases('sigterm');
    }
  }, 120_000);
});

async function observe(kind: Kind, send: () => Promise<Response>): Promise<Outcome> {
  const at = Date.now();
  try {
    const response = await send();
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string }; receiptCode?: string } | null;
    return {
      kind,
      at,
      status: response.status,
      code: body?.error?.code ?? null,
      message: body?.error?.message ?? null,
      receiptCode: response.status === 201 ? (body?.receiptCode ?? null) : null,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind, at, status: null, code: cause?.code ?? cause?.message ?? String(error), message: null, receiptCode: null };
  }
}

async function waitFor(condition: () => boolean | Promise<boolean>, boundMs: number, failure: string | (() => string)): Promise<void> {
  const until = Date.now() + boundMs;
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    if (await condition()) return;
    if (Date.now() > until) break;
    await pause(100);
  }
  throw new Error(typeof failure === 'string' ? failure : failure());
}

/** How many answers of each kind and status, e.g. "public 201 ×40, public 503 unavailable ×3". */
function summary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = `${o.kind} ${o.status ?? 'no answer'}${o.code ? ` ${o.code}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`).join(', ');
}

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

async function signIn(url: string, email: string, membershipId: string): Promise<Record<string, string>> {
  const signedIn = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (signedIn.status !== 200) throw new Error(`sign-in failed (${signedIn.status}): ${await signedIn.text()}`);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-samverka-csrf': '1' };
  const chosen = await fetch(`${url}/api/session/membership`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ membershipId }),
  });
  if (chosen.status !== 200) throw new Error(`choosing the membership failed (${chosen.status}): ${await chosen.text()}`);
  return headers;
}

function concernBody(tenant: string, formToken: string): Record<string, unknown> {
  return {
    tenant,
    formToken,
    website: '',
    reporter: { role: 'foralder' },
    subject: { name: 'Kalle Demosson', approximateAge: 14, school: 'Demoskolan', whereSeen: 'Vid köpcentret på kvällarna' },
    categories: ['skolfranvaro', 'kriminellt_umgange'],
    description: 'Han har slutat gå till skolan och umgås med äldre killar som säljer.',
    place: 'Köpcentret Nian',
    occurredOn: '2026-11-20',
    guardiansKnow: 'vet_ej',
  };
}
