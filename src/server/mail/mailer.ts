import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Who the mail is for, as the log may name them: a user id, never the address. */
  recipientRef: string;
}

/** The few log calls the mail code makes; Fastify's logger (pino) fits. */
export interface MailLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Mailer {
  /**
   * `smtp` sends; `log` (no SMTP configured) writes each message to a file in the mail folder and
   * only its subject to the log: a mail can carry a set-password link, which is a credential.
   */
  readonly mode: 'smtp' | 'log';
  /** Where mail goes, without credentials: for the start-up line. */
  readonly description: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export type SmtpSettings = Pick<Config, 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_SECURE' | 'SAMVERKA_MAIL_FROM'> &
  Partial<Pick<Config, 'SAMVERKA_DATA_DIR'>>;

/**
 * SMTP when configured (SMTP_URL, or SMTP_HOST and friends); otherwise each mail is written to a file
 * in `<SAMVERKA_DATA_DIR>/mail` (nothing at all without a data directory) and the log says only that.
 */
export function createMailer(settings: SmtpSettings, log: MailLog): Mailer {
  const options = smtpOptions(settings);
  if (!options) return logOnlyMailer(log, settings.SAMVERKA_DATA_DIR ? join(settings.SAMVERKA_DATA_DIR, 'mail') : null);
  const transport: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(options);
  return {
    mode: 'smtp',
    description: describeSmtp(settings),
    async send(message) {
      await transport.sendMail({ from: settings.SAMVERKA_MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

function smtpOptions(settings: SmtpSettings): SMTPTransport.Options | string | null {
  if (settings.SMTP_URL) return settings.SMTP_URL;
  if (!settings.SMTP_HOST) return null;
  const secure = settings.SMTP_SECURE ?? settings.SMTP_PORT === 465;
  return {
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    auth: settings.SMTP_USER ? { user: settings.SMTP_USER, pass: settings.SMTP_PASSWORD ?? '' } : undefined,
    // A stuck server must not hold the sender for minutes: the row is retried later instead.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
}

function describeSmtp(settings: SmtpSettings): string {
  if (settings.SMTP_URL) {
    const url = new URL(settings.SMTP_URL);
    return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
  }
  const secure = settings.SMTP_SECURE ?? settings.SMTP_PORT === 465;
  return `${secure ? 'smtps' : 'smtp'}://${settings.SMTP_HOST}:${settings.SMTP_PORT ?? (secure ? 465 : 587)}`;
}

function logOnlyMailer(log: MailLog, mailDir: string | null): Mailer {
  let sequence = 0;
  return {
    mode: 'log',
    description: mailDir ? `files in ${mailDir} (SMTP is not configured)` : 'nowhere (SMTP is not configured)',
    async send(message) {
      // The log gets neither the address nor the text: an invitation's link sets a password.
      let file: string | null = null;
      if (mailDir) {
        mkdirSync(mailDir, { recursive: true, mode: 0o700 });
        file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${(sequence += 1)}-${message.recipientRef.replace(/[^A-Za-z0-9_-]/g, '')}.txt`;
        writeFileSync(join(mailDir, file), `To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}`, { mode: 0o600 });
      }
      log.info({ recipient: message.recipientRef, subject: message.subject, file }, 'e-mail not sent: SMTP is not configured');
    },
    close: () => undefined,
  };
}
