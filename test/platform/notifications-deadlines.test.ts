import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { concern } from '../../src/server/db/schema';
import { findConcernsWithNearingDeadlines, notifyNearingDeadlines } from '../../src/server/modules/notifications/deadlines';
import { inContext } from '../../src/server/db/context';
import { intake, newConcern, newPlaceReport } from './concerns-support';
import { allNotifications, outboxRows } from './notifications-support';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0', SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

async function dueDates(tenant: TestTenant, id: string) {
  const [row] = await t.database.asOwner((db) => db.select().from(concern).where(and(eq(concern.tenantId, tenant.id), eq(concern.id, id))));
  return { assessment: row!.assessmentDueAt!, decision: row!.decisionDueAt! };
}
const hours = (n: number) => n * 3_600_000;
const deadlineNotices = async (tenant: TestTenant) => (await allNotifications(t, tenant)).filter((n) => n.kind === 'concern.deadline_near');

describe('deadline job', () => {
  it('tells the inbox once when the protection assessment nears, and once when the decision nears', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const officer = await t.member(tenant, social, 'handlaggare');
    const { id } = await newConcern(t, tenant);
    const due = await dueDates(tenant, id);

    // Well before: nothing.
    expect(await notifyNearingDeadlines(t.database, new Date(due.assessment.getTime() - hours(6)), [tenant.id])).toBe(0);
    expect(await deadlineNotices(tenant)).toEqual([]);

    const nearAssessment = new Date(due.assessment.getTime() - hours(1));
    expect(await notifyNearingDeadlines(t.database, nearAssessment, [tenant.id])).toBe(1);
    expect(await notifyNearingDeadlines(t.database, nearAssessment, [tenant.id])).toBe(0);
    expect(await notifyNearingDeadlines(t.database, new Date(due.assessment.getTime() + hours(2)), [tenant.id])).toBe(0);
    let notices = await deadlineNotices(tenant);
    expect(notices.map((n) => n.userId).sort()).toEqual([mottagning.userId, officer.userId].sort());
    expect(notices.every((n) => n.link === `/mottagning/${id}`)).toBe(true);

    // Assessed in time; the decision deadline nears two weeks later: one more notice each, and only that.
    await t.database.asOwner((db) => db.update(concern).set({ assessedAt: new Date(), status: 'under_bedomning' }).where(and(eq(concern.tenantId, tenant.id), eq(concern.id, id))));
    const nearDecision = new Date(due.decision.getTime() - hours(24));
    expect(await notifyNearingDeadlines(t.database, nearDecision, [tenant.id])).toBe(1);
    expect(await notifyNearingDeadlines(t.database, new Date(due.decision.getTime() + hours(1)), [tenant.id])).toBe(0);
    notices = await deadlineNotices(tenant);
    expect(notices).toHaveLength(4);
    // Each notice is mailed too.
    expect((await outboxRows(t, tenant)).filter((row) => row.kind === 'concern.deadline_near')).toHaveLength(4);
  });

  it('also tells the assigned case officer, and says nothing about decided, closed or place reports', async () => {
    const { tenant, social } = await intake(t);
    const officer = await t.member(tenant, social, 'handlaggare');
    const assigned = await newConcern(t, tenant);
    const decided = await newConcern(t, tenant);
    const closed = await newConcern(t, tenant);
    await newPlaceReport(t, tenant);
    const set = (id: string, change: Partial<typeof concern.$inferInsert>) =>
      t.database.asOwner((db) => db.update(concern).set(change).where(and(eq(concern.tenantId, tenant.id), eq(concern.id, id))));
    await set(assigned.id, { assignedUserId: officer.userId });
    await set(decided.id, { assessedAt: new Date(), decidedAt: new Date(), decision: 'utredning_inledd', status: 'avslutad' });
    await set(closed.id, { closedAt: new Date(), closeReason: 'dubblett', status: 'avslutad' });

    const due = await dueDates(tenant, assigned.id);
    const late = new Date(due.decision.getTime() + hours(1));
    const found = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => findConcernsWithNearingDeadlines(tx, tenant.id, late));
    expect(found.map((f) => [f.concernId, f.deadline]).sort()).toEqual([
      [assigned.id, 'assessment'],
      [assigned.id, 'decision'],
    ]);
    expect(await notifyNearingDeadlines(t.database, late, [tenant.id])).toBe(2);
    const notices = await deadlineNotices(tenant);
    expect(new Set(notices.map((n) => n.link))).toEqual(new Set([`/mottagning/${assigned.id}`]));
    // The officer is both in the inbox and the assignee: one notice per deadline, not two.
    expect(notices.filter((n) => n.userId === officer.userId)).toHaveLength(2);
  });

  it('leaves other tenants alone', async () => {
    const a = await intake(t);
    const b = await intake(t);
    const { id } = await newConcern(t, b.tenant);
    const due = await dueDates(b.tenant, id);
    expect(await notifyNearingDeadlines(t.database, new Date(due.decision.getTime()), [a.tenant.id])).toBe(0);
    expect(await deadlineNotices(b.tenant)).toEqual([]);
  });
});
