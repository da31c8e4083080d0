import type { Tx } from '../db/client';
import { executeHot, type Statement } from '../db/opened-transaction';
import { auditChainHead } from '../db/schema';
import { AUDIT_LANES, canonicalParts, genesisHash, newEventId, type ChainedEventFields } from './chain';
import { now } from '../clock';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

/** Who acts, and from where. Built once per request from the actor. */
export interface AuditActor {
  tenantId: string;
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** What happened, and why. `personId` is set whenever personal data about a person is involved. */
export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  legalBasis?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown> | null;
}

/** Creates the chain heads for a new tenant. Must run in a transaction whose tenant context is `tenantId`. */
export async function createAuditChains(tx: Tx, tenantId: string): Promise<void> {
  const heads = Array.from({ length: AUDIT_LANES }, (_, lane) => ({ tenantId, lane, seq: 0, hash: genesisHash(tenantId, lane) }));
  await tx.insert(auditChainHead).values(heads).onConflictDoNothing();
}

/**
 * Appends one event inside the caller's transaction, so the event commits or rolls back with the
 * access it records. Takes a free lane (SKIP LOCKED); only when every lane is busy does it wait.
 */
export async function appendAuditEvent(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await appendAuditEvents(tx, actor, [entry]);
}

/**
 * Appends events on one lane inside the caller's transaction, in the order given, in one statement
 * (app_append_audit_chain, migration 0012): it locks a lane, chains the hashes around the lane and
 * sequence numbers it reserves, writes the events and moves the head.
 */
export async function appendAuditEvents(tx: Tx, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await executeHot(tx, APPEND_AUDIT_CHAIN, [actor.tenantId, JSON.stringify(auditEventDocuments(actor, entries)), auditWaitLane()]);
}

/**
 * The same append as a plain statement, for a transaction to run with its `commit` (`closing` in
 * db/opened-transaction.ts): the events' text is built here, so the values are ours, not the caller's.
 */
export function auditAppendStatement(actor: AuditActor, entries: readonly AuditEntry[]): Statement {
  return { text: APPEND_AUDIT_CHAIN.text, values: [actor.tenantId, JSON.stringify(auditEventDocuments(actor, entries)), auditWaitLane()] };
}

/** Every audited request runs it: prepared once per connection on node-postgres. */
const APPEND_AUDIT_CHAIN = { name: 'app_append_audit_chain', text: 'select app_append_audit_chain($1::uuid, $2::jsonb, $3::int)' };

/** The lane to wait for when every lane of the tenant is busy: drawn at random, so waiters spread. */
export function auditWaitLane(): number {
  return Math.floor(Math.random() * AUDIT_LANES);
}

/**
 * The events as app_append_audit_chain takes them: their columns, and their canonical text around
 * the lane and sequence number the database will give them.
 */
export function auditEventDocuments(actor: AuditActor, entries: readonly AuditEntry[]): Record<string, unknown>[] {
  return entries.map((entry) => {
    const fields: Omit<ChainedEventFields, 'lane' | 'seq'> = {
      tenantId: actor.tenantId,
      id: newEventId(),
      occurredAt: now(),
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      actorRole: actor.role,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      personId: entry.personId ?? null,
      legalBasis: entry.legalBasis ?? null,
      outcome: entry.outcome ?? 'allowed',
      ip: actor.ip,
      userAgent: actor.userAgent,
      details: entry.details ?? null,
    };
    const { head, tail } = canonicalParts(fields);
    return {
      id: fields.id,
      occurred_at: fields.occurredAt.toISOString(),
      actor_user_id: fields.actorUserId,
      actor_organisation_id: fields.actorOrganisationId,
      actor_role: fields.actorRole,
      action: fields.action,
      resource_type: fields.resourceType,
      resource_id: fields.resourceId,
      person_id: fields.personId,
      legal_basis: fields.legalBasis,
      outcome: fields.outcome,
      ip: fields.ip,
      user_agent: fields.userAgent,
      // Left out when there are none: a JSON null would be stored as the jsonb value null, not as NULL.
      details: fields.details ?? undefined,
      canonical_head: head,
      canonical_tail: tail,
    };
  });
}
