// Public concern submissions (POST /api/public/concerns) against PostgreSQL: throughput, latency,
// and afterwards the rows counted: exactly as many stored as acknowledged. Run by `npm run bench`
// (run.ts calls runConcernBench), or alone with `npx tsx test/bench/concerns.ts`.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_TENANT } from '../../src/server/modules/demo/demo-data';
import { createBlindIndex } from '../../src/server/crypto/field-cipher';
import { receiptHash } from '../../src/server/modules/concerns/receipt-code';
import { normaliseReceiptCode } from '../../src/shared/concerns';
import { freePort, startServerProcess, usageOf, type ServerProcess } from './processes';
import { prepareDatabase, seedBenchData, type BenchData } from './setup';
import { generateSigningKey } from '../../src/server/audit/signing-key';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ConcernBenchResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** 201 answers, warm-up included: each one is a receipt shown to a reporter. */
  acknowledged: number;
  /** Concerns in the database afterwards (minus those before the run). */
  stored: number;
  /** Receipts handed out whose concern is not in the database: must be 0. */
  lost: number;
  cpuMsPerRequest: number;
  queriesPerRequest: number;
  connections: number;
  seconds: number;
  loadAverage: number;
}

export const CONCERN_TARGETS = { rps: 1000, p99Ms: 50, lost: 0 };
/**
 * Little's law: at 1,000 submissions/s, 16 connections wait 16 ms on average. More connections
 * only queue longer (the pool has 20) and would put a p99 of 50 ms out of reach by arithmetic.
 */
const CONNECTIONS = Number(process.env.BENCH_CONCERN_CONNECTIONS ?? 16);

/**
 * Reports already in the channel when the run starts: a few years of a large municipality's intake.
 * A channel never measured empty: PostgreSQL plans a connection's statements once, and plans made
 * against empty tables (no statistics yet) are not the ones a running installation uses.
 */
const HISTORY = Number(process.env.BENCH_CONCERN_HISTORY ?? 20_000);

/** Earlier reports of the demo tenant, with their timeline, then fresh statistics on every table the intake writes. */
async function seedIntakeHistory(url: string, count: number): Promise<void> {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    const tenant = await owner.query<{ id: string }>('select id from tenant where slug = $1', [DEMO_TENANT.slug]);
    await owner.query(
      `with earlier as (
         insert into concern (tenant_id, kind, receipt_hash, receiving_organisation_id, status, description_encrypted, received_at, status_changed_at, updated_at)
         select $1, 'person', 'history-' || i, intake.id, 'avslutad', 'history', now() - i * interval '1 hour', now(), now()
         from generate_series(1, $2::int) i,
           (select id from organisation where tenant_id = $1 and type = 'socialtjanst' and active order by created_at, id limit 1) intake
         returning tenant_id, id, received_at
       )
       insert into concern_event (tenant_id, concern_id, type, occurred_at) select tenant_id, id, 'received', received_at from earlier`,
      [tenant.rows[0]!.id, count],
    );
    await owner.query('analyze concern, concern_event, notification, email_outbox, audit_event, audit_chain_head');
  } finally {
    await owner.end();
  }
}

/** A realistic concern: a parent, two categories, a few hundred characters of text. */
const submission = (formToken: string) =>
  JSON.stringify({
    tenant: DEMO_TENANT.slug,
    formToken,
    website: '',
    language: 'sv',
    reporter: { role: 'foralder', contact: { name: 'Förälder Benchsson', phone: '070-123 45 67' } },
    subject: { name: 'Ung person (bench)', approximateAge: 15, school: 'Demoskolan Norr', whereSeen: 'Vid centrum efter skolan' },
    categories: ['skolfranvaro', 'kriminellt_umgange'],
    description:
      'Min sons kompis har slutat komma till skolan och är ofta ute sent med äldre killar som verkar sälja. ' +
      'Han har fått nya dyra kläder och en ny telefon, och han verkar rädd när vi frågar. Föräldrarna jobbar natt ' +
      'och vet kanske inte. Jag vill att någon som kan hjälpa honom får veta detta. '.repeat(2),
    place: 'Centrum, vid busshållplatsen',
    occurredOn: new Date().toISOString().slice(0, 10),
    guardiansKnow: 'vet_ej',
  });

