import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { createMailer, type MailLog, type Mailer } from '../../src/server/mail/mailer';
import { drainOutbox } from '../../src/server/modules/notifications/outbox-sender';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { concernBody, intake, newConcern, submitConcern } from './concerns-support';
import { notifyNow, outboxRows } from './notifications-support';

// Issue 12 §6, "e-mail under a flood": while a new-report mail waits for a subscriber, no second one
// is queued; the one mail says how many reports arrived.
let t: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0', SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000' });
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

/** One pass of the mail sender over the tenant's outbox, through the real SMTP server (optionally a wrapped mailer). */
async function drain(tenant: TestTenant, wrap: (mailer: Mailer) => Mailer = (m) => m) {
  const mailer = createMailer({ SMTP_URL: smtp.url, SAMVERKA_MAIL_FROM: 'Samverka <noreply@samverka.test>' }, quiet);
  try {
    return await drainOutbox({ database: t.database, mailer: wrap(mailer), publicUrl: t.config.publicUrl, log: quiet, tenantIds: [tenant.id] });
  } finally {
    mailer.close();
  }
}

const inbox = '/mottagning';

describe('the link a coalesced mail carries', () => {
  it('keeps the shared page when a mail merged in several steps meets one more report', async () => {
    const merged = async (a: string, b: string) =>
      (await t.database.db.execute<{ link: string }>(sql`select app_coalesced_link(${a}, ${b}) as link`)).rows[0]!.link;
    expect(await merged('/mottagning/a', '/mottagning/a')).toBe('/mottagning/a');
    expect(await merged('/mottagning/a', '/mottagning/b')).toBe('/mottagning');
    // A mail already standing for several reports, then one more (a second batch): still the inbox.
    expect(await merged('/mottagning', '/mottagning/c')).toBe('/mottagning');
    expect(await merged('/mottagning/c', '/mottagning')).toBe('/mottagning');
    expect(await merged('/mottagning/a', '/platser/b')).toBe('/');
  });
});

describe('new-report mails under a flood', () => {
  it('gives each subscriber one mail for a burst of 500 reports, saying how many, while the app lists every report', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const officer = await t.member(tenant, social, 'handlaggare');
    const BURST = 500;
    for (let sent = 0; sent < BURST; sent += 100) {
      const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => submitConcern(t, concernBody(t, tenant, { description: `Oro nummer ${sent + i}` }))));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(100).fill(201));
    }

    // One waiting mail per subscriber, counting every report.
    const waiting = (await outboxRows(t, tenant, 'pending')).filter((row) => row.kind === 'concern.received');
    expect(waiting.map((row) => row.userId).sort()).toEqual([mottagning.userId, officer.userId].sort());
    expect(waiting.map((row) => row.count)).toEqual([BURST, BURST]);

    expect(await drain(tenant)).toEqual({ sent: 2, failed: 0, skipped: 0 });
    const mails = await smtp.waitFor(2);
    expect(mails).toHaveLength(2);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([mottagning.email, officer.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe('Samverka: 500 nya orosanmälningar i inkorgen');
      expect(mail.text).toContain('500 new reports of concern in the inbox');
      // The inbox, not one of the 500 reports.
      expect(mail.text).toContain(`${t.config.publicUrl.replace(/\/$/, '')}${inbox}\n`);
      expect(mail.text).not.toMatch(/\/mottagning\/[0-9a-f-]{36}/);
    }
    // Nothing left to send: the next pass mails no one.
    expect(await drain(tenant)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(2);

    // In the app every report keeps its own notification and link.
    const list = (await t.app.inject({ method: 'GET', url: '/api/notifications?limit=100', headers: mottagning.headers })).json();
    expect(list.unreadCount).toBe(BURST);
    expect(new Set(list.notifications.map((n: { link: string }) => n.link)).size).toBe(100);
  }, 600_000);

  it('keeps reports that arrive while the mail is on its way for the next pass, and a lone report gets the usual mail', async () => {
    const { tenant, social, mottagning } = await intake(t);
    for (let i = 0; i < 3; i += 1) await newConcern(t, tenant);

    // Two more reports arrive while the sender is handing the mail of three to the SMTP server.
    const during = (mailer: Mailer): Mailer => ({
      ...mailer,
      send: async (message) => {
        for (let i = 0; i < 2; i += 1) await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: `/mottagning/00000000-0000-4000-8000-00000000000${i}`, organisationId: social.id });
        return mailer.send(message);
      },
    });
    expect(await drain(tenant, during)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const [first] = await smtp.waitFor(1);
    expect(first!.to).toEqual([mottagning.email]);
    expect(first!.subject).toBe('Samverka: 3 nya orosanmälningar i inkorgen');
    const rows = (await outboxRows(t, tenant)).filter((row) => row.kind === 'concern.received');
    expect(rows.map((row) => [row.status, row.count]).sort()).toEqual([['pending', 2], ['sent', 3]]);

    // The next pass: one mail for the two.
    expect(await drain(tenant)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const second = (await smtp.waitFor(2))[1]!;
    expect(second.subject).toBe('Samverka: 2 nya orosanmälningar i inkorgen');

    // Quiet again: a single report is mailed as one, with its own link.
    const lone = await newConcern(t, tenant);
    expect(await drain(tenant)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const third = (await smtp.waitFor(3))[2]!;
    expect(third.subject).toBe('Samverka: Ny orosanmälan i inkorgen');
    expect(third.text).toContain(`/mottagning/${lone.id}`);
  }, 300_000);

  it('coalesces only the new-report mails: other kinds still go one by one', async () => {
    const { tenant, social, mottagning } = await intake(t);
    for (let i = 0; i < 2; i += 1) {
      await notifyNow(t, { tenantId: tenant.id, kind: 'concern.assigned', link: `/mottagning/00000000-0000-4000-8000-00000000001${i}`, userIds: [mottagning.userId] });
      await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: `/mottagning/00000000-0000-4000-8000-00000000002${i}`, organisationId: social.id });
    }
    const rows = await outboxRows(t, tenant, 'pending');
    expect(rows.filter((row) => row.kind === 'concern.assigned').map((row) => row.count)).toEqual([1, 1]);
    expect(rows.filter((row) => row.kind === 'concern.received').map((row) => row.count)).toEqual([2]);
    expect(await drain(tenant)).toEqual({ sent: 3, failed: 0, skipped: 0 });
    const subjects = (await smtp.waitFor(3)).map((m) => m.subject).sort();
    expect(subjects).toEqual(['Samverka: 2 nya orosanmälningar i inkorgen', 'Samverka: En orosanmälan har tilldelats dig', 'Samverka: En orosanmälan har tilldelats dig']);
  }, 300_000);
});
