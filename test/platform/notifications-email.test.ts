import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { user } from '../../src/server/db/schema';
import { createMailer, type MailLog, type SmtpSettings } from '../../src/server/mail/mailer';
import { composeNotificationMail } from '../../src/server/mail/compose';
import { drainOutbox, MAX_ATTEMPTS, OUTBOX_RETENTION_DAYS, pruneOutbox } from '../../src/server/modules/notifications/outbox-sender';
import { startNotificationJobs } from '../../src/server/modules/notifications/background';
import { emailOutbox } from '../../src/server/db/schema';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { concernBody, intake, newConcern, submitConcern } from './concerns-support';
import { notifyNow, outboxRows } from './notifications-support';

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

const FROM = 'Samverka <noreply@samverka.test>';
const settings = (overrides: Partial<SmtpSettings> = {}): SmtpSettings => ({ SMTP_URL: smtp.url, SAMVERKA_MAIL_FROM: FROM, ...overrides });

function collectingLog() {
  const lines: { level: string; details: object; message: string }[] = [];
  const log: MailLog = {
    info: (details, message) => lines.push({ level: 'info', details, message }),
    warn: (details, message) => lines.push({ level: 'warn', details, message }),
    error: (details, message) => lines.push({ level: 'error', details, message }),
  };
  return { log, lines };
}

async function drain(tenant: TestTenant, options: { mailerSettings?: SmtpSettings; at?: Date; log?: MailLog } = {}) {
  const log = options.log ?? collectingLog().log;
  const mailer = createMailer(options.mailerSettings ?? settings(), log);
  try {
    return await drainOutbox({ database: t.database, mailer, publicUrl: t.config.publicUrl, log, tenantIds: [tenant.id], clock: () => options.at ?? new Date() });
  } finally {
    mailer.close();
  }
}

