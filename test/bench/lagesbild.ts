/**
 * The weekly lägesbild at scale (issue 14 §5): one tenant with 50 areas and N events over three years
 * (10 million on PostgreSQL, 1 million on PGlite), then `GET /api/lagesbild/:week?area=` for one area
 * through the real application (`inject`: routing, session, RLS transaction, policy, the rollup reads,
 * suppression for the analyst, the response schema, the audit event), one request at a time, p50 and p99.
 * Targets on PostgreSQL: p50 ≤ 150 ms, p99 ≤ 400 ms.
 *
 * Seeding is not measured: events go straight into event_report with generate_series in chunks
 * (progress on stderr), in time order with ordered ids (so the indexes append), with the row-level
 * foreign key checks off (session_replication_role = replica) but the rollup trigger on (ENABLE ALWAYS
 * for the seed only): the rollups are kept by the same statement-level trigger as every insert path.
 * Then the import path's ingest rate (test/bench/event-import.ts) is measured into the same database.
 *
 *   npx tsx test/bench/lagesbild.ts                 PostgreSQL (BENCH_DATABASE_URL) at 10 M, then PGlite at 1 M
 *   BENCH_LAGESBILD_EVENTS=1000000 BENCH_LAGESBILD_PGLITE_EVENTS=0 npx tsx test/bench/lagesbild.ts
 *   BENCH_ONLY=lagesbild npm run bench              the same section inside npm run bench, nothing else
 */
import './bench-env';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/server/db/client';
import { cellOf } from '../../src/shared/event-cells';
import { EST_CATEGORY_CODES } from '../../src/shared/event-reports';
import { isoWeekNumber, isoWeekText, shiftWeek } from '../../src/shared/lagesbild';
import { isoWeekOf } from '../../src/shared/stockholm-time';
import type { TestApp, TestMember } from '../factories';
import { openBenchDatabase, startBenchApp } from './bench-app';
import { runEventImportBench, type EventImportResult } from './event-import';
import { replaceSection } from './scale';

export const LAGESBILD_TARGETS = { p50Ms: 150, p99Ms: 400 };
const AREAS = 50;
const CELLS_PER_AREA = 20;
const DAYS = 3 * 365 + 1;
/** The first day of the seeded three years (local time); the last is DAYS − 1 days later. */
const FIRST_DAY = '2023-12-04';

export interface LatencyFigures {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  errors: number;
}

export interface LagesbildBenchResult {
  kind: 'postgres' | 'embedded';
  events: number;
  seedSeconds: number;
  rollupRows: { category: number; cell: number; hour: number };
  coordinator: LatencyFigures;
  analyst: LatencyFigures;
  plans: Record<string, string>;
  ingest: EventImportResult | null;
  loadAverage: number;
  version: string;
}

const progress = (message: string) => process.stderr.write(`[lagesbild] ${message}\n`);

/** A fresh database of the bench's own next to `url` (dropped first), so 10 M events never land in another's. */
async function freshPostgresDatabase(url: string): Promise<string> {
  const base = new URL(url);
  const name = `${base.pathname.slice(1) || 'samverka_bench'}_lagesbild`;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  return base.toString();
}

/** 50 square areas in a 10 × 5 grid over Gävle, each with 20 distinct H3 cells inside it. */
function areaGrid(): { name: string; box: { minLat: number; maxLat: number; minLng: number; maxLng: number }; cells: string[] }[] {
  return Array.from({ length: AREAS }, (_, index) => {
    const row = Math.floor(index / 10);
    const column = index % 10;
    const box = { minLat: 60.6 + row * 0.02, maxLat: 60.6 + (row + 1) * 0.02, minLng: 17.0 + column * 0.04, maxLng: 17.0 + (column + 1) * 0.04 };
    const cells = new Set<string>();
    for (let step = 0; cells.size < CELLS_PER_AREA; step += 1) {
      const lat = box.minLat + 0.001 + ((step * 7) % 19) * 0.001;
      const lng = box.minLng + 0.002 + ((step * 11) % 37) * 0.001;
      cells.add(cellOf(lat, lng));
    }
    return { name: `Område ${index + 1}`, box, cells: [...cells] };
  });
}

const literalArray = (values: readonly string[], type: string) => `array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]::${type}[]`;

