import { createHash, randomUUID } from 'node:crypto';

/** Number of parallel hash chains per tenant: concurrent requests take different lanes instead of queueing. */
export const AUDIT_LANES = 8;

export function genesisHash(tenantId: string, lane: number): string {
  return sha256(`samverka-audit-genesis:${tenantId}:${lane}`);
}

export interface ChainedEventFields {
  tenantId: string;
  lane: number;
  seq: number;
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  personId: string | null;
  legalBasis: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

/** The hash covers the previous hash and every field of the event in a fixed order. */
export function eventHash(prevHash: string, event: ChainedEventFields): string {
  const { head, tail } = canonicalParts(event);
  return sha256(`${prevHash}\n${head}${event.lane},${event.seq}${tail}`);
}

/**
 * The event's canonical text, the JSON array of its fields, around its lane and sequence number:
 * `head + lane + ',' + seq + tail`. Appending to a chain happens in the database, which alone
 * knows those two numbers before the insert (app_append_audit_chain, migration 0012); this stays
 * the one definition of what is hashed.
 */
export function canonicalParts(event: Omit<ChainedEventFields, 'lane' | 'seq'>): { head: string; tail: string } {
  const rest = JSON.stringify([
    event.id,
    event.occurredAt.toISOString(),
    event.actorUserId,
    event.actorOrganisationId,
    event.actorRole,
    event.action,
    event.resourceType,
    event.resourceId,
    event.personId,
    event.legalBasis,
    event.outcome,
    event.ip,
    event.userAgent,
    canonicalise(event.details ?? null),
  ]);
  return { head: `[${JSON.stringify(event.tenantId)},`, tail: `,${rest.slice(1)}` };
}

export function newEventId(): string {
  return randomUUID();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** jsonb does not keep key order, so objects are hashed with sorted keys. */
function canonicalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonicalise((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
