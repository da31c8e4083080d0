import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loggableError, type LoggableError } from '../http/log-privacy';
import { now } from '../clock';
import { newEventId } from './chain';
import { SECURITY_LANES, securityCanonicalParts, type SecurityEventFields, type SecurityOutcome } from './security-chain';
import type { SecurityEventKind } from '../../shared/audit';

/** One sign-in event, as the better-auth hooks know it. */
export interface SecurityEventInput {
  kind: SecurityEventKind;
  outcome: SecurityOutcome;
  /** The account, when the hook knows it (a session, a two-factor challenge). */
  userId?: string | null;
  /**
   * The address typed at a password sign-in. Stored only as the lockout's key; the account it names,
   * if any, is looked up in the same statement whether or not it exists.
   */
  email?: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Never personal data: a method, a provider id, a reason code. */
  details?: Record<string, unknown> | null;
}

export interface SecurityLog {
  /**
   * Appends the event to the security chain. Never throws: a failed write is logged (its type and
   * SQLSTATE only) and the sign-in's answer stays what better-auth decided, the same for every address.
   */
  record(event: SecurityEventInput): Promise<void>;
}

export interface SecurityLogOptions {
  /** The lockout's HMAC of an address (auth/lockout.ts): the one key an address is kept by. */
  keyOf(email: string): string;
  onWriteError?(error: LoggableError): void;
}

const UA_MAX = 512;

export function createSecurityLog(db: Db, options: SecurityLogOptions): SecurityLog {
  const onWriteError = options.onWriteError ?? defaultWriteError;
  return {
    async record(event) {
      try {
        await appendSecurityEvent(db, options.keyOf, event);
      } catch (error) {
        onWriteError(loggableError(error));
      }
    },
  };
}

/**
 * Two statements, the same for a known and an unknown address: who the event is about (account and
 * tenants, app_security_subject), then the append (app_append_security_chain), which hashes the
 * canonical text built here around the lane and sequence number only the database knows.
 */
async function appendSecurityEvent(db: Db, keyOf: (email: string) => string, event: SecurityEventInput): Promise<void> {
  // better-auth looks an address up in lower case: "known" means what it means to better-auth.
  const lookup = event.userId ? null : (event.email?.toLowerCase() ?? null);
  const subject = await db.execute<{ user_id: string | null; tenant_ids: string[] | string | null }>(
    sql`select user_id, tenant_ids from app_security_subject(${lookup}, ${event.userId ?? null})`,
  );
  const row = subject.rows[0];
  const fields: SecurityEventFields = {
    id: newEventId(),
    occurredAt: now(),
    kind: event.kind,
    outcome: event.outcome,
    userId: row?.user_id ?? null,
    emailKey: event.email ? keyOf(event.email) : null,
    tenantIds: uuidArray(row?.tenant_ids ?? null),
    ip: event.ip,
    userAgent: event.userAgent ? event.userAgent.slice(0, UA_MAX) : null,
    details: event.details ?? null,
  };
  const { head, tail } = securityCanonicalParts(fields);
  const document = {
    id: fields.id,
    occurred_at: fields.occurredAt.toISOString(),
    kind: fields.kind,
    outcome: fields.outcome,
    user_id: fields.userId,
    email_key: fields.emailKey,
    tenant_ids: fields.tenantIds,
    ip: fields.ip,
    user_agent: fields.userAgent,
    // Left out when there are none: a JSON null would be stored as the jsonb value null, not as NULL.
    details: fields.details ?? undefined,
    canonical_head: head,
    canonical_tail: tail,
  };
  const waitLane = Math.floor(Math.random() * SECURITY_LANES);
  await db.execute(sql`select app_append_security_chain(${JSON.stringify([document])}::jsonb, ${waitLane}::int)`);
}

/** A uuid[] as node-postgres ('{a,b}') or PGlite (an array) hands it back. */
export function uuidArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

function defaultWriteError(error: LoggableError): void {
  process.stderr.write(`${JSON.stringify({ level: 'warn', time: Date.now(), msg: 'security log write failed', err: error })}\n`);
}