/** Seeds `events` verified events over three years in one tenant: chunks of generate_series, progress on stderr. */
async function seedEvents(database: Database, tenantId: string, areaIds: string[], cells: string[], events: number, chunk: number): Promise<number> {
  return database.asOwner((db) => seedAsOwner(db, tenantId, areaIds, cells, events, chunk));
}

async function seedAsOwner(db: Database['db'], tenantId: string, areaIds: string[], cells: string[], events: number, chunk: number): Promise<number> {
  const started = performance.now();
  const categories = [...EST_CATEGORY_CODES];
  const step = (DAYS * 86_400) / events; // seconds between two events, so they spread evenly over the three years
  await db.execute(sql.raw('alter table event_report enable always trigger event_report_rollup_insert'));
  try {
    for (let from = 0; from < events; from += chunk) {
      const to = Math.min(events, from + chunk);
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw('set local session_replication_role = replica'));
        await tx.execute(
          sql.raw(`
          with days as (
            select d::date as day, (to_char(d, 'IYYY')::int * 100 + to_char(d, 'IW')::int) as iso_week, extract(isodow from d)::smallint as weekday
            from generate_series(date '${FIRST_DAY}', date '${FIRST_DAY}' + ${DAYS + 1}, interval '1 day') d),
          generated as (
            select i, timestamp '${FIRST_DAY} 00:00' + make_interval(secs => i * ${step}) as local
            from generate_series(${from}::bigint, ${to - 1}::bigint) i)
          insert into event_report (tenant_id, id, source, status, category, area_id, cell, occurred_from, occurred_to, iso_week, weekday, hour, severity, received_at)
          select '${tenantId}'::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(g.i), 12, '0'))::uuid, 'import', 'verified',
            (${literalArray(categories, 'text')})[1 + ((g.i / ${AREAS}) % ${categories.length})],
            (${literalArray(areaIds, 'uuid')})[1 + (g.i % ${AREAS})],
            (${literalArray(cells, 'text')})[1 + (g.i % ${AREAS}) * ${CELLS_PER_AREA} + ((g.i / ${AREAS * 7}) % ${CELLS_PER_AREA})],
            g.local at time zone 'Europe/Stockholm', g.local at time zone 'Europe/Stockholm', d.iso_week, d.weekday,
            extract(hour from g.local)::smallint, 1 + (g.i % 3)::smallint, g.local at time zone 'Europe/Stockholm'
          from generated g join days d on d.day = g.local::date`),
        );
      });
      const seconds = (performance.now() - started) / 1000;
      progress(`seeded ${to.toLocaleString('en')} of ${events.toLocaleString('en')} events (${seconds.toFixed(0)} s, ${Math.round(to / seconds).toLocaleString('en')}/s)`);
    }
  } finally {
    await db.execute(sql.raw('alter table event_report enable trigger event_report_rollup_insert'));
  }
  progress('vacuum analyze (what autovacuum does after a bulk load) ...');
  await db.execute(sql.raw('vacuum analyze event_report'));
  await db.execute(sql.raw('analyze event_week_category, event_week_cell, event_week_hour'));
  return (performance.now() - started) / 1000;
}

/** A deterministic pseudo-random sequence, so two runs ask for the same weeks and areas. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function figures(times: number[], errors: number): LatencyFigures {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { requests: times.length, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0), mean: Math.round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)), errors };
}

/** One request at a time (the latency a user sees), over weeks of the last two seeded years and all areas. */
async function measureWeeks(t: TestApp, member: TestMember, areaIds: string[], weeks: string[], requests: number, seed: number): Promise<LatencyFigures> {
  const next = sequence(seed);
  const ask = async () => {
    const week = weeks[Math.floor(next() * weeks.length)]!;
    const area = areaIds[Math.floor(next() * areaIds.length)]!;
    const started = performance.now();
    const response = await t.app.inject({ method: 'GET', url: `/api/lagesbild/${week}?area=${area}`, headers: member.headers });
    return { ms: performance.now() - started, ok: response.statusCode === 200 };
  };
  for (let i = 0; i < Math.min(20, requests); i += 1) await ask(); // warm-up
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests; i += 1) {
    const { ms, ok } = await ask();
    times.push(ms);
    if (!ok) errors += 1;
  }
  return figures(times, errors);
}

