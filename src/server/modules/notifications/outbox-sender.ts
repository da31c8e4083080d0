import { and, asc, eq, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { emailOutbox, user } from '../../db/schema';
import { composeOutboxMail } from '../../mail/compose';
import type { MailLog, Mailer } from '../../mail/mailer';
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
  /** A notification kind, or an invitation mail's (mail/compose.ts). */
  kind: string;
  link: string;
  attempts: number;
  /** How many reports the mail stands for, as claimed (coalesced new-report mails; 1 otherwise). */
  count: number;
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
      const finished: Record<'sent' | 'logged' | 'skipped', string[]> = { sent: [], logged: [], skipped: [] };
      let unreachable = false;
      for (const row of claimed) {
        if (unreachable) {
          // The server is down: the rest of the batch waits its backoff instead of each waiting for a timeout.
          await recordMany(options.database, tenantId, [row.id], { nextAttemptAt: new Date(clock().getTime() + backoffMs(row.attempts)), lastError: 'NOT_TRIED' }, false);
          result.failed += 1;
          continue;
        }
        const outcome = await deliver(options, row, clock, result);
        if (outcome === 'unreachable') unreachable = true;
        else if (outcome) finished[outcome].push(row.id);
      }
      // One statement per outcome and batch: a busy channel costs the database a few writes a second, not one per mail.
      for (const [status, ids] of Object.entries(finished)) {
        if (ids.length > 0) await recordMany(options.database, tenantId, ids, { status, sentAt: status === 'skipped' ? null : clock(), lastError: null });
      }
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
      // The count as claimed is what the mail will say; reports arriving while it is sent stay pending (settle()).
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS), claimedCount: sql`${emailOutbox.count}` })
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
      kind: row.kind,
      link: row.link,
      attempts: row.attempts,
      count: row.claimedCount ?? row.count,
      email: addresses.get(row.userId) ?? null,
    }));
  });
}

/** Network-level failures: the SMTP server could not be reached or refused us, not this one message. */
const CONNECTION_FAILURES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ETLS', 'EPROTOCOL']);

/** Sends one mail; returns how it finished, or null / 'unreachable' when it failed (recorded here, with its backoff). */
async function deliver(options: OutboxSenderOptions, row: Claimed, clock: () => Date, result: DrainResult): Promise<'sent' | 'logged' | 'skipped' | 'unreachable' | null> {
  if (!row.email) {
    // The user was deactivated after the event: they no longer hear of anything.
    result.skipped += 1;
    return 'skipped';
  }
  const mail = composeOutboxMail(row.kind, row.link, options.publicUrl, row.count);
  try {
    await options.mailer.send({ to: row.email, subject: mail.subject, text: mail.text, recipientRef: row.userId });
  } catch (error) {
    const reason = describeFailure(error);
    const givingUp = row.attempts >= MAX_ATTEMPTS;
    if (givingUp) await recordMany(options.database, row.tenantId, [row.id], { status: 'failed', lastError: reason });
    else await recordMany(options.database, row.tenantId, [row.id], { nextAttemptAt: new Date(clock().getTime() + backoffMs(row.attempts)), lastError: reason }, false);
    options.log[givingUp ? 'error' : 'warn']({ outboxId: row.id, attempts: row.attempts, reason }, givingUp ? 'e-mail given up' : 'e-mail failed, will retry');
    result.failed += 1;
    return CONNECTION_FAILURES.has(reason.split(' ')[0]!) ? 'unreachable' : null;
  }
  result.sent += 1;
  return options.mailer.mode === 'log' ? 'logged' : 'sent';
}

type OutboxChange = Partial<Pick<typeof emailOutbox.$inferInsert, 'status' | 'sentAt' | 'nextAttemptAt' | 'lastError'>>;

/**
 * Records an outcome. A finished row (sent, logged, skipped, given up) keeps the count its mail said;
 * reports added to it while the mail was on its way go back into a waiting mail, sent next pass.
 */
async function recordMany(database: Database, tenantId: string, ids: string[], change: OutboxChange, finished = true): Promise<void> {
  const these = and(eq(emailOutbox.tenantId, tenantId), inArray(emailOutbox.id, ids));
  await inContext(database.db, { tenantId, userId: null }, async (tx) => {
    if (!finished) {
      await tx.update(emailOutbox).set(change).where(these);
      return;
    }
    const rows = await tx
      .select({ userId: emailOutbox.userId, kind: emailOutbox.kind, link: emailOutbox.link, count: emailOutbox.count, claimed: emailOutbox.claimedCount })
      .from(emailOutbox)
      .where(these)
      .for('update');
    await tx.update(emailOutbox).set({ ...change, count: sql`coalesce(${emailOutbox.claimedCount}, ${emailOutbox.count})` }).where(these);
    const remainders = rows.filter((row) => row.claimed !== null && row.count > row.claimed);
    for (const row of remainders) {
      await tx.execute(sql`
        insert into email_outbox as o (tenant_id, user_id, kind, link, count)
        values (${tenantId}::uuid, ${row.userId}, ${row.kind}, ${row.link}, ${row.count - row.claimed!})
        on conflict (tenant_id, user_id, kind) where status = 'pending' and kind in ('concern.received', 'place_report.received')
        do update set count = o.count + excluded.count, link = app_coalesced_link(o.link, excluded.link)`);
    }
  });
}

/** The failure as the log and the row may keep it: a code and status, not the server's text (it can quote the address). */
function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  return typeof e.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

/** How long a finished row (sent, logged, skipped, given up) is kept: long enough to answer "did the mail go out?". */
export const OUTBOX_RETENTION_DAYS = 30;

/** Deletes finished outbox rows older than the retention. Pending rows are never deleted. */
export async function pruneOutbox(database: Database, now: Date = new Date(), tenantIds?: readonly string[]): Promise<number> {
  const before = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000);
  let pruned = 0;
  for (const tenantId of await allTenantIds(database.db, tenantIds)) {
    const removed = await inContext(database.db, { tenantId, userId: null }, (tx) =>
      tx
        .delete(emailOutbox)
        .where(and(eq(emailOutbox.tenantId, tenantId), ne(emailOutbox.status, 'pending'), lt(emailOutbox.createdAt, before)))
        .returning({ id: emailOutbox.id }),
    );
    pruned += removed.length;
  }
  return pruned;
}