describe('e-mail notifications through a real SMTP server', () => {
  it('mails the intake inbox a link and nothing about the person or the report', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const officer = await t.member(tenant, social, 'handlaggare');
    const school = await t.organisation(tenant, 'skola');
    const teacher = await t.member(tenant, school, 'skolpersonal');
    const concern = await newConcern(t, tenant);

    const result = await drain(tenant);
    expect(result).toEqual({ sent: 2, failed: 0, skipped: 0 });
    const mails = await smtp.waitFor(2);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([mottagning.email, officer.email].sort());
    expect(mails.flatMap((m) => m.to)).not.toContain(teacher.email);
    const link = `http://localhost:3000/mottagning/${concern.id}`;
    for (const mail of mails) {
      expect(mail.from).toBe('noreply@samverka.test');
      expect(mail.subject).toBe('Samverka: Ny orosanmälan i inkorgen');
      expect(mail.text).toContain(link);
      expect(mail.text).toContain('New report of concern in the inbox');
      // Nothing the reporter wrote, and nothing that names anyone.
      const body = concernBody(t, tenant) as { subject: Record<string, string>; description: string; place: string };
      for (const secret of [body.subject.name!, 'Kalle', 'Demosson', body.subject.school!, body.subject.whereSeen!, body.description, body.place, 'skolan', 'Köpcentret']) {
        expect(mail.raw).not.toContain(secret);
        expect(mail.text).not.toContain(secret);
        expect(mail.subject).not.toContain(secret);
      }
      expect(mail.text).not.toContain(mottagning.email);
    }
    expect((await outboxRows(t, tenant, 'sent')).length).toBe(2);
    // Drained once: a second pass sends nothing again.
    expect(await drain(tenant)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('retries a refused mail after a backoff, and sends it once', async () => {
    const { tenant, social, mottagning } = await intake(t);
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/retry', organisationId: social.id });
    const start = new Date();
    smtp.failNext(1);
    expect(await drain(tenant, { at: start })).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const [pending] = await outboxRows(t, tenant, 'pending');
    expect(pending).toMatchObject({ attempts: 1, lastError: 'EMESSAGE 451' });
    expect(pending!.nextAttemptAt.getTime()).toBeGreaterThan(start.getTime());

    // Not yet due: nothing is sent.
    expect(await drain(tenant, { at: start })).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await drain(tenant, { at: new Date(pending!.nextAttemptAt.getTime() + 1000) })).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const mails = await smtp.waitFor(1);
    expect(mails.map((m) => m.to)).toEqual([[mottagning.email]]);
    expect(await outboxRows(t, tenant, 'sent')).toHaveLength(1);
  });

  it('gives up after the last attempt and says so in the log, without the address', async () => {
    const { tenant, social } = await intake(t);
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/never', organisationId: social.id });
    await t.database.asOwner((db) => db.update(emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(emailOutbox.tenantId, tenant.id)));
    smtp.failNext(1);
    const { log, lines } = collectingLog();
    expect(await drain(tenant, { log })).toEqual({ sent: 0, failed: 1, skipped: 0 });
    expect(await outboxRows(t, tenant, 'failed')).toHaveLength(1);
    expect(lines.find((line) => line.level === 'error')?.message).toBe('e-mail given up');
    expect(JSON.stringify(lines)).not.toContain('@');
  });

  it('authenticates with SMTP_HOST, SMTP_PORT, SMTP_USER and SMTP_PASSWORD', async () => {
    const secured = await startTestSmtpServer({ user: 'samverka', password: 'hemligt-lösen' });
    try {
      const { tenant, social } = await intake(t);
      await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/auth', organisationId: social.id });
      const hostSettings = { SMTP_HOST: '127.0.0.1', SMTP_PORT: secured.port, SMTP_SECURE: false, SMTP_USER: 'samverka', SAMVERKA_MAIL_FROM: FROM };
      expect(await drain(tenant, { mailerSettings: { ...hostSettings, SMTP_PASSWORD: 'fel' } })).toMatchObject({ sent: 0, failed: 1 });
      expect(secured.received).toHaveLength(0);
      await t.database.asOwner((db) => db.update(emailOutbox).set({ nextAttemptAt: new Date(0) }).where(eq(emailOutbox.tenantId, tenant.id)));
      expect(await drain(tenant, { mailerSettings: { ...hostSettings, SMTP_PASSWORD: 'hemligt-lösen' } })).toMatchObject({ sent: 1, failed: 0 });
      expect((await secured.waitFor(1))[0]!.authUser).toBe('samverka');
    } finally {
      await secured.close();
    }
  });

  it('stops a pass at the first connection failure: the rest waits its backoff without a try', async () => {
    const { tenant, social } = await intake(t);
    await t.member(tenant, social, 'handlaggare');
    await t.member(tenant, social, 'handlaggare');
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/down', organisationId: social.id });
    const down = await startTestSmtpServer();
    await down.close();
    expect(await drain(tenant, { mailerSettings: settings({ SMTP_URL: down.url }) })).toEqual({ sent: 0, failed: 3, skipped: 0 });
    const rows = await outboxRows(t, tenant, 'pending');
    expect(rows.map((row) => row.lastError).sort()).toEqual(['ESOCKET', 'NOT_TRIED', 'NOT_TRIED']);
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
  });

  it('skips a user deactivated after the event', async () => {
    const { tenant, social, mottagning } = await intake(t);
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/gone', organisationId: social.id });
    await t.database.asOwner((db) => db.update(user).set({ active: false }).where(eq(user.id, mottagning.userId)));
    expect(await drain(tenant)).toEqual({ sent: 0, failed: 0, skipped: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it('writes the mail to a file in the data directory, and only its subject to the log, when SMTP is not configured', async () => {
    const { tenant, social } = await intake(t);
    await notifyNow(t, { tenantId: tenant.id, kind: 'place_report.received', link: '/mottagning/log', organisationId: social.id, userIds: [] });
    await t.member(tenant, social, 'handlaggare');
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/log', organisationId: social.id });
    const { log, lines } = collectingLog();
    const dataDir = mkdtempSync(join(tmpdir(), 'samverka-mail-'));
    const logOnly = createMailer({ SAMVERKA_MAIL_FROM: FROM, SAMVERKA_DATA_DIR: dataDir }, log);
    expect(logOnly.mode).toBe('log');
    expect(await drain(tenant, { mailerSettings: { SAMVERKA_MAIL_FROM: FROM, SAMVERKA_DATA_DIR: dataDir }, log })).toEqual({ sent: 2, failed: 0, skipped: 0 });
    expect(await outboxRows(t, tenant, 'logged')).toHaveLength(2);
    const logged = lines.filter((line) => line.message === 'e-mail not sent: SMTP is not configured');
    expect(logged).toHaveLength(2);
    // The log has neither the link (an invitation's would set a password) nor the address.
    expect(JSON.stringify(logged)).not.toContain('/mottagning/log');
    expect(JSON.stringify(logged)).not.toContain('@');
    const files = readdirSync(join(dataDir, 'mail'));
    expect(files).toHaveLength(2);
    for (const file of files) expect(readFileSync(join(dataDir, 'mail', file), 'utf8')).toContain('/mottagning/log');
    expect(smtp.received).toHaveLength(0);
  });

  it('the running sender is woken once the submission has committed', async () => {
    const { tenant, mottagning } = await intake(t);
    // A long interval: only the kick after the commit can deliver this within the test.
    const config = { ...t.config, SMTP_URL: smtp.url, SAMVERKA_MAIL_INTERVAL_SECONDS: 3600, SAMVERKA_DEADLINE_CHECK_SECONDS: 86_400 };
    const { log } = collectingLog();
    const jobs = startNotificationJobs(t.database, config, log, { tenantIds: [tenant.id] });
    try {
      expect(jobs.mailer.mode).toBe('smtp');
      await jobs.whenIdle();
      const response = await submitConcern(t, concernBody(t, tenant));
      expect(response.statusCode).toBe(201);
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual([mottagning.email]);
    } finally {
      await jobs.stop();
    }
  });
});

describe('outbox retention', () => {
  it('deletes finished rows after the retention, never pending ones', async () => {
    const { tenant, social } = await intake(t);
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/old', organisationId: social.id });
    await drain(tenant);
    await notifyNow(t, { tenantId: tenant.id, kind: 'concern.received', link: '/mottagning/waiting', organisationId: social.id });
    const later = new Date(Date.now() + (OUTBOX_RETENTION_DAYS + 1) * 86_400_000);
    expect(await pruneOutbox(t.database, new Date(), [tenant.id])).toBe(0);
    expect(await pruneOutbox(t.database, later, [tenant.id])).toBe(1);
    expect((await outboxRows(t, tenant)).map((row) => [row.link, row.status])).toEqual([['/mottagning/waiting', 'pending']]);
  });
});

describe('composeNotificationMail', () => {
  it('is generic: Swedish first, English below, and the link', () => {
    const mail = composeNotificationMail('concern.deadline_near', '/mottagning/1', 'https://samverka.example.se/');
    expect(mail.subject).toBe('Samverka: En tidsfrist för en orosanmälan närmar sig');
    expect(mail.text.indexOf('En tidsfrist')).toBeLessThan(mail.text.indexOf('A deadline'));
    expect(mail.text).toContain('https://samverka.example.se/mottagning/1');
  });
});
