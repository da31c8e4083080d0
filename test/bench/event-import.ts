/**
 * Ingest through the import path (issue 14 §5: ≥ 2,000 event reports/s): a 20,000-row CSV log export
 * posted to POST /api/event-imports (parse, check against the register, look up earlier imports,
 * encrypt descriptions, insert in batches, audit), through the real app with `inject`. The rate is
 * rows stored per second of the whole request. On PostgreSQL (migrated here) or, without a URL, PGlite:
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npx tsx test/bench/event-import.ts [rows]
 *   npx tsx test/bench/event-import.ts [rows]
 */
import { inContext } from '../../src/server/db/context';
import { place } from '../../src/server/db/schema';
import { openBenchDatabase, startBenchApp } from './bench-app';

export interface EventImportResult {
  rows: number;
  seconds: number;
  perSecond: number;
  previewSeconds: number;
}

/** `url`: a PostgreSQL database; undefined: an in-memory PGlite. */
export async function runEventImportBench(rows = 20_000, url: string | undefined = process.env.TEST_DATABASE_URL): Promise<EventImportResult> {
  const t = await startBenchApp(await openBenchDatabase(url));
  try {
    const tenant = await t.tenant();
    const housing = await t.organisation(tenant, 'bostadsbolag', { name: 'Bänkbolaget' });
    const reporter = await t.member(tenant, housing, 'est_rapportor');
    const names = Array.from({ length: 40 }, (_, i) => `Gård ${i + 1}`);
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(place).values(names.map((name, i) => ({ tenantId: tenant.id, name, type: 'bostadsomrade', latitude: 60.65 + i * 0.001, longitude: 17.1 + i * 0.001 }))),
    );
    const categories = ['Skadegörelse', 'Otrygg plats', 'Nedskräpning', 'Otrygghetsskapande samling'];
    const lines = ['extern id;datum;tid från;tid till;kategori;plats;antal;allvarlighet;beskrivning'];
    for (let i = 0; i < rows; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`B-${i};${day};${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};;${categories[i % 4]};${names[i % 40]};${(i % 12) + 1};${(i % 3) + 1};${i % 3 === 0 ? 'Trasig belysning vid entrén' : ''}`);
    }
    const content = lines.join('\r\n');
    const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: reporter.headers, payload });
    let started = performance.now();
    const preview = await post('/api/event-imports/preview', { format: 'csv', content });
    const previewSeconds = (performance.now() - started) / 1000;
    if (preview.statusCode !== 200) throw new Error(`preview ${preview.statusCode}`);
    started = performance.now();
    const response = await post('/api/event-imports', { format: 'csv', content });
    const seconds = (performance.now() - started) / 1000;
    const inserted = (response.json() as { inserted: number }).inserted;
    if (inserted !== rows) throw new Error(`inserted ${inserted} of ${rows}`);
    return { rows, seconds, perSecond: rows / seconds, previewSeconds };
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runEventImportBench(Number(process.argv[2] ?? 20_000));
  console.log(`event import: ${result.rows} rows in ${result.seconds.toFixed(2)} s = ${Math.round(result.perSecond)} reports/s (preview ${result.previewSeconds.toFixed(2)} s)`);
}
