import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { createMailer, type MailLog } from '../../src/server/mail/mailer';
import { drainOutbox } from '../../src/server/modules/notifications/outbox-sender';
import { sendDueReminders } from '../../src/server/modules/reminders/send-reminders';
import { addDays, stockholmToday } from '../../src/server/modules/reminders/reminder-rules';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { startNotificationJobs } from '../../src/server/modules/notifications/background';
import { todaysRunTime } from '../../src/server/modules/retention/nightly';
import { allNotifications } from './notifications-support';
import { insertAction, insertCase, insertConsent, insertMeeting } from './retention-support';

let t: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  t = await TestApp.start();
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
afterEach(() => {
  smtp.received.length = 0;
});

const quiet: MailLog = { info: () => {}, warn: () => {}, error: () => {} };
async function drain(tenantId: string) {
  const mailer = createMailer({ SMTP_URL: smtp.url, SAMVERKA_MAIL_FROM: 'Samverka <noreply@samverka.test>' }, quiet);
  try {
    return await drainOutbox({ database: t.database, mailer, publicUrl: t.config.publicUrl, log: quiet, tenantIds: [tenantId] });
  } finally {
    mailer.close();
  }
}

describe('SSPF reminders', () => {
  it('reminds of a follow-up meeting, an overdue action and expiring consents once each, by e-mail with a link and nothing personal', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const school = await t.organisation(tenant, 'skola');
    const director = await t.member(tenant, social, 'koordinator');
    const otherCoordinator = await t.member(tenant, social, 'koordinator');
    const responsible = await t.member(tenant, school, 'skolpersonal');
    const bystander = await t.member(tenant, social, 'handlaggare');
    const child = await t.person(tenant, { firstName: 'Kalle', lastName: 'Påminnelsesson' });
    const now = new Date();
    const today = stockholmToday(now);

    const caseId = await insertCase(t, tenant, { personId: child.id, organisationId: social.id, directorUserId: director.userId });
    const closedCase = await insertCase(t, tenant, { personId: child.id, organisationId: social.id, directorUserId: director.userId, closedAt: new Date() });
    await insertMeeting(t, tenant, caseId, addDays(today, 1)); // due: within two days
    await insertMeeting(t, tenant, caseId, addDays(today, 5)); // not yet
    await insertMeeting(t, tenant, caseId, addDays(today, 1), true); // already held
    await insertMeeting(t, tenant, closedCase, addDays(today, 1)); // the case is closed
    await insertAction(t, tenant, { caseId, organisationId: school.id, dueOn: addDays(today, -1), responsibleUserId: responsible.userId }); // overdue
    await insertAction(t, tenant, { caseId, organisationId: school.id, dueOn: addDays(today, -3), status: 'klar' }); // done
    await insertAction(t, tenant, { caseId, organisationId: school.id, dueOn: today }); // due today, not past
    await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: addDays(today, 10), caseId }); // to the director
    await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: addDays(today, 20) }); // no case: every coordinator
    await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: addDays(today, 45) }); // not yet
    await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: addDays(today, 8), caseId: closedCase }); // the case is closed
    await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: addDays(today, 5), withdrawnAt: new Date() }); // withdrawn

    expect(await sendDueReminders(t.database, now, [tenant.id])).toBe(4);
    const notifications = await allNotifications(t, tenant);
    const byKind = (kind: string) => notifications.filter((n) => n.kind === kind).map((n) => n.userId).sort();
    expect(byKind('case.follow_up_due')).toEqual([director.userId]);
    expect(byKind('case.action_overdue')).toEqual([director.userId, responsible.userId].sort());
    expect(byKind('consent.expiring')).toEqual([director.userId, director.userId, otherCoordinator.userId].sort());
    expect(notifications.map((n) => n.userId)).not.toContain(bystander.userId);
    expect(notifications.filter((n) => n.kind !== 'consent.expiring').every((n) => n.link === `/samverkan/${caseId}`)).toBe(true);

    expect(await drain(tenant.id)).toEqual({ sent: 6, failed: 0, skipped: 0 });
    const mails = await smtp.waitFor(6);
    expect(mails.filter((m) => m.to.includes(responsible.email))).toHaveLength(1);
    expect(mails.find((m) => m.to.includes(responsible.email))!.subject).toBe('Samverka: En insats har passerat sitt slutdatum');
    for (const mail of mails) {
      expect(mail.text).toMatch(/http:\/\/localhost:3000\/samverkan[/?]/);
      for (const secret of ['Kalle', 'Påminnelsesson', child.identityNumber, child.identityNumber.slice(2, 8), 'Fotbollsträning', 'Samverkan kring skolgången']) {
        expect(mail.raw).not.toContain(secret);
      }
    }

    // The next pass (the deadline job runs every few minutes) reminds of nothing again.
    expect(await sendDueReminders(t.database, new Date(now.getTime() + 600_000), [tenant.id])).toBe(0);
    expect(await drain(tenant.id)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await allNotifications(t, tenant)).toHaveLength(notifications.length);
  });

  it("sends nothing to another tenant's members", async () => {
    const a = await t.tenant();
    const b = await t.tenant();
    const socialA = await t.organisation(a, 'socialtjanst');
    const socialB = await t.organisation(b, 'socialtjanst');
    const coordinatorB = await t.member(b, socialB, 'koordinator');
    const child = await t.person(a);
    await insertConsent(t, a, { personId: child.id, organisationIds: [socialA.id], validTo: addDays(stockholmToday(new Date()), 3) });
    // Tenant a has no coordinator: the reminder waits for one rather than reaching into b.
    expect(await sendDueReminders(t.database, new Date(), [a.id, b.id])).toBe(0);
    expect(await allNotifications(t, b)).toEqual([]);
    expect(coordinatorB.tenantId).toBe(b.id);
  });

  it('runs in the server\'s deadline job, with nightly retention after 02:00 unless switched off', async () => {
    for (const nightly of [true, false]) {
      const tenant = await t.tenant();
      const social = await t.organisation(tenant, 'socialtjanst');
      const director = await t.member(tenant, social, 'koordinator');
      const child = await t.person(tenant);
      const caseId = await insertCase(t, tenant, { personId: child.id, organisationId: social.id, directorUserId: director.userId });
      await insertMeeting(t, tenant, caseId, stockholmToday(new Date()));
      const config = { ...t.config, SMTP_URL: smtp.url, SAMVERKA_MAIL_INTERVAL_SECONDS: 3600, SAMVERKA_DEADLINE_CHECK_SECONDS: 86_400, SAMVERKA_RETENTION_NIGHTLY: nightly };
      const jobs = startNotificationJobs(t.database, config, quiet, { tenantIds: [tenant.id] });
      try {
        await jobs.whenIdle();
      } finally {
        await jobs.stop();
      }
      expect((await allNotifications(t, tenant)).map((n) => [n.kind, n.userId])).toEqual([['case.follow_up_due', director.userId]]);
      // The start-up pass: before 02:00 Stockholm time the night's run has not come yet.
      const expected = nightly && new Date() >= todaysRunTime(new Date()) ? 1 : 0;
      expect(await t.auditEvents(tenant, 'retention.run'), `nightly ${nightly}`).toHaveLength(expected);
    }
  });
});
