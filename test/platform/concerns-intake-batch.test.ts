import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp } from '../factories';
import { inContext } from '../../src/server/db/context';
import { verifyTenantChain } from '../../src/server/audit/verify';
import { concernBody, intake, lookUp, placeBody, submitConcern, submitPlaceReport } from './concerns-support';

// Group commit of the public intake (modules/concerns/intake-batch.ts): a burst of submissions is
// written in few transactions, and still every receipt stands for a committed report.
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000', SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

const BURST = 50;

async function stored(tenantId: string): Promise<{ count: number; moments: number; timeline: number; outbox: number }> {
  return inContext(t.database.db, { tenantId, userId: null }, async (tx) => {
    const result = await tx.execute<{ count: string | number; moments: string | number; timeline: string | number; outbox: string | number }>(sql`
      select (select count(*) from concern where tenant_id = ${tenantId}) as count,
        (select count(distinct received_at) from concern where tenant_id = ${tenantId}) as moments,
        (select count(*) from concern_event where tenant_id = ${tenantId} and type = 'received') as timeline,
        (select coalesce(sum(count), 0) from email_outbox where tenant_id = ${tenantId}) as outbox`);
    const row = result.rows[0]!;
    return { count: Number(row.count), moments: Number(row.moments), timeline: Number(row.timeline), outbox: Number(row.outbox) };
  });
}

describe('public intake under a burst', () => {
  it('gives every one of 50 simultaneous submissions a receipt for a stored report, notified and audited once each', async () => {
    const { tenant, mottagning } = await intake(t);
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        i % 5 === 0 ? submitPlaceReport(t, placeBody(t, tenant)) : submitConcern(t, concernBody(t, tenant, { description: `Oro nummer ${i}` })),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(BURST).fill(201));
    const codes = responses.map((r) => r.json().receiptCode as string);
    expect(new Set(codes).size).toBe(BURST);
    for (const code of codes) expect((await lookUp(t, code)).json().status).toBe('mottagen');

    const facts = await stored(tenant.id);
    expect(facts.count).toBe(BURST);
    expect(facts.timeline).toBe(BURST);
    // Written together: fewer commit moments than reports (each batch shares its time of receipt).
    expect(facts.moments).toBeLessThan(BURST);
    // The intake officer hears of the 40 person concerns, in one coalesced mail (place reports go to EST/coordinators, none here).
    expect(facts.outbox).toBe(40);
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: mottagning.headers })).json();
    expect(inbox.unreadCount).toBe(40);
    expect(new Set(inbox.notifications.map((n: { link: string }) => n.link)).size).toBe(inbox.notifications.length);

    // One audit event per report, without actor or address, and the chain verifies.
    const audited = [...(await t.auditEvents(tenant, 'concern.submit')), ...(await t.auditEvents(tenant, 'place_report.submit'))];
    expect(audited).toHaveLength(BURST);
    for (const event of audited) expect(event).toMatchObject({ actorUserId: null, ip: null, userAgent: null });
    expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: BURST, firstBrokenLink: null });
  });

  it('lets the others of a batch through when one report cannot be stored, and hands that one no receipt', async () => {
    const { tenant } = await intake(t);
    // A report the database refuses (here: a trigger, for one marked date) fails its batch; the rest are written again alone.
    const refused = '2001-02-03';
    const statements = [
      `create or replace function test_refuse_marked_concern() returns trigger language plpgsql as $$
        begin raise exception 'refused by test'; end $$`,
      'drop trigger if exists test_refuse_marked_concern on concern',
      `create trigger test_refuse_marked_concern before insert on concern for each row
        when (new.tenant_id = '${tenant.id}' and new.occurred_on = date '${refused}') execute function test_refuse_marked_concern()`,
    ];
    await t.database.asOwner(async (owner) => {
      for (const statement of statements) await owner.execute(sql.raw(statement));
    });
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => submitConcern(t, concernBody(t, tenant, i === 7 ? { occurredOn: refused } : {}))),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses[7]).toBe(500);
      expect(statuses.filter((s, i) => i !== 7)).toEqual(Array(19).fill(201));
      const facts = await stored(tenant.id);
      expect(facts.count).toBe(19);
      expect(facts.timeline).toBe(19);
      expect(await t.auditEvents(tenant, 'concern.submit')).toHaveLength(19);
      expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: 19, firstBrokenLink: null });
    } finally {
      await t.database.asOwner(async (owner) => {
        await owner.execute(sql.raw('drop trigger if exists test_refuse_marked_concern on concern'));
        await owner.execute(sql.raw('drop function if exists test_refuse_marked_concern()'));
      });
    }
  });

  it('answers 404 to a burst for a tenant with nowhere to route, and keeps another tenant\'s burst whole', async () => {
    const empty = await t.tenant();
    const { tenant } = await intake(t);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submitConcern(t, concernBody(t, i % 2 === 0 ? empty : tenant))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 404 : 201)));
    expect((await stored(tenant.id)).count).toBe(10);
    expect((await stored(empty.id)).count).toBe(0);
    expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: 10, firstBrokenLink: null });
  });
});
