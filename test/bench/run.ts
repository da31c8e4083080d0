// `npm run bench`: the bare baseline and the real, authenticated, audited person read, measured in
// the same run on the same machine. Ends with one JSON line. Only ever talks to 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { prepareDatabase, seedBenchData } from './setup';
import { signInCoordinator, signInDemoUser } from './sign-in';
import { freePort, startServerProcess, type ServerProcess } from './processes';
import { measure } from './load';
import { TARGETS, writeBenchmarksDoc } from './report';
import { runConcernBench, writeConcernSection } from './concerns';
import { coverageLine, runCoverageBench } from './coverage';
import { runScaleBench, writeScaleSection, type ScaleResult } from './scale';
import { runLagesbildSection } from './lagesbild-section';
import { generateSigningKey } from '../../src/server/audit/signing-key';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/samverka_bench';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
/** Set to a directory to write a CPU profile of the application server (open it in Chrome DevTools). */
const profileDir = process.env.BENCH_PROFILE_DIR;
const docPath = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));

const running: ServerProcess[] = [];
/** The scale section (test/bench/scale.ts) seeds millions of rows: BENCH_SCALE=0 leaves it out. */
const withScale = process.env.BENCH_SCALE !== '0';
const scaleSeconds = Number(process.env.BENCH_SCALE_SECONDS ?? 5);
// The run stops by itself whatever happens: a hung server must not keep it alive. Seeding L takes a while.
/**
 * The weekly lägesbild at 10 M events (PostgreSQL) and 1 M (PGlite), test/bench/lagesbild.ts: BENCH_LAGESBILD=0
 * leaves it out, BENCH_ONLY=lagesbild runs nothing else. Seeding 10 M events takes about ten minutes.
 */
const onlyLagesbild = process.env.BENCH_ONLY === 'lagesbild';
const withLagesbild = onlyLagesbild || process.env.BENCH_LAGESBILD !== '0';
const deadlineMinutes = (onlyLagesbild ? 0 : withScale ? 70 : 10) + (withLagesbild ? 60 : 0);
const deadline = setTimeout(() => {
  process.stderr.write(`Benchmark took longer than ${deadlineMinutes} minutes: stopping.\n`);
  for (const server of running) server.child.kill('SIGKILL');
  process.exit(1);
}, deadlineMinutes * 60_000);
deadline.unref();

