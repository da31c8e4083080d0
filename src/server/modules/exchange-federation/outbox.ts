import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { inContext } from '../../db/context';
import { exchangeOutbox } from '../../db/schema';
import { allTenantIds } from '../notifications/tenants';
import { findPartnerByInstallation } from './partners';
import { JWS_CONTENT_TYPE, signMessage } from './signing';
import type { InstallationIdentity } from './installation';
import type { FieldCipher } from '../../crypto/field-cipher';

/** The envelope as federation needs it (the full schema is the housing exchange's, src/shared/exchange-messages.ts). */
export interface OutgoingEnvelope {
  id: string;
  type: string;
  body: unknown;
  from: { installation: string; tenant: string };
  to: { installation: string; tenant: string };
}

export const FEDERATION_PATH = '/api/exchange/federation/messages';

/**
 * The remote transport the housing exchange calls for a recipient on another installation: one outbox
 * row in the sending tenant's own transaction, so the message leaves only if the step commits, and is
 * not lost if the partner is down. The body (an officer's contact, a sealed message's text) is kept
 * encrypted, bound to the tenant and the message, and only until it is delivered. Idempotent on the id.
 */
export async function enqueueRemoteMessage(tx: Tx, envelope: OutgoingEnvelope, cipher: FieldCipher): Promise<void> {
  const { body, ...head } = envelope;
  await tx
    .insert(exchangeOutbox)
    .values({
      tenantId: envelope.from.tenant,
      messageId: envelope.id,
      toInstallation: envelope.to.installation,
      toTenant: envelope.to.tenant,
      type: envelope.type,
      envelope: head,
      bodyEncrypted: cipher.encrypt(JSON.stringify(body), bodyBinding(envelope.from.tenant, envelope.id)),
    })
    .onConflictDoNothing();
  markQueued();
}

const bodyBinding = (tenantId: string, messageId: string) => `exchange_outbox.body:${tenantId}:${messageId}`;

// Wakes a running sender after a commit that queued a message (as the mail outbox's kick does).
const listeners = new Set<() => void>();
let queued = false;
function markQueued(): void {
  queued = true;
}
/** Call after a commit: wakes the sender if anything was queued. The interval catches anything a kick misses. */
export function kickFederationOutbox(): void {
  if (!queued) return;
  queued = false;
  for (const listener of listeners) listener();
}

export interface DrainOptions {
  database: Database;
  identity: InstallationIdentity;
  /** This server's field cipher: the outbox's bodies are encrypted with it. */
  cipher: FieldCipher;
  retrySeconds: number;
  log: { warn(details: object, message: string): void; error(details: object, message: string): void };
  clock?: () => Date;
  tenantIds?: readonly string[];
  /** For tests; the global fetch otherwise. */
  fetchImpl?: typeof fetch;
}

export interface DrainResult {
  sent: number;
  failed: number;
  gaveUp: number;
}

const LEASE_MS = 2 * 60_000;
const BATCH = 20;
const REQUEST_TIMEOUT_MS = 15_000;
/** About two days with the default backoff (30 s doubling, at most an hour), then given up and shown to the administrator. */
export const MAX_ATTEMPTS = 60;

