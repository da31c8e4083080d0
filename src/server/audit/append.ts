import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { auditChainHead, auditEvent } from '../db/schema';
import { AUDIT_LANES, eventHash, genesisHash, newEventId, type ChainedEventFields } from './chain';

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
  const head = await lockFreeLane(tx, actor.tenantId);
  const fields: ChainedEventFields = {
    tenantId: actor.tenantId,
    lane: head.lane,
    seq: head.seq,
    id: newEventId(),
    occurredAt: new Date(),
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
  const hash = eventHash(head.hash, fields);
  // One statement: the event and the new head.
  await tx.execute(sql`
    with inserted as (
      insert into ${auditEvent} (tenant_id, lane, seq, id, occurred_at, actor_user_id, actor_organisation_id, actor_role,
        action, resource_type, resource_id, person_id, legal_basis, outcome, ip, user_agent, details, prev_hash, hash)
      values (${fields.tenantId}, ${fields.lane}, ${fields.seq}, ${fields.id}, ${fields.occurredAt.toISOString()}, ${fields.actorUserId},
        ${fields.actorOrganisationId}, ${fields.actorRole}, ${fields.action}, ${fields.resourceType}, ${fields.resourceId},
        ${fields.personId}, ${fields.legalBasis}, ${fields.outcome}, ${fields.ip}, ${fields.userAgent},
        ${fields.details === null ? null : JSON.stringify(fields.details)}::jsonb, ${head.hash}, ${hash})
      returning 1
    )
    update ${auditChainHead} set hash = ${hash}
    where tenant_id = ${actor.tenantId} and lane = ${head.lane} and exists (select 1 from inserted)`);
}

interface LockedHead {
  lane: number;
  seq: number;
  hash: string;
}

/** Locks a lane and reserves `count` sequence numbers on it; `seq` is the last of them. */
async function lockFreeLane(tx: Tx, tenantId: string, count = 1): Promise<LockedHead> {
  const free = await tx.execute<{ lane: number; seq: string | number; hash: string }>(sql`
    update ${auditChainHead} h set seq = h.seq + ${count}
    from (select lane from ${auditChainHead} where tenant_id = ${tenantId}
          order by lane limit 1 for update skip locked) f
    where h.tenant_id = ${tenantId} and h.lane = f.lane
    returning h.lane, h.seq, h.hash`);
  let row = free.rows[0];
  if (!row) {
    const lane = Math.floor(Math.random() * AUDIT_LANES);
    const waited = await tx.execute<{ lane: number; seq: string | number; hash: string }>(sql`
      update ${auditChainHead} set seq = seq + ${count} where tenant_id = ${tenantId} and lane = ${lane}
      returning lane, seq, hash`);
    row = waited.rows[0];
  }
  if (!row) throw new Error(`Audit chains missing for tenant ${tenantId}`);
  return { lane: Number(row.lane), seq: Number(row.seq), hash: row.hash };
}

/**
 * Appends several events on one lane inside the caller's transaction, in the order given: two
 * statements whatever their number (lock the lane and reserve the sequence numbers; insert the
 * events and move the head). For group commit, where one transaction carries many requests.
 */
export async function appendAuditEvents(tx: Tx, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await lockFreeLane(tx, actor.tenantId, entries.length);
  let prevHash = head.hash;
  const rows = entries.map((entry, index) => {
    const fields: ChainedEventFields = {
      tenantId: actor.tenantId,
      lane: head.lane,
      seq: head.seq - entries.length + 1 + index,
      id: newEventId(),
      occurredAt: new Date(),
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
    const hash = eventHash(prevHash, fields);
    const row = sql`(${fields.tenantId}, ${fields.lane}, ${fields.seq}, ${fields.id}, ${fields.occurredAt.toISOString()}, ${fields.actorUserId},
        ${fields.actorOrganisationId}, ${fields.actorRole}, ${fields.action}, ${fields.resourceType}, ${fields.resourceId},
        ${fields.personId}, ${fields.legalBasis}, ${fields.outcome}, ${fields.ip}, ${fields.userAgent},
        ${fields.details === null ? null : JSON.stringify(fields.details)}::jsonb, ${prevHash}, ${hash})`;
    prevHash = hash;
    return row;
  });
  await tx.execute(sql`
    with inserted as (
      insert into ${auditEvent} (tenant_id, lane, seq, id, occurred_at, actor_user_id, actor_organisation_id, actor_role,
        action, resource_type, resource_id, person_id, legal_basis, outcome, ip, user_agent, details, prev_hash, hash)
      values ${sql.join(rows, sql`, `)}
      returning 1
    )
    update ${auditChainHead} set hash = ${prevHash}
    where tenant_id = ${actor.tenantId} and lane = ${head.lane} and (select count(*) from inserted) = ${entries.length}`);
}