export async function runConcernBench(options: { url: string; data: BenchData; seconds: number; warmup: number; logLevel: string }): Promise<ConcernBenchResult> {
  const { url, data, seconds, warmup, logLevel } = options;
  const blindIndex = createBlindIndex(data.secrets.blindIndexKey);
  await seedIntakeHistory(url, HISTORY);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const app: ServerProcess = await startServerProcess('./app-server.ts', {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '20',
    HOST: '127.0.0.1',
    PORT: String(port),
    SAMVERKA_PUBLIC_URL: appUrl,
    SAMVERKA_ENCRYPTION_KEY: data.secrets.encryptionKey.toString('base64'),
    SAMVERKA_BLIND_INDEX_KEY: data.secrets.blindIndexKey.toString('base64'),
    SAMVERKA_AUTH_SECRET: data.secrets.authSecret,
    // Production refuses to start without audit checkpoints: a fresh key, a file of its own.
    SAMVERKA_AUDIT_SIGNING_KEY: generateSigningKey().privateKeyBase64,
    SAMVERKA_AUDIT_CHECKPOINT_FILE: join(mkdtempSync(join(tmpdir(), 'samverka-bench-')), 'audit-checkpoints.jsonl'),
    SAMVERKA_DEMO: 'false',
    SAMVERKA_RATE_LIMIT_PER_MINUTE: '1000000000',
    SAMVERKA_USER_RATE_LIMIT_PER_MINUTE: '1000000000',
    // The public limits out of reach, counted in memory: the bench measures the submission itself.
    SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: 'memory',
    SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1000000000',
    SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '1000000000',
    SAMVERKA_WEB_DIST: `/nonexistent-${randomUUID()}`,
    LOG_LEVEL: logLevel,
  }, process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    const countConcerns = async () => Number((await owner.query<{ n: string }>("select count(*) as n from concern where kind = 'person'")).rows[0]!.n);
    const before = await countConcerns();

    // The timing check stays on: one real form token, used once it is old enough (tokens are not single-use).
    const token = (await (await fetch(`${appUrl}/api/public/form-token`)).json()) as { token: string; notBefore: string };
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(token.notBefore).getTime() - Date.now()) + 200));
    const body = submission(token.token);
    const probe = await fetch(`${appUrl}/api/public/concerns`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (probe.status !== 201) throw new Error(`POST /api/public/concerns answered ${probe.status}: ${await probe.text()}`);

    // Every receipt handed out, to look each one up in the database afterwards.
    const answers: string[] = [await probe.text()];
    const load = (duration: number) => {
      // autocannon takes `requests` with a response hook; test/bench/autocannon.d.ts declares only what GET runs need.
      const post: Parameters<typeof autocannon>[0] & { requests: object[] } = {
        url: appUrl,
        requests: [
          {
            method: 'POST',
            path: '/api/public/concerns',
            body,
            headers: { 'content-type': 'application/json' },
            // Kept as text and read after the run: the load generator shares the two CPUs with what it measures.
            onResponse: (status: number, responseBody: string | Buffer) => {
              if (status === 201) answers.push(String(responseBody));
            },
          },
        ],
        connections: CONNECTIONS,
        duration,
        timeout: 10,
      };
      return autocannon(post);
    };
    process.stderr.write(`Public concern submissions: ${CONNECTIONS} connections, ${seconds} s after ${warmup} s warm-up ...\n`);
    const warm = await load(warmup);
    const usageBefore = await usageOf(app);
    const result = await load(seconds);
    const usageAfter = await usageOf(app);
    // Let every request in flight finish before counting.
    await app.stop();
    const stored = (await countConcerns()) - before;
    const acknowledged = 1 + warm['2xx'] + result['2xx'];
    const receipts = answers.map((answer) => (JSON.parse(answer) as { receiptCode: string }).receiptCode);
    if (receipts.length !== acknowledged) throw new Error(`${acknowledged} answers of 201 but ${receipts.length} receipts read`);
    // Lost: a receipt shown whose concern is not in the database.
    const hashes = receipts.map((code) => receiptHash(blindIndex, normaliseReceiptCode(code)!));
    const found = Number((await owner.query<{ n: string }>('select count(*) as n from concern where receipt_hash = any($1::text[])', [hashes])).rows[0]!.n);
    const requests = Math.max(1, result.requests.total);
    return {
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      acknowledged,
      stored,
      lost: acknowledged - found,
      cpuMsPerRequest: (usageAfter.cpuMs - usageBefore.cpuMs) / requests,
      queriesPerRequest: (usageAfter.queries - usageBefore.queries) / requests,
      connections: CONNECTIONS,
      seconds,
      loadAverage: loadavg()[0]!,
    };
  } finally {
    await owner.end();
    await app.stop();
  }
}