/** EXPLAIN (ANALYZE) of the reads figures.ts sends for one area's week, as the application role under RLS. */
async function explainPlans(database: Database, tenantId: string, areaId: string, week: string): Promise<Record<string, string>> {
  const current = isoWeekNumber(week);
  const weeks = [...Array.from({ length: 26 }, (_, i) => isoWeekNumber(shiftWeek(week, i - 25))), isoWeekNumber(shiftWeek(week, -52))].join(', ');
  const baseline = Array.from({ length: 8 }, (_, i) => isoWeekNumber(shiftWeek(week, i - 8)));
  const hot = await database.asOwner((owner) => owner.execute<{ cell: string }>(
    sql`select cell from event_week_cell where tenant_id = ${tenantId}::uuid and area_key = ${areaId}::uuid and iso_week = ${current} group by cell order by sum(count) desc limit 3`,
  ));
  const cells = hot.rows.map((row) => `'${row.cell}'`).join(', ') || `''`;
  const queries: Record<string, string> = {
    'categories, 26 weeks + last year (event_week_category)': `select iso_week, category, sum(count)::int from event_week_category where tenant_id = '${tenantId}' and area_key = '${areaId}' and iso_week in (${weeks}) group by iso_week, category`,
    'weekday × hour (event_week_hour)': `select weekday, hour, sum(count)::int from event_week_hour where tenant_id = '${tenantId}' and area_key = '${areaId}' and iso_week = ${current} group by weekday, hour`,
    "this week's cells (event_week_cell)": `select cell, category, sum(count)::int from event_week_cell where tenant_id = '${tenantId}' and area_key = '${areaId}' and iso_week = ${current} and cell <> '' group by cell, category`,
    "hot cells' history (event_week_cell)": `select cell, iso_week, sum(count)::int from event_week_cell where tenant_id = '${tenantId}' and area_key = '${areaId}' and iso_week in (${baseline.join(', ')}) and cell in (${cells}) group by cell, iso_week`,
    "hot cells' hours (event_report, 9 weeks)": `select cell, area_id, weekday, hour, count(*)::int from event_report where tenant_id = '${tenantId}' and iso_week in (${[...baseline, current].join(', ')}) and area_id = '${areaId}' and status = 'verified' and hour is not null and cell in (${cells}) group by cell, area_id, weekday, hour`,
  };
  const plans: Record<string, string> = {};
  for (const [name, text] of Object.entries(queries)) {
    plans[name] = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      const plan = await tx.execute<{ 'QUERY PLAN': string }>(sql.raw(`explain (analyze, buffers, costs off, timing off, summary on) ${text}`));
      return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }
  return plans;
}

export interface LagesbildBenchOptions {
  /** A PostgreSQL URL (a database `<name>_lagesbild` is made next to it) or null for an in-memory PGlite. */
  url: string | null;
  events: number;
  requests?: number;
  ingestRows?: number;
}

