// Coverage of 500 places over a week (issue 13 §3, target <= 100 ms on PostgreSQL): the three queries
// and the computation a GET /api/presence/coverage runs, timed directly against the database, as an
// authority reader under row-level security. `npm run bench` runs it; alone: `tsx test/bench/coverage.ts`.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/client';
import { inContext } from '../../src/server/db/context';
import { area, organisation, place, placeYouthHour, presenceEntry } from '../../src/server/db/schema';
import { createTenant, findTenantBySlug } from '../../src/server/modules/tenants/create-tenant';
import { computeCoverage, loadCoverageInput } from '../../src/server/modules/presence/coverage';
import { loadHolidayCalendar } from '../../src/server/modules/presence/occurrences';
import type { Actor } from '../../src/server/policy/actor';
import { instantOfWallTime, isoWeekWindow } from '../../src/shared/stockholm-time';

export const COVERAGE_TARGET_MS = 100;
const PLACES = 500;
const AREAS = 10;
const ENTRIES = 800;
const SLUG = 'bench-coverage';
const WEEK = '2026-W12';

export interface CoverageBenchResult {
  places: number;
  entries: number;
  youthHours: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  runs: number;
}

/** One tenant of 500 places in 10 areas, each with ungdomstider, and 800 weekly presence entries (a fifth for authorities only). */
async function seed(url: string) {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 }, { migrate: true });
  const existing = await findTenantBySlug(database.db, SLUG);
  const tenant = existing ?? (await createTenant(database.db, { slug: SLUG, name: 'Bench coverage' }));
  const counts = await inContext(database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [found] = await tx.select({ n: sql<number>`count(*)::int` }).from(place).where(sql`${place.tenantId} = ${tenant.id}`);
    return found!.n;
  });
  let organisationId: string;
  if (counts < PLACES) {
    organisationId = randomUUID();
    await inContext(database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`select set_config('app.organisation_id', ${organisationId}, true), set_config('app.organisation_is_authority', 'true', true)`);
      await tx.insert(organisation).values({ tenantId: tenant.id, id: organisationId, name: 'Fritid (bench)', type: 'fritid', isAuthority: true });
      const areaIds = Array.from({ length: AREAS }, () => randomUUID());
      await tx.insert(area).values(
        areaIds.map((id, n) => ({
          tenantId: tenant.id,
          id,
          name: `Område ${n + 1}`,
          kind: 'stadsdel',
          geometry: { type: 'Polygon', coordinates: [[[17, 60 + n], [17.1, 60 + n], [17.1, 60.1 + n], [17, 60 + n]]] },
          minLatitude: 60 + n,
          minLongitude: 17,
          maxLatitude: 60.1 + n,
          maxLongitude: 17.1,
        })),
      );
      const placeIds = Array.from({ length: PLACES }, () => randomUUID());
      await tx.insert(place).values(placeIds.map((id, n) => ({ tenantId: tenant.id, id, name: `Plats ${String(n + 1).padStart(3, '0')}`, type: n % 5 === 0 ? 'skola' : 'centrum_torg', latitude: 60.6, longitude: 17.1, areaId: areaIds[n % AREAS] })));
      // Weekday afternoons "some", Friday and Saturday evenings "many": 27 hours a place.
      const hours = placeIds.flatMap((placeId) => [
        ...[1, 2, 3, 4, 5].flatMap((weekday) => [15, 16, 17].map((hour) => ({ tenantId: tenant.id, placeId, weekday, hour, level: 'some' }))),
        ...[5, 6].flatMap((weekday) => [18, 19, 20, 21, 22, 23].map((hour) => ({ tenantId: tenant.id, placeId, weekday, hour, level: 'many' }))),
      ]);
      for (let i = 0; i < hours.length; i += 5000) await tx.insert(placeYouthHour).values(hours.slice(i, i + 5000));
      await tx.insert(presenceEntry).values(
        Array.from({ length: ENTRIES }, (_, n) => ({
          tenantId: tenant.id,
          organisationId,
          staffRole: 'fritidsledare',
          placeId: n % 10 === 9 ? null : placeIds[(n * 7) % PLACES],
          areaId: n % 10 === 9 ? areaIds[n % AREAS] : null,
          startsAt: instantOfWallTime({ year: 2026, month: 1, day: 2 + (n % 7), hour: 15 + (n % 6), minute: 0 }),
          durationMinutes: 180,
          recurrence: n % 3 === 0 ? 'FREQ=WEEKLY;BYDAY=MO,WE,FR' : 'FREQ=WEEKLY',
          skipPublicHolidays: true,
          skipSchoolHolidays: n % 4 === 0,
          plannedStaff: 2,
          visibility: n % 5 === 0 ? 'authorities' : 'all',
        })),
      );
    });
  } else {
    const [row] = await inContext(database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.select({ id: organisation.id }).from(organisation).where(sql`${organisation.tenantId} = ${tenant.id}`).limit(1));
    organisationId = row!.id;
  }
  return { database, tenantId: tenant.id, organisationId };
}

export async function runCoverageBench(url: string, runs = 30): Promise<CoverageBenchResult> {
  const { database, tenantId, organisationId } = await seed(url);
  const actor = { tenantId, organisationId, organisationIsAuthority: true } as Actor;
  const window = isoWeekWindow(WEEK);
  const once = () =>
    inContext(database.db, { tenantId, userId: null }, async (tx) => {
      await tx.execute(sql`select set_config('app.organisation_id', ${organisationId}, true), set_config('app.organisation_is_authority', 'true', true)`);
      const started = performance.now();
      const calendar = await loadHolidayCalendar(tx, tenantId);
      const loaded = await loadCoverageInput(tx, actor, window, {});
      const result = computeCoverage({ ...loaded, dates: window.dates, window, calendar, language: 'sv' });
      const elapsed = performance.now() - started;
      return { elapsed, places: result.places.length, entries: loaded.entries.length, youthHours: loaded.places.reduce((sum, p) => sum + p.levels.filter(Boolean).length, 0) };
    });
  try {
    for (let i = 0; i < 5; i += 1) await once(); // warm-up: plans cached, JIT warm
    const samples: number[] = [];
    let last = await once();
    for (let i = 0; i < runs; i += 1) {
      last = await once();
      samples.push(last.elapsed);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1));
    return { places: last.places, entries: last.entries, youthHours: last.youthHours, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1), runs };
  } finally {
    await database.close();
  }
}

export function coverageLine(result: CoverageBenchResult): string {
  return `Coverage, ${result.places} places × 1 week (${result.entries} entries, ${result.youthHours} youth hours): median ${result.medianMs} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms over ${result.runs} runs (target <= ${COVERAGE_TARGET_MS} ms)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/samverka_bench';
  runCoverageBench(url).then(
    (result) => {
      process.stdout.write(`${coverageLine(result)}\n${JSON.stringify({ coverage_median_ms: result.medianMs, coverage_p95_ms: result.p95Ms })}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`Coverage bench failed: ${String((error as { cause?: unknown }).cause ?? error).slice(0, 500)}\n`);
      process.exit(1);
    },
  );
}
