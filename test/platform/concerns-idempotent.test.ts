import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { verifyTenantChain } from '../../src/server/audit/verify';
import { normaliseReceiptCode } from '../../src/shared/concerns';
import { concernCrypto } from '../../src/server/modules/concerns/concern-crypto';
import { newReceiptCode } from '../../src/server/modules/concerns/receipt-code';
import { sealReceipt, submissionHash } from '../../src/server/modules/concerns/submission-id';
import { testDatabaseKind } from '../support/database';
import { concernBody, inAppNotifications, intake, lookUp, placeBody, submitConcern, submitPlaceReport } from './concerns-support';

// A public report saved but never acknowledged (the connection dropped after the commit) must not
// become a duplicate when it is sent again: the form sends a submission id of its own, and a repeat
// is answered with the first receipt (modules/concerns/submission-id.ts, migration 0014).
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000', SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

interface Stored {
  reports: number;
  timeline: number;
  outbox: number;
  audited: number;
}

/** What the tenant holds: reports, their 'received' steps, the reports the queued e-mails stand for (coalesced) and audit events of submissions. */
async function stored(tenant: TestTenant): Promise<Stored> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const result = await tx.execute<Record<keyof Stored, string | number>>(sql`
      select (select count(*) from concern where tenant_id = ${tenant.id}) as reports,
        (select count(*) from concern_event where tenant_id = ${tenant.id} and type = 'received') as timeline,
        (select coalesce(sum(count), 0) from email_outbox where tenant_id = ${tenant.id}) as outbox,
        (select count(*) from audit_event where tenant_id = ${tenant.id} and action in ('concern.submit', 'place_report.submit')) as audited`);
    const row = result.rows[0]!;
    return { reports: Number(row.reports), timeline: Number(row.timeline), outbox: Number(row.outbox), audited: Number(row.audited) };
  });
}

const once: Stored = { reports: 1, timeline: 1, outbox: 1, audited: 1 };

