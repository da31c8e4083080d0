import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { createMailer, type MailLog, type Mailer } from '../../mail/mailer';
import { notifyNearingDeadlines } from './deadlines';
import { drainOutbox, pruneOutbox } from './outbox-sender';
import { onKick } from './outbox-signal';
import { runSspfJobs } from '../reminders/sspf-jobs';

const KICK_DELAY_MS = 200;

export interface NotificationJobs {
  mailer: Mailer;
  /** Resolves once no pass is running (tests wait for the start-up pass before acting). */
  whenIdle(): Promise<void>;
  /** Stops the timers, waits for a running pass to end, closes the SMTP connection. */
  stop(): Promise<void>;
}

/**
 * The mail sender (every SAMVERKA_MAIL_INTERVAL_SECONDS, and woken after each commit that queued
 * mail) and the deadline job (every SAMVERKA_DEADLINE_CHECK_SECONDS). Started by startServer, not by
 * buildApp, so tests run each pass themselves.
 */
export function startNotificationJobs(database: Database, config: Config, log: MailLog, scope: { tenantIds?: readonly string[] } = {}): NotificationJobs {
  const mailer = createMailer(config, log);
  if (mailer.mode === 'log') log.warn({}, `SMTP is not configured (SMTP_URL or SMTP_HOST): e-mail goes to ${mailer.description}`);
  else log.info({ smtp: mailer.description }, 'e-mail notifications are sent through SMTP');

  const sender = serialised(async () => {
    await drainOutbox({ database, mailer, publicUrl: config.publicUrl, log, tenantIds: scope.tenantIds });
  }, log, 'e-mail sender pass failed');
  // The deadline job's pass also clears finished outbox rows past their retention.
  const deadlines = serialised(async () => {
    await notifyNearingDeadlines(database, new Date(), scope.tenantIds);
    await pruneOutbox(database, new Date(), scope.tenantIds);
    await runSspfJobs(database, config, new Date(), scope.tenantIds);
  }, log, 'deadline job pass failed');

  const senderTimer = setInterval(sender.run, config.SAMVERKA_MAIL_INTERVAL_SECONDS * 1000);
  const deadlineTimer = setInterval(deadlines.run, config.SAMVERKA_DEADLINE_CHECK_SECONDS * 1000);
  senderTimer.unref();
  deadlineTimer.unref();
  // Kicks within a short moment share one pass: under load the sender runs a few times a second, not per request.
  let kickTimer: NodeJS.Timeout | null = null;
  const unsubscribe = onKick(() => {
    kickTimer ??= setTimeout(() => {
      kickTimer = null;
      sender.run();
    }, KICK_DELAY_MS);
  });
  // Mail queued before a restart goes out now rather than after the first interval.
  sender.run();
  deadlines.run();

  return {
    mailer,
    async whenIdle() {
      await Promise.all([sender.idle(), deadlines.idle()]);
    },
    async stop() {
      unsubscribe();
      if (kickTimer) clearTimeout(kickTimer);
      clearInterval(senderTimer);
      clearInterval(deadlineTimer);
      await Promise.all([sender.stop(), deadlines.stop()]);
      mailer.close();
    },
  };
}

/** One pass at a time; a request to run during a pass runs once more right after it. */
function serialised(pass: () => Promise<void>, log: MailLog, failure: string) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error: unknown) => log.error({ err: error }, failure))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const idle = async (): Promise<void> => {
    while (running) await running;
  };
  const stop = async (): Promise<void> => {
    stopped = true;
    await idle();
  };
  return { run, idle, stop };
}