export async function runLagesbildBench(options: LagesbildBenchOptions): Promise<LagesbildBenchResult> {
  const kind = options.url ? 'postgres' : 'embedded';
  const requests = options.requests ?? 300;
  const url = options.url ? await freshPostgresDatabase(options.url) : undefined;
  progress(`${kind}: migrating a fresh database ...`);
  const database = await openBenchDatabase(url);
  const t = await startBenchApp(database);
  try {
    const tenant = await t.tenant('Bänkkommun');
    const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
    const coordinator = await t.member(tenant, social, 'koordinator');
    const analyst = await t.member(tenant, social, 'analytiker');
    const grid = areaGrid();
    const areaIds: string[] = [];
    for (const area of grid) {
      const { minLat, maxLat, minLng, maxLng } = area.box;
      const geometry = { type: 'Polygon', coordinates: [[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]] };
      const inserted = await database.asOwner((owner) =>
        owner.execute<{ id: string }>(
          sql`insert into area (tenant_id, name, kind, geometry, min_latitude, min_longitude, max_latitude, max_longitude)
              values (${tenant.id}::uuid, ${area.name}, 'stadsdel', ${JSON.stringify(geometry)}::jsonb, ${minLat}, ${minLng}, ${maxLat}, ${maxLng}) returning id`,
        ),
      );
      areaIds.push(inserted.rows[0]!.id);
    }
    progress(`${kind}: seeding ${options.events.toLocaleString('en')} events over ${DAYS} days in ${AREAS} areas ...`);
    const seedSeconds = await seedEvents(database, tenant.id, areaIds, grid.flatMap((area) => area.cells), options.events, kind === 'postgres' ? 500_000 : 100_000);
    const count = async (table: string) => Number((await database.asOwner((owner) => owner.execute<{ n: string }>(sql.raw(`select count(*) as n from ${table}`)))).rows[0]!.n);
    const rollupRows = { category: await count('event_week_category'), cell: await count('event_week_cell'), hour: await count('event_week_hour') };
    progress(`${kind}: seeded in ${seedSeconds.toFixed(0)} s; rollup rows ${JSON.stringify(rollupRows)}`);

    // The weeks of the last two seeded years (each has its "same week last year" and 8 weeks before it).
    const lastDay = new Date(Date.parse(`${FIRST_DAY}T12:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const lastWeek = isoWeekOf(lastDay);
    const weeks = Array.from({ length: 100 }, (_, i) => shiftWeek(lastWeek, -1 - i));
    progress(`${kind}: measuring ${requests} requests as the coordinator (exact figures) ...`);
    const coordinatorFigures = await measureWeeks(t, coordinator, areaIds, weeks, requests, 1);
    progress(`${kind}: coordinator p50 ${coordinatorFigures.p50} ms, p99 ${coordinatorFigures.p99} ms; measuring as the analyst (suppressed) ...`);
    const analystFigures = await measureWeeks(t, analyst, areaIds, weeks, requests, 2);
    progress(`${kind}: analyst p50 ${analystFigures.p50} ms, p99 ${analystFigures.p99} ms; explaining ...`);
    const plans = await explainPlans(database, tenant.id, areaIds[7]!, weeks[10]!);
    const version = String((await database.db.execute<{ v: string }>(sql.raw('select version() as v'))).rows[0]!.v).split(' on ')[0]!;
    await t.close();
    let ingest: EventImportResult | null = null;
    if ((options.ingestRows ?? 20_000) > 0) {
      progress(`${kind}: ingest through the import path into ${kind === 'postgres' ? 'the same database' : 'a fresh in-memory database'} ...`);
      ingest = await runEventImportBench(options.ingestRows ?? 20_000, url);
      progress(`${kind}: ingest ${Math.round(ingest.perSecond)} reports/s`);
    }
    return { kind, events: options.events, seedSeconds, rollupRows, coordinator: coordinatorFigures, analyst: analystFigures, plans, ingest, loadAverage: loadavg()[0]!, version };
  } catch (error) {
    await t.close().catch(() => undefined);
    throw error;
  }
}

const met = (f: LatencyFigures) => f.p50 <= LAGESBILD_TARGETS.p50Ms && f.p99 <= LAGESBILD_TARGETS.p99Ms && f.errors === 0;

export function lagesbildLine(r: LagesbildBenchResult): string {
  return `Lägesbild (${r.kind}, ${r.events.toLocaleString('en')} events): coordinator p50 ${r.coordinator.p50} ms p99 ${r.coordinator.p99} ms, analyst p50 ${r.analyst.p50} ms p99 ${r.analyst.p99} ms, errors ${r.coordinator.errors + r.analyst.errors}${r.ingest ? `; ingest ${Math.round(r.ingest.perSecond)} reports/s` : ''}`;
}

/** One JSON line per database, for npm run bench's closing line. */
export function summaryJson(r: LagesbildBenchResult): string {
  const pick = (f: LatencyFigures) => ({ p50_ms: f.p50, p99_ms: f.p99, errors: f.errors });
  return JSON.stringify({ lagesbild: { kind: r.kind, events: r.events, coordinator: pick(r.coordinator), analyst: pick(r.analyst), ingest_per_s: r.ingest ? Math.round(r.ingest.perSecond) : null } });
}

export function writeLagesbildSection(path: string, r: LagesbildBenchResult): void {
  const database = r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)';
  const row = (who: string, f: LatencyFigures) => `| ${who} | ${f.requests} | ${f.p50} | ${f.p99} | ${f.max} | ${f.errors} | ${r.kind === 'postgres' ? (met(f) ? 'met' : '**not met**') : '(reported)'} |`;
  const plans = Object.entries(r.plans)
    .map(([name, plan]) => `#### ${name}\n\n\`\`\`\n${plan}\n\`\`\``)
    .join('\n\n');
  replaceSection(
    path,
    `## Weekly lägesbild at scale: ${database}`,
    `Generated by \`npm run bench\` (test/bench/lagesbild.ts; alone: \`BENCH_ONLY=lagesbild npm run bench\`) on ${new Date().toISOString().slice(0, 10)}, ${r.version}, load average ${r.loadAverage.toFixed(1)} at the end.

**${r.events.toLocaleString('en')} events** over three years (${DAYS} days from ${FIRST_DAY}) in one tenant with ${AREAS} areas of ${CELLS_PER_AREA} H3 cells each,
seeded with \`generate_series\` straight into \`event_report\` in ${r.seedSeconds.toFixed(0)} s (not measured: the rollups filled by the
same statement-level trigger as every insert path; foreign key checks off for the seed), then \`VACUUM ANALYZE\` (what autovacuum does after a bulk load). Rollup rows: ${r.rollupRows.category.toLocaleString('en')} week × area × category,
${r.rollupRows.cell.toLocaleString('en')} × cell, ${r.rollupRows.hour.toLocaleString('en')} × weekday × hour.

\`GET /api/lagesbild/:week?area=\` through the application (\`inject\`: session, RLS transaction, policy, the reads, the picture,
the response schema, the audit event), one request at a time after 20 warm-up requests, over ${r.coordinator.requests} pseudo-random
(week, area) pairs of the last two seeded years. Targets (PostgreSQL): p50 ≤ ${LAGESBILD_TARGETS.p50Ms} ms, p99 ≤ ${LAGESBILD_TARGETS.p99Ms} ms.

| reader | requests | p50 ms | p99 ms | max ms | errors | target |
|---|---:|---:|---:|---:|---:|---|
${row('Coordinator (exact figures)', r.coordinator)}
${row('Analyst (small counts suppressed)', r.analyst)}
${r.ingest ? `\nIngest through the import path ${r.kind === 'postgres' ? 'into the same database afterwards' : 'into a fresh in-memory database'} (test/bench/event-import.ts: a ${r.ingest.rows.toLocaleString('en')}-row CSV posted to \`POST /api/event-imports\`): **${Math.round(r.ingest.perSecond).toLocaleString('en')} reports/s** (target ≥ 2,000: ${r.ingest.perSecond >= 2000 ? 'met' : '**not met**'}); the preview of the same file took ${r.ingest.previewSeconds.toFixed(2)} s.\n` : ''}
#### Query plans

\`EXPLAIN (ANALYZE, BUFFERS)\` as \`samverka_app\` under the tenant's row-level-security context, of the reads
src/server/modules/lagesbild/figures.ts sends for one area's week (${isoWeekText(isoWeekNumber(shiftWeek(isoWeekOf(new Date(Date.parse(`${FIRST_DAY}T12:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10)), -11)))}).

${plans}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docPath = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/samverka_bench';
  const pgEvents = Number(process.env.BENCH_LAGESBILD_EVENTS ?? 10_000_000);
  const pgliteEvents = Number(process.env.BENCH_LAGESBILD_PGLITE_EVENTS ?? 1_000_000);
  const requests = Number(process.env.BENCH_LAGESBILD_REQUESTS ?? 300);
  const write = process.env.BENCH_WRITE_DOC !== '0';
  if (pgEvents > 0) {
    const result = await runLagesbildBench({ url, events: pgEvents, requests });
    process.stdout.write(`${lagesbildLine(result)}\n${summaryJson(result)}\n`);
    if (write) writeLagesbildSection(docPath, result);
  }
  if (pgliteEvents > 0) {
    const result = await runLagesbildBench({ url: null, events: pgliteEvents, requests });
    process.stdout.write(`${lagesbildLine(result)}\n${summaryJson(result)}\n`);
    if (write) writeLagesbildSection(docPath, result);
  }
  process.exit(0);
}
