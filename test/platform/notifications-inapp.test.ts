import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, and } from 'drizzle-orm';
import { TestApp } from '../factories';
import { inContext } from '../../src/server/db/context';
import { membership, notification } from '../../src/server/db/schema';
import { notify } from '../../src/server/modules/notifications/notify';
import { allNotifications, notifyNow, outboxRows } from './notifications-support';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const recipientsOf = (rows: { userId: string }[]) => rows.map((row) => row.userId).sort();

describe('notify()', () => {
  it("reaches the organisation's inbox roles for the kind, and nobody else", async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const otherSocial = await t.organisation(tenant, 'socialtjanst');
    const est = await t.organisation(tenant, 'annan');
    const intake = await t.member(tenant, social, 'mottagning');
    const officer = await t.member(tenant, social, 'handlaggare');
    const coordinatorInSocial = await t.member(tenant, social, 'koordinator');
    const adminInSocial = await t.member(tenant, social, 'administrator');
    const elsewhere = await t.member(tenant, otherSocial, 'mottagning');
    const estReporter = await t.member(tenant, est, 'est_rapportor');
    const estCoordinator = await t.member(tenant, est, 'koordinator');
    const formerIntake = await t.member(tenant, social, 'mottagning');
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.update(membership).set({ active: false }).where(and(eq(membership.tenantId, tenant.id), eq(membership.id, formerIntake.membershipId))),
    );

    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/abc', organisationId: social.id });
    await notifyNow(t, { tenantId: tenant.id, kind: 'place_report.received', link: '/mottagning/def', organisationId: est.id });

    const rows = await allNotifications(t, tenant);
    expect(recipientsOf(rows.filter((r) => r.kind === 'concern.received'))).toEqual([intake.userId, officer.userId].sort());
    expect(recipientsOf(rows.filter((r) => r.kind === 'place_report.received'))).toEqual([estReporter.userId, estCoordinator.userId].sort());
    const everyone = rows.map((r) => r.userId);
    for (const outsider of [coordinatorInSocial, adminInSocial, elsewhere, formerIntake]) expect(everyone).not.toContain(outsider.userId);
    // Only a kind and a link: the table has no other column that could hold anything about the matter.
    expect(Object.keys(rows[0]!).sort()).toEqual(['createdAt', 'id', 'kind', 'link', 'readAt', 'tenantId', 'userId']);
    // Each recipient also gets one e-mail in the outbox.
    expect(recipientsOf(await outboxRows(t, tenant))).toEqual([intake.userId, officer.userId, estReporter.userId, estCoordinator.userId].sort());
  });

  it('reaches explicit users only when they are active members of the tenant, each once', async () => {
    const tenant = await t.tenant();
    const other = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const foreignOrg = await t.organisation(other, 'socialtjanst');
    const officer = await t.member(tenant, social, 'handlaggare');
    const stranger = await t.member(other, foreignOrg, 'handlaggare');

    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.assigned', link: '/mottagning/x', organisationId: social.id, userIds: [officer.userId, stranger.userId, 'no-such-user'] });

    expect(recipientsOf(await allNotifications(t, tenant))).toEqual([officer.userId]);
    expect(await allNotifications(t, other)).toEqual([]);
  });

  it('creates nothing, in the app or in the outbox, when the transaction rolls back', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    await t.member(tenant, social, 'mottagning');
    await expect(
      inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
        await notify(tx, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/y', organisationId: social.id });
        throw new Error('the event failed after notifying');
      }),
    ).rejects.toThrow('the event failed');
    expect(await allNotifications(t, tenant)).toEqual([]);
    expect(await outboxRows(t, tenant)).toEqual([]);
  });

  it('refuses a link that leaves the app', async () => {
    const tenant = await t.tenant();
    for (const link of ['https://evil.example/x', '//evil.example/x', 'mottagning/x', '/\\evil.example']) {
      await expect(notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link, userIds: [] })).rejects.toThrow('not an internal link');
    }
  });

  it('cannot write a notification into another tenant', async () => {
    const tenant = await t.tenant();
    const other = await t.tenant();
    const org = await t.organisation(other, 'socialtjanst');
    const member = await t.member(other, org, 'mottagning');
    await expect(
      inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
        tx.insert(notification).values({ tenantId: other.id, userId: member.userId, kind: 'concern.received', link: '/' }),
      ),
    ).rejects.toThrow();
  });
});

