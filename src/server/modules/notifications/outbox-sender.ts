import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { emailOutbox, user } from '../../db/schema';
import { composeNotificationMail } from '../../mail/compose';
import type { MailLog, Mailer } from '../../mail/mailer';
import type { NotificationKind } from '../../../shared/notifications';
import { allTenantIds } from './tenants';

export interface OutboxSenderOptions {
  database: Database;
  mailer: Mailer;
  publicUrl: string;
  log: MailLog;
  clock?: () => Date;
  /** Only these tenants' outboxes (tests); all tenants without it. */
  tenantIds?: readonly string[];
}

export interface DrainResult {
  /** Sent through SMTP, or written to the log when SMTP is not configured. */
  sent: number;
  failed: number;
  skipped: number;
}

/** A claimed row is left alone by other senders this long; a crash mid-send retries it afterwards. */
const LEASE_MS = 2 * 60_000;
const BATCH = 20;
/** After this many attempts (about a day and a half of backoff) the mail is given up and logged. */
export const MAX_ATTEMPTS = 12;

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min ... capped at 4 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 4 * 3_600_000);
}

interface Claimed {
  tenantId: string;
  id: string;
  userId: string;
  kind: NotificationKind;
  link: string;
  attempts: number;
  email: string | null;
}

/**
 * Drains the e-mail outbox: claims due rows (a lease, so several server processes never send one
 * twice at the same time), sends each outside any transaction, and records the outcome. At least
 * once: a crash between sending and recording sends that mail again after the lease.
 */
export async function drainOutbox(options: OutboxSenderOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, skipped: 0 };
  const clock = options.clock ?? (() => new Date());
  for (const tenantId of await allTenantIds(options.database.db, options.tenantIds)) {
    for (;;) {
      const claimed = await claim(options.database, tenantId, clock());
      for (const row of claimed) await deliver(options, row, clock, result);
      if (claimed.length < BATCH) break;
    }
  }
  return result;
}

async function claim(database: Database, tenantId: string, now: Date): Promise<Claimed[]> {
  return inContext(database.db, { tenantId, userId: null }, async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.createdAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(and(eq(emailOutbox.tenantId, tenantId), inArray(emailOutbox.id, due.map((row) => row.id))))
      .returning();
    const users = await tx
      .select({ id: user.id, email: user.email, active: user.active })
      .from(user)
      .where(inArray(user.id, [...new Set(rows.map((row) => row.userId))]));
    const addresses = new Map(users.filter((u) => u.active).map((u) => [u.id, u.email]));
    return rows.map((row) => ({
      tenantId,
      id: row.id,
      userId: row.userId,
      kind: row.kind as NotificationKind,
      link: row.link,
      attempts: row.attempts,
      email: addresses.get(row.userId) ?? null,
    }));
  });
}

async function deliver(options: OutboxSenderOptions, row: Claimed, clock: () => Date, result: DrainResult): Promise<void> {
  if (!row.email) {
    // The user was deactivated after the event: they no longer hear of anything.
    await record(options.database, row, { status: 'skipped' });
    result.skipped += 1;
    return;
  }
  const mail = composeNotificationMail(row.kind, row.link, options.publicUrl);
  try {
    await options.mailer.send({ to: row.email, subject: mail.subject, text: mail.text, recipientRef: row.userId });
  } catch (error) {
    const reason = describeFailure(error);
    const givingUp = row.attempts >= MAX_ATTEMPTS;
    await record(options.database, row, givingUp ? { status: 'failed', lastError: reason } : { nextAttemptAt: new Date(clock().getTime() + backoffMs(row.attempts)), lastError: reason });
    options.log[givingUp ? 'error' : 'warn']({ outboxId: row.id, attempts: row.attempts, reason }, givingUp ? 'e-mail given up' : 'e-mail failed, will retry');
    result.failed += 1;
    return;
  }
  await record(options.database, row, { status: options.mailer.mode === 'log' ? 'logged' : 'sent', sentAt: clock(), lastError: null });
  result.sent += 1;
}

type OutboxChange = Partial<Pick<typeof emailOutbox.$inferInsert, 'status' | 'sentAt' | 'nextAttemptAt' | 'lastError'>>;

async function record(database: Database, row: Claimed, change: OutboxChange): Promise<void> {
  await inContext(database.db, { tenantId: row.tenantId, userId: null }, (tx) =>
    tx.update(emailOutbox).set(change).where(and(eq(emailOutbox.tenantId, row.tenantId), eq(emailOutbox.id, row.id))),
  );
}

/** The failure as the log and the row may keep it: a code and status, not the server's text (it can quote the address). */
function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  return typeof e.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}