describe('a public report sent again with its submission id', () => {
  it('is stored once, and the repeat gets the first receipt with the same answer', async () => {
    const { tenant, mottagning } = await intake(t);
    const submissionId = randomUUID();
    const first = await submitConcern(t, concernBody(t, tenant, { submissionId }));
    expect(first.statusCode).toBe(201);
    // The reporter never saw that answer, edits a word and sends again from the same form.
    const again = await submitConcern(t, concernBody(t, tenant, { submissionId, description: 'Samma oro, skickad igen.' }));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['cache-control']).toBe('no-store');

    // One report, one step in its timeline, one notice, one audit event: a repeat is not a new report.
    expect(await stored(tenant)).toEqual(once);
    expect(await inAppNotifications(t, mottagning)).toHaveLength(1);
    expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: 1, firstBrokenLink: null });
    expect((await lookUp(t, again.json().receiptCode)).json().status).toBe('mottagen');
  });

  it('takes the id in any case: a UUID in capitals is the same submission', async () => {
    const { tenant } = await intake(t);
    const submissionId = randomUUID();
    const first = await submitConcern(t, concernBody(t, tenant, { submissionId }));
    const again = await submitConcern(t, concernBody(t, tenant, { submissionId: submissionId.toUpperCase() }));
    expect(again.json().receiptCode).toBe(first.json().receiptCode);
    expect((await stored(tenant)).reports).toBe(1);
  });

  it('stores one report when several copies arrive at the same moment, and all of them get its receipt', async () => {
    const { tenant } = await intake(t);
    const submissionId = randomUUID();
    const responses = await Promise.all(Array.from({ length: 6 }, () => submitConcern(t, concernBody(t, tenant, { submissionId }))));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(responses.map((r) => r.json().receiptCode)).size).toBe(1);
    expect(await stored(tenant)).toEqual(once);
    expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: 1, firstBrokenLink: null });
  });

  it('keeps different submissions apart, also when repeats of each arrive among them', async () => {
    const { tenant } = await intake(t);
    const [a, b] = [randomUUID(), randomUUID()];
    const bodies = [a, b, a, undefined, b, a, undefined].map((submissionId) => concernBody(t, tenant, submissionId ? { submissionId } : {}));
    const responses = await Promise.all(bodies.map((body) => submitConcern(t, body)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(7).fill(201));
    const codes = responses.map((r) => r.json().receiptCode as string);
    expect(codes[2]).toBe(codes[0]);
    expect(codes[5]).toBe(codes[0]);
    expect(codes[4]).toBe(codes[1]);
    // a, b and the two sent without an id: four reports, four receipts.
    expect(new Set(codes).size).toBe(4);
    expect(await stored(tenant)).toEqual({ reports: 4, timeline: 4, outbox: 4, audited: 4 });
    for (const code of new Set(codes)) expect((await lookUp(t, code)).statusCode).toBe(200);
  });

  it.runIf(testDatabaseKind === 'postgres')('waits for a first report still being written in another transaction, and answers with its receipt', async () => {
    const { tenant, social } = await intake(t);
    const submissionId = randomUUID();
    const first = newReceiptCode(t.blindIndex);
    const firstId = randomUUID();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let signalInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (signalInserted = resolve));
    // The first sending, committed only after the repeat has reached the unique index.
    const holder = inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`insert into concern (tenant_id, id, kind, receipt_hash, submission_hash, receipt_encrypted, receiving_organisation_id, description_encrypted)
        values (${tenant.id}, ${firstId}, 'person', ${first.hash}, ${submissionHash(t.blindIndex, tenant.id, submissionId)},
          ${sealReceipt(concernCrypto(t.cipher), tenant.id, firstId, first.display)}, ${social.id}, 'x')`);
      signalInserted();
      await released;
    });
    await inserted;
    const racing = submitConcern(t, concernBody(t, tenant, { submissionId }));
    await t.database.asOwner(async (owner) => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const waiting = await owner.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%app_intake_public_batch%'`,
        );
        if (waiting.rows[0]!.n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the repeat never reached the unique index');
    });
    release();
    await holder;
    const response = await racing;
    expect(response.statusCode).toBe(201);
    expect(response.json().receiptCode).toBe(first.display);
    // Nothing of the repeat was written: no second report, no timeline step, notice or audit event of its own.
    expect(await stored(tenant)).toEqual({ reports: 1, timeline: 0, outbox: 0, audited: 0 });
  });

  it('stores two reports for two different ids, even with the same text', async () => {
    const { tenant } = await intake(t);
    const first = await submitConcern(t, concernBody(t, tenant, { submissionId: randomUUID() }));
    const second = await submitConcern(t, concernBody(t, tenant, { submissionId: randomUUID() }));
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json().receiptCode).not.toBe(first.json().receiptCode);
    expect((await stored(tenant)).reports).toBe(2);
  });

  it('does not tell the coordinators twice when the tenant asks for their notice', async () => {
    const { tenant, social } = await intake(t);
    const administrator = await t.member(tenant, await t.organisation(tenant, 'annan'), 'administrator');
    const coordinator = await t.member(tenant, await t.organisation(tenant, 'annan'), 'koordinator');
    const rule = await t.app.inject({ method: 'PUT', url: '/api/concern-routing/person', headers: administrator.headers, payload: { organisationId: social.id, notifyCoordinator: true } });
    expect(rule.statusCode).toBe(200);
    const submissionId = randomUUID();
    await submitConcern(t, concernBody(t, tenant, { submissionId }));
    await Promise.all([submitConcern(t, concernBody(t, tenant, { submissionId })), submitConcern(t, concernBody(t, tenant, { submissionId }))]);
    expect(await inAppNotifications(t, coordinator)).toEqual([{ kind: 'concern.received', link: '/' }]);
  });

  it('works the same for a place report', async () => {
    const { tenant } = await intake(t);
    const submissionId = randomUUID();
    const first = await submitPlaceReport(t, placeBody(t, tenant, { submissionId }));
    const again = await submitPlaceReport(t, placeBody(t, tenant, { submissionId }));
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json()).toEqual(first.json());
    expect((await stored(tenant)).reports).toBe(1);
  });

  it('refuses a malformed id with a field message, and stores nothing', async () => {
    const { tenant } = await intake(t);
    for (const submissionId of ['not-a-uuid', '', '12345678-1234-1234-1234-1234567890123', 42]) {
      const sv = await submitConcern(t, concernBody(t, tenant, { submissionId }));
      expect(sv.statusCode).toBe(400);
      expect(sv.json().error.fields).toHaveProperty('submissionId');
    }
    const sv = await submitConcern(t, concernBody(t, tenant, { submissionId: 'not-a-uuid' }));
    expect(sv.json().error.fields).toEqual({ submissionId: 'Fel format.' });
    const en = await submitConcern(t, concernBody(t, tenant, { submissionId: 'not-a-uuid' }), { 'accept-language': 'en' });
    expect(en.json().error.fields).toEqual({ submissionId: 'Wrong format.' });
    const place = await submitPlaceReport(t, placeBody(t, tenant, { submissionId: 'not-a-uuid' }));
    expect(place.statusCode).toBe(400);
    expect(place.json().error.fields).toEqual({ submissionId: 'Fel format.' });
    expect((await stored(tenant)).reports).toBe(0);
  });

  it('is still taken without an id (older forms, an association’s own site): each sending is a report', async () => {
    const { tenant } = await intake(t);
    const body = concernBody(t, tenant);
    const [first, second] = [await submitConcern(t, body), await submitConcern(t, body)];
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json().receiptCode).not.toBe(first.json().receiptCode);
    expect((await stored(tenant)).reports).toBe(2);
  });
});

