import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { area, eventReport, place } from '../../src/server/db/schema';
import { TestApp, type TestMember, type TestTenant } from '../factories';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const police = readFileSync(new URL('../fixtures/police-events.json', import.meta.url), 'utf8');
const ring = [[17.078, 60.652], [17.112, 60.65], [17.116, 60.664], [17.08, 60.666], [17.078, 60.652]];

async function setUp() {
  const tenant = await t.tenant();
  const housing = await t.organisation(tenant, 'bostadsbolag', { name: 'Gavlegårdarna (test)' });
  const social = await t.organisation(tenant, 'socialtjanst');
  const reporter = await t.member(tenant, housing, 'est_rapportor');
  const coordinator = await t.member(tenant, social, 'koordinator');
  const officer = await t.member(tenant, social, 'handlaggare');
  const admin = await t.member(tenant, social, 'administrator');
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    await tx.insert(area).values({ tenantId: tenant.id, name: 'Sätra', kind: 'stadsdel', geometry: { type: 'Polygon', coordinates: [ring] }, minLatitude: 60.65, maxLatitude: 60.666, minLongitude: 17.078, maxLongitude: 17.116 });
    await tx.insert(place).values([
      { tenantId: tenant.id, name: 'Stortorget', type: 'centrum_torg', latitude: 60.6749, longitude: 17.1413, address: 'Stortorget 1, Gävle' },
      { tenantId: tenant.id, name: 'Sätra centrum', type: 'centrum_torg', latitude: 60.6583, longitude: 17.1002 },
      { tenantId: tenant.id, name: 'Andersbergs centrum', type: 'centrum_torg', latitude: 60.6529, longitude: 17.1322 },
    ]);
  });
  return { tenant, reporter, coordinator, officer, admin };
}

const csv = [
  'extern id;datum;tid från;tid till;kategori;plats;antal;allvarlighet;beskrivning',
  'G-1;2026-11-30;21:00;21:30;Skadegörelse;Stortorget;3;2;Krossad ruta i entrén',
  'G-2;2026-11-31;21:00;;Skadegörelse;Stortorget;;;',
  'G-3;2026-12-01;22:15;;Otrygg plats;Sätra centrum;;1;',
].join('\r\n');
const fixed = csv.replace('2026-11-31', '2026-12-01');

const send = (member: TestMember, path: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/event-imports${path}`, headers: { ...member.headers, 'accept-language': 'sv' }, payload });
async function stored(tenant: TestTenant) {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.select({ ref: eventReport.externalRef, category: eventReport.category, source: eventReport.source, cipher: eventReport.descriptionCipher }).from(eventReport).where(and(eq(eventReport.tenantId, tenant.id), eq(eventReport.source, 'import'))),
  );
}

describe('event import', { timeout: 120_000 }, () => {
  it('previews a CSV with a bad row: the row, the field and a Swedish message; nothing is stored; audited with counts only', async () => {
    const { tenant, reporter } = await setUp();
    const response = await send(reporter, '/preview', { format: 'csv', content: `\uFEFF${csv}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.summary).toEqual({ rows: 3, valid: 2, errors: 1, skipped: 0, alreadyImported: 0 });
    expect(body.rows[0]).toMatchObject({ row: 3, status: 'error', errors: [{ row: 3, field: 'datum', message: 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-04.' }] });
    expect(JSON.stringify(body)).not.toContain('Krossad');
    expect(await stored(tenant)).toEqual([]);
    const [event] = await t.auditEvents(tenant, 'event_import.preview');
    expect(event!.details).toMatchObject({ format: 'csv', rows: 3, valid: 2, errors: 1 });
    expect(JSON.stringify(event)).not.toContain('Krossad');
  });

  it('a dry run stores nothing; the import stores the good rows only; a re-import stores no duplicates', async () => {
    const { tenant, reporter } = await setUp();
    const dry = await send(reporter, '', { format: 'csv', content: csv, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, inserted: 2, batchId: null });
    expect(await stored(tenant)).toEqual([]);

    const real = await send(reporter, '', { format: 'csv', content: csv });
    expect(real.json()).toMatchObject({ dryRun: false, inserted: 2, duplicates: 0 });
    const rows = await stored(tenant);
    expect(rows.map((row) => row.category).sort()).toEqual(['otrygg_plats', 'skadegorelse']);
    expect(rows.every((row) => row.cipher === null || !row.cipher.includes('Krossad'))).toBe(true);

    // The user fixes the bad row and imports the whole file again: only the fixed row is new.
    const again = await send(reporter, '', { format: 'csv', content: fixed });
    expect(again.json()).toMatchObject({ inserted: 1, duplicates: 2, summary: { valid: 3, alreadyImported: 2 } });
    expect(await stored(tenant)).toHaveLength(3);
    const audits = await t.auditEvents(tenant, 'event_import.import');
    expect(audits.map((a) => (a.details as { inserted: number }).inserted)).toEqual([2, 2, 1]);
  });

  it('imports the police JSON fixture: events at named places and areas, the rest skipped or errors per row', async () => {
    const { tenant, coordinator } = await setUp();
    const response = await send(coordinator, '', { format: 'police_json', content: police });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ summary: { rows: 10, valid: 4, errors: 4, skipped: 2 }, inserted: 4 });
    expect((await stored(tenant)).map((row) => row.ref).sort()).toEqual(['polisen:590101', 'polisen:590102', 'polisen:590103', 'polisen:590110']);
    expect((await send(coordinator, '', { format: 'police_json', content: police })).json()).toMatchObject({ inserted: 0, duplicates: 4 });
  });

  it('refuses who may not import (handläggare, administrator), audited as denied, and keeps tenants apart', async () => {
    const a = await setUp();
    const b = await setUp();
    for (const member of [a.officer, a.admin]) {
      expect((await send(member, '/preview', { format: 'csv', content: csv })).statusCode).toBe(403);
      expect((await send(member, '', { format: 'csv', content: csv })).statusCode).toBe(403);
    }
    expect((await t.auditEvents(a.tenant, 'event_import.import')).map((e) => e.outcome)).toEqual(['denied', 'denied']);
    await send(a.reporter, '', { format: 'csv', content: csv });
    // The same file in another tenant is new there, and tenant A's rows stay A's.
    expect((await send(b.reporter, '/preview', { format: 'csv', content: csv })).json().summary.alreadyImported).toBe(0);
    expect((await send(b.reporter, '', { format: 'csv', content: csv })).json().inserted).toBe(2);
    expect(await stored(a.tenant)).toHaveLength(2);
    expect(await stored(b.tenant)).toHaveLength(2);
  });

  it('refuses a file without the needed columns as a whole, and an unknown format as a 400', async () => {
    const { reporter } = await setUp();
    const body = (await send(reporter, '/preview', { format: 'csv', content: 'a;b\n1;2\n' })).json();
    expect(body.fileErrors.map((e: { code: string }) => e.code)).toEqual(['missing_column', 'missing_column', 'missing_location_column']);
    expect((await send(reporter, '/preview', { format: 'xml', content: '<a/>' })).statusCode).toBe(400);
  });
});
