import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { concernBody, intake, newConcern, newPlaceReport, readConcern, submitConcern } from './concerns-support';

/**
 * A report's reference is one staff can say aloud ("OR-2026-0042"): numbered per tenant, kind and year,
 * the same on every read, in the inbox as on the concern page, and never the public receipt code.
 */

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000', SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

const REFERENCE = /^(OR|PL)-(\d{4})-(\d{4,})$/;

describe('concern references', () => {
  it('numbers each tenant’s reports of a kind 1, 2, 3 in the year received, shown in the inbox and on the concern', async () => {
    const { tenant, mottagning } = await intake(t);
    const est = await t.member(tenant, await t.organisation(tenant, 'bostadsbolag'), 'est_rapportor');
    const first = await newConcern(t, tenant);
    const second = await newConcern(t, tenant);
    const place = await newPlaceReport(t, tenant);
    const year = new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' });

    const detail = (await readConcern(t, mottagning, first.id)).json() as { reference: string };
    expect(detail.reference).toBe(`OR-${year}-0001`);
    expect((await readConcern(t, mottagning, second.id)).json().reference).toBe(`OR-${year}-0002`);
    // Stable: read again, the same reference.
    expect((await readConcern(t, mottagning, first.id)).json().reference).toBe(`OR-${year}-0001`);

    const inbox = await t.app.inject({ method: 'GET', url: '/api/concerns?kind=person', headers: mottagning.headers });
    expect(inbox.statusCode).toBe(200);
    const rows = inbox.json().concerns as { id: string; reference: string }[];
    expect(Object.fromEntries(rows.map((row) => [row.id, row.reference]))).toEqual({ [first.id]: `OR-${year}-0001`, [second.id]: `OR-${year}-0002` });

    // The place report is counted on its own; the EST reporter reads it.
    expect((await readConcern(t, est, place.id)).json().reference).toBe(`PL-${year}-0001`);
  });

  it('is unique per tenant, not across tenants, and is never the receipt code', async () => {
    const a = await intake(t);
    const b = await intake(t);
    const inA = await newConcern(t, a.tenant);
    const inB = await newConcern(t, b.tenant);
    const refA = (await readConcern(t, a.mottagning, inA.id)).json().reference as string;
    const refB = (await readConcern(t, b.mottagning, inB.id)).json().reference as string;
    // Each tenant starts its own series: the same text names a different report in each.
    expect(refA).toMatch(REFERENCE);
    expect(refA).toBe(refB);
    for (const [reference, receipt] of [
      [refA, inA.receiptCode],
      [refB, inB.receiptCode],
    ] as const) {
      const bare = (text: string) => text.replace(/[^A-Z0-9]/gi, '').toUpperCase();
      expect(bare(reference)).not.toContain(bare(receipt));
      expect(reference).not.toContain(receipt);
    }
    // The other tenant's reader cannot reach the report by its id.
    expect((await readConcern(t, b.mottagning, inA.id)).statusCode).toBe(404);
  });

  it('hands out distinct numbers to reports sent at the same moment', async () => {
    const { tenant, mottagning } = await intake(t);
    const sent = await Promise.all(Array.from({ length: 6 }, () => submitConcern(t, concernBody(t, tenant))));
    expect(sent.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/concerns?kind=person&pageSize=50', headers: mottagning.headers });
    const references = (inbox.json().concerns as { reference: string }[]).map((row) => row.reference);
    expect(references).toHaveLength(6);
    expect(new Set(references).size).toBe(6);
    expect(references.map((reference) => Number(REFERENCE.exec(reference)![3])).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