describe('a submission id across tenants', () => {
  it('is a different submission in another tenant: its own report and receipt, nothing of the first tenant', async () => {
    const a = await intake(t);
    const b = await intake(t);
    const submissionId = randomUUID();
    const inA = await submitConcern(t, concernBody(t, a.tenant, { submissionId }));
    const inB = await submitConcern(t, concernBody(t, b.tenant, { submissionId }));
    expect([inA.statusCode, inB.statusCode]).toEqual([201, 201]);
    expect(inB.json().receiptCode).not.toBe(inA.json().receiptCode);
    expect(await stored(b.tenant)).toEqual(once);
    expect(await inAppNotifications(t, b.mottagning)).toHaveLength(1);

    // Each tenant answers its own repeat with its own receipt.
    expect((await submitConcern(t, concernBody(t, a.tenant, { submissionId }))).json().receiptCode).toBe(inA.json().receiptCode);
    expect((await submitConcern(t, concernBody(t, b.tenant, { submissionId }))).json().receiptCode).toBe(inB.json().receiptCode);
    expect(await stored(a.tenant)).toEqual(once);
    expect(await stored(b.tenant)).toEqual(once);
  });

  it('is kept at rest neither as the id nor as the receipt in clear, and differently per tenant', async () => {
    const a = await intake(t);
    const b = await intake(t);
    const submissionId = randomUUID();
    const codeA = (await submitConcern(t, concernBody(t, a.tenant, { submissionId }))).json().receiptCode as string;
    await submitConcern(t, concernBody(t, b.tenant, { submissionId }));
    const rows = await t.database.asOwner(async (owner) => {
      const result = await owner.execute<{ tenant_id: string; submission_hash: string; receipt_encrypted: string }>(
        sql`select tenant_id, submission_hash, receipt_encrypted from concern where tenant_id in (${a.tenant.id}, ${b.tenant.id})`,
      );
      return result.rows;
    });
    expect(rows).toHaveLength(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(submissionId);
    expect(text).not.toContain(codeA);
    expect(text).not.toContain(normaliseReceiptCode(codeA));
    expect(rows[0]!.submission_hash).not.toBe(rows[1]!.submission_hash);
  });
});