export function federationBackoffMs(attempts: number, retrySeconds: number): number {
  return Math.min(retrySeconds * 1000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * One pass over every tenant's outbox: claim due rows under a lease (SKIP LOCKED, so several server
 * processes never send one twice at the same time), sign each anew and POST it to the partner's pinned
 * endpoint outside any transaction, then record the outcome. At least once: the receiver answers a
 * message id it has seen with 200 and does not apply it again. After delivery the encrypted body is
 * dropped from the row (a sealed message's text above all): what stays is who, what type and when.
 */
export async function drainFederationOutbox(options: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, gaveUp: 0 };
  const clock = options.clock ?? (() => new Date());
  for (const tenantId of await allTenantIds(options.database.db, options.tenantIds)) {
    for (;;) {
      const claimed = await claim(options.database, options.cipher, tenantId, clock());
      // After a failure to an installation, the rest of the batch for it waits: it is down, or order would break.
      const held = new Set<string>();
      for (const row of claimed) {
        const outcome = held.has(row.toInstallation) ? { ok: false as const, error: 'NOT_TRIED' } : await deliver(options, row, clock());
        if (outcome.ok) {
          result.sent += 1;
          await record(options.database, tenantId, row.messageId, { status: 'sent', sentAt: clock(), lastError: null, bodyEncrypted: null });
          continue;
        }
        held.add(row.toInstallation);
        // 422: the partner verified the message and its housing exchange refused it for good; no retry helps.
        const givingUp = row.attempts >= MAX_ATTEMPTS || row.endpoint === null || outcome.error === 'HTTP 422';
        if (givingUp) {
          result.gaveUp += 1;
          await record(options.database, tenantId, row.messageId, { status: 'failed', lastError: outcome.error, bodyEncrypted: null });
          options.log.error({ messageId: row.messageId, toInstallation: row.toInstallation, attempts: row.attempts, reason: outcome.error }, 'exchange message given up');
        } else {
          result.failed += 1;
          await record(options.database, tenantId, row.messageId, {
            nextAttemptAt: new Date(clock().getTime() + federationBackoffMs(row.attempts, options.retrySeconds)),
            lastError: outcome.error,
          });
          options.log.warn({ messageId: row.messageId, toInstallation: row.toInstallation, attempts: row.attempts, reason: outcome.error }, 'exchange message not delivered, will retry');
        }
      }
      if (claimed.length < BATCH) break;
    }
  }
  return result;
}

interface Claimed {
  messageId: string;
  toInstallation: string;
  envelope: unknown;
  attempts: number;
  /** The pinned endpoint, or null when the partner is no longer pinned. */
  endpoint: string | null;
}

async function claim(database: Database, cipher: FieldCipher, tenantId: string, now: Date): Promise<Claimed[]> {
  return inContext(database.db, { tenantId, userId: null }, async (tx) => {
    const due = await tx
      .select({ messageId: exchangeOutbox.messageId })
      .from(exchangeOutbox)
      .where(
        and(
          eq(exchangeOutbox.tenantId, tenantId),
          eq(exchangeOutbox.status, 'pending'),
          lte(exchangeOutbox.nextAttemptAt, now),
          // First in, first out per partner installation: nothing overtakes an older message still waiting
          // (a match.proposed must not reach the partner before its request.published).
          sql`not exists (select 1 from exchange_outbox older where older.tenant_id = ${exchangeOutbox.tenantId}
                and older.to_installation = ${exchangeOutbox.toInstallation} and older.status = 'pending'
                and older.created_at < ${exchangeOutbox.createdAt} and older.next_attempt_at > ${now})`,
        ),
      )
      .orderBy(asc(exchangeOutbox.createdAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(exchangeOutbox)
      .set({ attempts: sql`${exchangeOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(and(eq(exchangeOutbox.tenantId, tenantId), inArray(exchangeOutbox.messageId, due.map((row) => row.messageId))))
      .returning();
    const endpoints = new Map<string, string | null>();
    for (const installation of new Set(rows.map((row) => row.toInstallation))) {
      const partner = await findPartnerByInstallation(tx, tenantId, installation);
      endpoints.set(installation, partner ? partner.endpointUrl : null);
    }
    // In the order they were made: a partner applies request.published before match.proposed.
    return rows
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((row) => ({
        messageId: row.messageId,
        toInstallation: row.toInstallation,
        envelope: { ...(row.envelope as object), body: JSON.parse(cipher.decrypt(row.bodyEncrypted!, bodyBinding(tenantId, row.messageId))) as unknown },
        attempts: row.attempts,
        endpoint: endpoints.get(row.toInstallation) ?? null,
      }));
  });
}

async function deliver(options: DrainOptions, row: Claimed, now: Date): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!row.endpoint) return { ok: false, error: 'NOT_PINNED' };
  const jws = await signMessage(row.envelope, options.identity, now);
  try {
    const response = await (options.fetchImpl ?? fetch)(`${row.endpoint}${FEDERATION_PATH}`, {
      method: 'POST',
      headers: { 'content-type': JWS_CONTENT_TYPE, accept: 'application/json' },
      body: jws,
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    if (response.ok) return { ok: true };
    // The partner's answer is kept as its status only: its text is not ours to store.
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    return { ok: false, error: `NETWORK ${typeof code === 'string' ? code : (error as Error).name}` };
  }
}

type OutboxChange = Partial<Pick<typeof exchangeOutbox.$inferInsert, 'status' | 'sentAt' | 'nextAttemptAt' | 'lastError' | 'bodyEncrypted'>>;

async function record(database: Database, tenantId: string, messageId: string, change: OutboxChange): Promise<void> {
  await inContext(database.db, { tenantId, userId: null }, (tx) =>
    tx
      .update(exchangeOutbox)
      .set(change)
      .where(and(eq(exchangeOutbox.tenantId, tenantId), eq(exchangeOutbox.messageId, messageId))),
  );
}

export interface FederationJob {
  /** Runs a pass now (tests) and resolves when it is done. */
  runNow(): Promise<void>;
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

/** The sender: every SAMVERKA_EXCHANGE_OUTBOX_INTERVAL_SECONDS, and woken after a commit that queued a message. Started by startServer. */
export function startFederationSender(options: DrainOptions & { intervalSeconds: number }): FederationJob {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = drainFederationOutbox(options)
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error }, 'exchange federation sender pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalSeconds * 1000);
  timer.unref();
  let kickTimer: NodeJS.Timeout | null = null;
  const listener = () => {
    kickTimer ??= setTimeout(() => {
      kickTimer = null;
      void run();
    }, 100);
  };
  listeners.add(listener);
  void run();
  const whenIdle = async () => {
    while (running) await running;
  };
  return {
    runNow: async () => {
      await whenIdle();
      await run();
    },
    whenIdle,
    async stop() {
      stopped = true;
      listeners.delete(listener);
      if (kickTimer) clearTimeout(kickTimer);
      clearInterval(timer);
      await whenIdle();
    },
  };
}
