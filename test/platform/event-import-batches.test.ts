import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp } from '../factories';
import { inContext } from '../../src/server/db/context';
import { place } from '../../src/server/db/schema';
import { decryptDescription } from '../../src/server/modules/event-reports/event-crypto';

vi.setConfig({ testTimeout: 300_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

/** A housing company's log: `rows` lines from B-`from`, over 600 days at 40 yards, every third with a description. */
function logFile(from: number, rows: number): string {
  const categories = ['Skadegörelse', 'Otrygg plats', 'Nedskräpning', 'Otrygghetsskapande samling'];
  const lines = ['extern id;datum;tid från;tid till;kategori;plats;antal;allvarlighet;beskrivning'];
  for (let i = from; i < from + rows; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`B-${i};${day};${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};;${categories[i % 4]};Gård ${(i % 40) + 1};${(i % 12) + 1};${(i % 3) + 1};${i % 3 === 0 ? `Trasig belysning vid entrén ${i}` : ''}`);
  }
  return lines.join('\r\n');
}

describe('event import in batches (one statement per 10,000 rows)', () => {
  it('stores a file larger than one batch once, skips it on re-import, keeps the rollups equal to a direct count, and encrypts each description to its row', async () => {
    const tenant = await t.tenant();
    const housing = await t.organisation(tenant, 'bostadsbolag', { name: 'Bänkbolaget' });
    const reporter = await t.member(tenant, housing, 'est_rapportor');
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(place).values(Array.from({ length: 40 }, (_, i) => ({ tenantId: tenant.id, name: `Gård ${i + 1}`, type: 'bostadsomrade', latitude: 60.65 + i * 0.001, longitude: 17.1 + i * 0.001 }))),
    );
    const post = (content: string) => t.app.inject({ method: 'POST', url: '/api/event-imports', headers: reporter.headers, payload: { format: 'csv', content } });

    const first = await post(logFile(0, 10_050));
    expect(first.statusCode, first.body.slice(0, 300)).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 10_050, duplicates: 0 });
    // The same rows again with ten new ones: only the ten are stored.
    const second = await post(logFile(0, 10_060));
    expect(second.json()).toMatchObject({ inserted: 10, summary: { valid: 10_060, alreadyImported: 10_050 } });

    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const direct = await tx.execute<{ iso_week: number; category: string; n: number }>(
        sql`select iso_week, category, count(*)::int as n from event_report where status = 'verified' group by iso_week, category order by iso_week, category`,
      );
      const rolled = await tx.execute<{ iso_week: number; category: string; n: number }>(
        sql`select iso_week, category, sum(count)::int as n from event_week_category group by iso_week, category having sum(count) > 0 order by iso_week, category`,
      );
      expect(direct.rows.reduce((sum, row) => sum + Number(row.n), 0)).toBe(10_060);
      expect(rolled.rows.map((row) => [Number(row.iso_week), row.category, Number(row.n)])).toEqual(direct.rows.map((row) => [Number(row.iso_week), row.category, Number(row.n)]));
      const hours = await tx.execute<{ n: number }>(sql`select coalesce(sum(count), 0)::int as n from event_week_hour`);
      const cells = await tx.execute<{ n: number }>(sql`select coalesce(sum(count), 0)::int as n from event_week_cell`);
      expect([Number(hours.rows[0]!.n), Number(cells.rows[0]!.n)]).toEqual([10_060, 10_060]);

      const described = await tx.execute<{ id: string; description_cipher: string; external_ref: string }>(
        sql`select id, description_cipher, external_ref from event_report where external_ref in (${`csv:${housing.id}:B-9999`}, ${`csv:${housing.id}:B-10050`})`,
      );
      expect(described.rows).toHaveLength(2);
      for (const row of described.rows) {
        const number = row.external_ref.split(':B-')[1];
        expect(row.description_cipher).not.toContain('Trasig');
        expect(decryptDescription(t.cipher, tenant.id, row.id, row.description_cipher)).toBe(`Trasig belysning vid entrén ${number}`);
      }
      // Bound to its own row: another row's id does not decrypt it.
      const [a, b] = described.rows;
      expect(() => decryptDescription(t.cipher, tenant.id, b!.id, a!.description_cipher)).toThrow();
    });
  });
});
