import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { retentionRun, sspfCase, sspfSetting, user } from '../../src/server/db/schema';
import { runRetention } from '../../src/server/modules/retention/run-retention';
import { runNightlyRetentionIfDue, todaysRunTime } from '../../src/server/modules/retention/nightly';
import { insertCase, yearsAgo } from './retention-support';

// Retention before review (issue 12 §6): the nightly job only counts what it would delete until an
// administrator has confirmed the periods; the confirmation says who and when, and is audited.
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const inTenant = <T>(tenant: TestTenant, work: Parameters<typeof inContext<T>>[2]) => inContext(t.database.db, { tenantId: tenant.id, userId: null }, work);
const casesLeft = (tenant: TestTenant) =>
  inTenant(tenant, async (tx) => Number((await tx.select({ n: sql<number>`count(*)::int` }).from(sspfCase).where(eq(sspfCase.tenantId, tenant.id)))[0]!.n));
const runs = (tenant: TestTenant) => inTenant(tenant, (tx) => tx.select().from(retentionRun).where(eq(retentionRun.tenantId, tenant.id)).orderBy(desc(retentionRun.ranAt)));
const settings = (member: TestMember) => t.app.inject({ method: 'GET', url: '/api/retention-settings', headers: member.headers });
const confirm = (member: TestMember) => t.app.inject({ method: 'POST', url: '/api/retention-settings/confirmation', headers: member.headers });
const put = (member: TestMember, payload: Record<string, number>) => t.app.inject({ method: 'PUT', url: '/api/retention-settings', headers: member.headers, payload });

async function tenantWithOldCase() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const admin = await t.member(tenant, social, 'administrator');
  const child = await t.person(tenant);
  await insertCase(t, tenant, { personId: child.id, organisationId: social.id, closedAt: yearsAgo(8) });
  return { tenant, social, admin };
}

const tonight = todaysRunTime(new Date());
const at = (minutes: number) => new Date(tonight.getTime() + minutes * 60_000);

describe('retention before review', () => {
  it('runs dry every night until an administrator confirms the periods, and deletes from the next run on', async () => {
    const { tenant, admin } = await tenantWithOldCase();
    expect((await settings(admin)).json().confirmation).toBeNull();

    // Unconfirmed: the nightly run counts, records and audits what it would delete, and deletes nothing.
    expect(await runNightlyRetentionIfDue(t.database, at(1), [tenant.id])).toBe(1);
    expect(await casesLeft(tenant)).toBe(1);
    const [dry] = await runs(tenant);
    expect(dry).toMatchObject({ dryRun: true, summary: { case: 1 } });
    const [audited] = await t.auditEvents(tenant, 'retention.run');
    expect(audited!.details).toMatchObject({ dryRun: true, confirmed: false, counts: { case: 1 } });
    // The page lists it as a dry run; once a night.
    expect((await settings(admin)).json().recentRuns).toMatchObject([{ dryRun: true, counts: { case: 1 } }]);
    expect(await runNightlyRetentionIfDue(t.database, at(30), [tenant.id])).toBe(0);
    // A real run asked for directly (the CLI) is refused and leaves no trace of having run.
    expect((await runRetention(t.database, { tenantId: tenant.id, dryRun: false, now: at(31) }))[0]).toMatchObject({ refused: true, unconfirmed: true });
    expect(await runs(tenant)).toHaveLength(1);
    expect(await casesLeft(tenant)).toBe(1);

    // The administrator confirms: who and when are stored, shown and audited with the periods confirmed.
    const confirmed = await confirm(admin);
    expect(confirmed.statusCode).toBe(200);
    const [account] = await t.database.db.select({ name: user.name }).from(user).where(eq(user.id, admin.userId));
    expect(confirmed.json().confirmation).toMatchObject({ confirmedBy: account!.name });
    expect(Date.parse(confirmed.json().confirmation.confirmedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [stored] = await inTenant(tenant, (tx) => tx.select().from(sspfSetting).where(eq(sspfSetting.tenantId, tenant.id)));
    expect(stored).toMatchObject({ retentionConfirmedBy: admin.userId });
    const [event] = await t.auditEvents(tenant, 'retention.settings.confirm');
    expect(event).toMatchObject({ actorUserId: admin.userId, outcome: 'allowed' });
    expect(event!.details).toEqual({ years: { case: 5, concern: 5, consent: 5, person: 5 }, audit: 10 });

    // The same night's next pass now deletes.
    expect(await runNightlyRetentionIfDue(t.database, at(60), [tenant.id])).toBe(1);
    expect(await casesLeft(tenant)).toBe(0);
    expect((await runs(tenant))[0]).toMatchObject({ dryRun: false, summary: { case: 1 } });
    expect(await runNightlyRetentionIfDue(t.database, at(90), [tenant.id])).toBe(0);
  });

  it('withdraws the confirmation when a period changes (also the audit log\'s), and keeps it when the same periods are saved', async () => {
    const { tenant, admin } = await tenantWithOldCase();
    expect((await confirm(admin)).statusCode).toBe(200);

    const same = await put(admin, { case: 5, concern: 5, consent: 5, person: 5 });
    expect(same.statusCode).toBe(200);
    expect(same.json().confirmation).not.toBeNull();

    const longer = await put(admin, { case: 9, concern: 5, consent: 5, person: 5 });
    expect(longer.json().confirmation).toBeNull();
    expect((await t.auditEvents(tenant, 'retention.settings.update')).at(-1)!.details).toMatchObject({ after: { case: 9 }, confirmationWithdrawn: true });
    // Unconfirmed again: tonight's run is a dry run (the eight-year-old case would not go at nine years anyway).
    expect(await runNightlyRetentionIfDue(t.database, at(1), [tenant.id])).toBe(1);
    expect((await runs(tenant))[0]).toMatchObject({ dryRun: true });

    expect((await confirm(admin)).statusCode).toBe(200);
    const audit = await put(admin, { case: 9, concern: 5, consent: 5, person: 5, audit: 12 });
    expect(audit.json()).toMatchObject({ auditYears: 12, confirmation: null });
    expect((await put(admin, { case: 5, concern: 5, consent: 5, person: 5, audit: 1 })).statusCode).toBe(400);
    expect((await put(admin, { case: 5, concern: 5, consent: 5, person: 5, audit: 51 })).statusCode).toBe(400);
  });

  it('lets only the administrator confirm, and audits the refusal', async () => {
    const { tenant, social } = await tenantWithOldCase();
    const coordinator = await t.member(tenant, social, 'koordinator');
    const denied = await confirm(coordinator);
    expect(denied.statusCode).toBe(403);
    expect(await t.auditEvents(tenant, 'retention.settings.confirm')).toMatchObject([{ outcome: 'denied', actorUserId: coordinator.userId }]);
    const [row] = await inTenant(tenant, (tx) => tx.select().from(sspfSetting).where(and(eq(sspfSetting.tenantId, tenant.id))));
    expect(row?.retentionConfirmedAt ?? null).toBeNull();
    expect(await runNightlyRetentionIfDue(t.database, at(1), [tenant.id])).toBe(1);
    expect(await casesLeft(tenant)).toBe(1);
  });
});