describe('notifications API', () => {
  async function setUp() {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const intake = await t.member(tenant, social, 'mottagning');
    const colleague = await t.member(tenant, social, 'mottagning');
    return { tenant, social, intake, colleague };
  }

  it('lists my notifications newest first with the unread count, and marks them read', async () => {
    const { tenant, social, intake } = await setUp();
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/first', organisationId: social.id });
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.forwarded', link: '/mottagning/second', organisationId: social.id });

    const list = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: intake.headers });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.unreadCount).toBe(2);
    expect(body.notifications.map((n: { link: string }) => n.link)).toEqual(['/mottagning/second', '/mottagning/first']);
    expect(body.notifications[0]).toMatchObject({ kind: 'concern.forwarded', readAt: null });

    const read = await t.app.inject({ method: 'POST', url: `/api/notifications/${body.notifications[1].id}/read`, headers: intake.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const after = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: intake.headers })).json();
    expect(after.unreadCount).toBe(1);
    const unread = (await t.app.inject({ method: 'GET', url: '/api/notifications?unreadOnly=true', headers: intake.headers })).json();
    expect(unread.notifications.map((n: { link: string }) => n.link)).toEqual(['/mottagning/second']);

    const all = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: intake.headers });
    expect(all.json()).toEqual({ marked: 1, unreadCount: 0 });
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications', headers: intake.headers })).json().unreadCount).toBe(0);
  });

  it("answers 404 for someone else's notification, and marking all read leaves theirs unread", async () => {
    const { tenant, intake, colleague } = await setUp();
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.assigned', link: '/mottagning/mine', userIds: [colleague.userId] });
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: colleague.headers })).json().notifications[0];

    const mine = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: intake.headers })).json();
    expect(mine).toEqual({ notifications: [], unreadCount: 0 });
    const stolen = await t.app.inject({ method: 'POST', url: `/api/notifications/${theirs.id}/read`, headers: intake.headers });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('not_found');
    const missing = await t.app.inject({ method: 'POST', url: `/api/notifications/${crypto.randomUUID()}/read`, headers: intake.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe(stolen.body);
    await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: intake.headers });
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications', headers: colleague.headers })).json().unreadCount).toBe(1);
  });

  it('row-level security alone keeps another user\'s notifications out of a query that forgets to filter', async () => {
    const { tenant, intake, colleague } = await setUp();
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.assigned', link: '/mottagning/z', userIds: [colleague.userId] });
    const seen = await inContext(t.database.db, { tenantId: tenant.id, userId: intake.userId }, (tx) => tx.select().from(notification));
    expect(seen).toEqual([]);
    const own = await inContext(t.database.db, { tenantId: tenant.id, userId: colleague.userId }, (tx) => tx.select().from(notification));
    expect(own).toHaveLength(1);
  });

  it('requires a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});

describe('inbox subscriptions', () => {
  it('lists my inboxes; opting out stops notifications, e-mail off keeps them in the app only', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
    const intake = await t.member(tenant, social, 'mottagning');
    const quiet = await t.member(tenant, social, 'mottagning');
    const appOnly = await t.member(tenant, social, 'handlaggare');

    const list = await t.app.inject({ method: 'GET', url: '/api/notifications/subscriptions', headers: intake.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      subscriptions: [{ organisationId: social.id, organisationName: 'Socialtjänsten', subscribed: true, email: true, abilities: { read: true, update: true } }],
    });

    const out = await t.app.inject({ method: 'PUT', url: `/api/notifications/subscriptions/${social.id}`, headers: quiet.headers, payload: { subscribed: false, email: false } });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ subscribed: false, email: false });
    const noMail = await t.app.inject({ method: 'PUT', url: `/api/notifications/subscriptions/${social.id}`, headers: appOnly.headers, payload: { subscribed: true, email: false } });
    expect(noMail.statusCode).toBe(200);

    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/q', organisationId: social.id });
    expect(recipientsOf(await allNotifications(t, tenant))).toEqual([intake.userId, appOnly.userId].sort());
    expect(recipientsOf(await outboxRows(t, tenant))).toEqual([intake.userId]);
    expect((await t.auditEvents(tenant, 'notification.subscription.update')).length).toBe(2);
  });

  it('refuses to subscribe to an inbox I do not belong to (404), and unknown fields (400)', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const school = await t.organisation(tenant, 'skola');
    const teacher = await t.member(tenant, school, 'skolpersonal');
    const intake = await t.member(tenant, social, 'mottagning');
    const refused = await t.app.inject({ method: 'PUT', url: `/api/notifications/subscriptions/${social.id}`, headers: teacher.headers, payload: { subscribed: true, email: true } });
    expect(refused.statusCode).toBe(404);
    // The teacher has only the school's own inbox (referrals to its offers, issue 15 §4), never social services'.
    const own = (await t.app.inject({ method: 'GET', url: '/api/notifications/subscriptions', headers: teacher.headers })).json() as { subscriptions: { organisationId: string }[] };
    expect(own.subscriptions.map((s) => s.organisationId)).toEqual([school.id]);
    const extra = await t.app.inject({ method: 'PUT', url: `/api/notifications/subscriptions/${social.id}`, headers: intake.headers, payload: { subscribed: true, email: true, userId: teacher.userId } });
    expect(extra.statusCode).toBe(400);
  });
});