async function main(): Promise<void> {
  if (onlyLagesbild) {
    const lagesbild = await runLagesbildSection(url);
    process.stdout.write(`${lagesbild.lines.join('\n')}\n${JSON.stringify({ lagesbild: lagesbild.figures })}\n`);
    return;
  }
  process.stderr.write(`Preparing ${url.replace(/\/\/[^@]*@/, '//')} ...\n`);
  await prepareDatabase(url);
  const data = await seedBenchData(url);

  const baseline = await startServerProcess('./baseline-server.ts', { BENCH_DATABASE_URL: url, BENCH_POOL_SIZE: '20' });
  running.push(baseline);
  process.stderr.write(`Baseline: ${baseline.url}, measuring ${seconds} s after ${warmup} s warm-up ...\n`);
  const baselineResult = await measure(baseline, `${baseline.url}/rows/${data.baselineRowId}`, {}, seconds, warmup);
  await baseline.stop();

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const app = await startServerProcess('./app-server.ts', {
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
    SAMVERKA_SIGN_IN_RATE_LIMIT: '1000000',
    SAMVERKA_WEB_DIST: `/nonexistent-${randomUUID()}`,
    LOG_LEVEL: logLevel,
  }, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  running.push(app);
  const headers = await signInCoordinator(app.url, data.credentials);
  const personUrl = `${app.url}/api/persons/${data.personId}`;
  const check = await fetch(personUrl, { headers });
  if (check.status !== 200) throw new Error(`GET /api/persons/:id answered ${check.status}: ${await check.text()}`);

  process.stderr.write(`Application: ${app.url}, measuring ${seconds} s after ${warmup} s warm-up ...\n`);
  const personResult = await measure(app, personUrl, headers, seconds, warmup);
  // Where the time goes: the same server answering less. The framework alone, then the session.
  const breakdown = {
    health: await measure(app, `${app.url}/api/health`, {}, 4, 1),
    session: await measure(app, `${app.url}/api/session`, headers, 4, 1),
  };
  // Flat at scale (issue 12 §3): the tenant grown to S, then L, four reads measured at each.
  let scale: ScaleResult | null = null;
  if (withScale) {
    process.stderr.write('Scale: seeding S, measuring, growing to L, measuring ...\n');
    const [intake, reviewer] = [await signInDemoUser(app.url, data.credentials, 'mottagning'), await signInDemoUser(app.url, data.credentials, 'loggranskare')];
    scale = await runScaleBench(url, data, { appUrl: app.url, personId: data.personId, headers: { coordinator: headers, intake, reviewer } }, scaleSeconds);
  }
  await app.stop();
  // Public concern submissions, on a server process of their own (test/bench/concerns.ts).
  const concern = await runConcernBench({ url, data, seconds, warmup, logLevel });
  // Coverage of 500 places over a week (issue 13 §3): queries and computation, timed in this process.
  const coverage = await runCoverageBench(url);
  // The weekly lägesbild at scale (issue 14 §5), in a process of its own: it seeds millions of events.
  const lagesbild = withLagesbild ? await runLagesbildSection(url) : null;

  const ratio = personResult.rps / baselineResult.rps;
  const cpuRatio = baselineResult.cpuMsPerRequest / personResult.cpuMsPerRequest;
  const line = (name: string, r: typeof personResult) =>
    `${name.padEnd(24)} ${String(r.rps).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}  ` +
    `server CPU ${r.cpuMsPerRequest.toFixed(3)} ms/req (${Math.round(r.systemShare * 100)}% kernel)  ${r.queriesPerRequest.toFixed(1)} queries/req`;
  process.stdout.write(`${line('Baseline (Fastify + pg)', baselineResult)}\n`);
  process.stdout.write(`${line('GET /api/persons/:id', personResult)}\n`);
  process.stdout.write(`Ratio ${ratio.toFixed(3)} (target >= ${TARGETS.ratio}); server CPU per request ratio ${cpuRatio.toFixed(3)}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs\n`);
  writeBenchmarksDoc(docPath, { baseline: baselineResult, personRead: personResult, breakdown, ratio, cpuRatio, postgresVersion: data.postgresVersion, seconds, logLevel, loadAverage: loadavg()[0]! });
  writeConcernSection(docPath, concern);
  if (scale) writeScaleSection(docPath, scale, scaleSeconds);
  process.stdout.write(`${coverageLine(coverage)}\n`);
  process.stdout.write(`Public concern submissions: ${concern.rps} req/s, p99 ${concern.p99} ms, ${concern.acknowledged} acknowledged, ${concern.stored} stored, ${concern.lost} lost\n`);
  if (lagesbild) process.stdout.write(`${lagesbild.lines.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({
      baseline_rps: baselineResult.rps,
      person_read_rps: personResult.rps,
      ratio: Number(ratio.toFixed(3)),
      person_read_p99_ms: personResult.p99,
      errors: baselineResult.errors + personResult.errors,
      concern_rps: concern.rps,
      concern_p99_ms: concern.p99,
      concern_lost: concern.lost,
      coverage_median_ms: coverage.medianMs,
      coverage_p95_ms: coverage.p95Ms,
      person_read_round_trips: Number(personResult.queriesPerRequest.toFixed(2)),
      person_read_cpu_ms: Number(personResult.cpuMsPerRequest.toFixed(3)),
      session_rps: breakdown.session.rps,
      session_ratio: Number((breakdown.session.rps / baselineResult.rps).toFixed(3)),
      baseline_cpu_ms: Number(baselineResult.cpuMsPerRequest.toFixed(3)),
      lagesbild: lagesbild?.figures ?? null,
      scale: scale
        ? Object.fromEntries(Object.entries(scale.figures).map(([name, f]) => [name, { S_p99_ms: f.S.p99, L_p99_ms: f.L.p99 }]))
        : null,
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await Promise.all(running.map((server) => server.stop()));
    process.exit(1);
  },
);
