import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { now } from '../../clock';
import { newEventId } from '../../audit/chain';
import { SECURITY_LANES, securityCanonicalParts, type SecurityEventFields } from '../../audit/security-chain';
import { loggableError } from '../../http/log-privacy';

/** Why a message from (what claims to be) a partner installation was not applied. */
export type RefusalReason =
  | 'malformed'
  | 'not_for_this_installation'
  | 'unknown_partner'
  | 'unknown_partner_tenant'
  | 'bad_signature'
  | 'stale'
  | 'replayed'
  | 'rejected';

export interface Refusal {
  reason: RefusalReason;
  /** What the message claimed, never its body: installation ids, tenant ids, message id and type. */
  claimed: { fromInstallation?: string; fromTenant?: string; toTenant?: string; messageId?: string; type?: string };
  /** The local tenant addressed, when it exists: its log reviewers see the event. */
  tenantIds: string[];
  ip: string | null;
  userAgent: string | null;
}

const CLAIM_MAX = 200;

/**
 * Every refused message goes into the security log (the chained, global log of sign-in events,
 * migration 0020, shown in Loggkontroll under "Inloggningar" to the addressed tenant's log reviewers)
 * as `exchange.message_refused`: the reason and what the message claimed to be, never its body. A
 * duplicate that arrives again is answered as delivered and logged as `replayed`.
 * Never throws: a failed write is written to the process log (its type only).
 */
export async function recordRefusal(db: Db, refusal: Refusal): Promise<void> {
  const claimed = Object.fromEntries(Object.entries(refusal.claimed).map(([key, value]) => [key, typeof value === 'string' ? value.slice(0, CLAIM_MAX) : null]));
  const fields: SecurityEventFields = {
    id: newEventId(),
    occurredAt: now(),
    kind: 'exchange.message_refused',
    outcome: 'denied',
    userId: null,
    emailKey: null,
    tenantIds: [...new Set(refusal.tenantIds)].sort(),
    ip: refusal.ip,
    userAgent: refusal.userAgent ? refusal.userAgent.slice(0, 512) : null,
    details: { reason: refusal.reason, ...claimed },
  };
  const { head, tail } = securityCanonicalParts(fields);
  const document = {
    id: fields.id,
    occurred_at: fields.occurredAt.toISOString(),
    kind: fields.kind,
    outcome: fields.outcome,
    user_id: null,
    email_key: null,
    tenant_ids: fields.tenantIds,
    ip: fields.ip,
    user_agent: fields.userAgent,
    details: fields.details,
    canonical_head: head,
    canonical_tail: tail,
  };
  try {
    await db.execute(sql`select app_append_security_chain(${JSON.stringify([document])}::jsonb, ${Math.floor(Math.random() * SECURITY_LANES)}::int)`);
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ level: 'warn', time: Date.now(), msg: 'security log write failed (exchange refusal)', err: loggableError(error) })}\n`);
  }
}