const SECTION_HEADING = '## Public concern submissions';

/** Replaces (or adds, after the API throughput section) this scenario's section of docs/BENCHMARKS.md. */
export function writeConcernSection(path: string, r: ConcernBenchResult): void {
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const section = `${SECTION_HEADING}

Generated by \`npm run bench\` (test/bench/concerns.ts) on ${new Date().toISOString().slice(0, 10)}.

The real application (same settings as above) taking \`POST /api/public/concerns\` from the public form: a parent's
concern of about 900 characters. Each submission validates the body, checks the signed form token (the timing check
stays on), encrypts four fields, is routed, and is stored with its timeline entry, the in-app notifications and
e-mail outbox rows for the intake unit, and a hash-chained audit event, all in one transaction, and only then answers
201 with the receipt. The e-mail sender runs as in production (SMTP not configured: it writes to the log). The
per-IP limit is set out of reach (counted in memory) for the run. The channel already holds ${HISTORY.toLocaleString('en')} earlier
reports, analysed. autocannon uses ${r.connections} connections for ${r.seconds} s after a warm-up. Afterwards every receipt handed
out is looked up in the database.

| req/s | p50 ms | p99 ms | errors | acknowledged (201) | stored | lost | server CPU ms/request | DB round trips/request |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.acknowledged} | ${r.stored} | ${r.lost} | ${r.cpuMsPerRequest.toFixed(3)} | ${r.queriesPerRequest.toFixed(1)} |

- Throughput: **${r.rps} submissions/s** (target >= ${CONCERN_TARGETS.rps}: ${met(r.rps >= CONCERN_TARGETS.rps)})
- p99: **${r.p99} ms** (target <= ${CONCERN_TARGETS.p99Ms} ms: ${met(r.p99 <= CONCERN_TARGETS.p99Ms)})
- Lost (a receipt handed out, its concern not in the database; every receipt is looked up by its hash): **${r.lost}** (target ${CONCERN_TARGETS.lost}: ${met(r.lost === CONCERN_TARGETS.lost)})${
    r.stored > r.acknowledged
      ? `; ${r.stored - r.acknowledged} stored more than the answers counted: the requests still in flight when autocannon stopped (warm-up and run), committed and answered, but no longer read`
      : ''
  }
- Load average at the end: ${r.loadAverage.toFixed(1)}. Submissions are written by group commit
  (\`concerns/intake-batch.ts\`, \`write-reports.ts\`): those arriving while earlier ones are written share ONE
  statement, \`app_intake_public_batch\` (migration 0012), which is its own transaction: RLS context, reports and
  timeline, notifications and outbox, the chained audit events. Its plans are made once per connection. Each receipt
  is answered after that commit, and a failed batch is written again report by report.
- What bounds it: the two CPUs, shared by Node.js, PostgreSQL and autocannon. The Node.js process spends its CPU on
  the request itself (HTTP, validation, the form token, four field encryptions, the receipt's blind index) and on
  socket writes.
`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(`\n${SECTION_HEADING}\n`);
  if (start >= 0) {
    const next = current.indexOf('\n## ', start + SECTION_HEADING.length + 1);
    writeFileSync(path, `${current.slice(0, start).trimEnd()}\n\n${section}${next >= 0 ? `\n${current.slice(next).replace(/^\n+/, '')}` : ''}`);
    return;
  }
  const api = current.indexOf('\n## API throughput\n');
  const afterApi = api >= 0 ? current.indexOf('\n## ', api + 2) : -1;
  if (afterApi >= 0) writeFileSync(path, `${current.slice(0, afterApi).trimEnd()}\n\n${section}\n${current.slice(afterApi).replace(/^\n+/, '')}`);
  else writeFileSync(path, `${current.trimEnd()}\n\n${section}`);
}

// Alone: prepare and seed the bench database, run this scenario, print one JSON line.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/samverka_bench_concerns';
  const run = async () => {
    await prepareDatabase(url);
    const data = await seedBenchData(url);
    const result = await runConcernBench({ url, data, seconds: Number(process.env.BENCH_SECONDS ?? 10), warmup: Number(process.env.BENCH_WARMUP_SECONDS ?? 3), logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn' });
    if (process.env.BENCH_WRITE_DOC === '1') writeConcernSection(fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url)), result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`Concern benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
