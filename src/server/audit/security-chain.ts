import { AUDIT_LANES, canonicalParts, eventHash, type ChainedEventFields } from './chain';

/**
 * The security log's chain (sign-in events, migration 0020) is hashed exactly as a tenant's audit
 * chain (`chain.ts`, one definition of the hash): its id stands where a tenant id stands, and each
 * security event is written out in the audit event's fields. This file is only that mapping.
 */
export const SECURITY_CHAIN_ID = 'security-log';

/** As many lanes as a tenant's audit log: concurrent sign-ins take different lanes. */
export const SECURITY_LANES = AUDIT_LANES;

export type SecurityOutcome = 'allowed' | 'denied';

/** A security event's own fields, as stored (apart from lane, seq and the hashes). */
export interface SecurityEventFields {
  id: string;
  occurredAt: Date;
  kind: string;
  outcome: string;
  userId: string | null;
  emailKey: string | null;
  /** The tenants whose log reviewers see the event, sorted. */
  tenantIds: readonly string[];
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

/**
 * The audit event a security event is hashed as: the user as actor, the kind as action, the address's
 * key as the resource, and the details together with the tenants that may see it, so that moving an
 * event out of a tenant's sight breaks the chain like any other change.
 */
function asChainedFields(event: SecurityEventFields): Omit<ChainedEventFields, 'lane' | 'seq'> {
  return {
    tenantId: SECURITY_CHAIN_ID,
    id: event.id,
    occurredAt: event.occurredAt,
    actorUserId: event.userId,
    actorOrganisationId: null,
    actorRole: null,
    action: event.kind,
    resourceType: 'sign_in',
    resourceId: event.emailKey,
    personId: null,
    legalBasis: null,
    outcome: event.outcome,
    ip: event.ip,
    userAgent: event.userAgent,
    details: { details: event.details ?? null, tenantIds: [...event.tenantIds] },
  };
}

export function securityCanonicalParts(event: SecurityEventFields): { head: string; tail: string } {
  return canonicalParts(asChainedFields(event));
}

export function securityEventHash(prevHash: string, event: SecurityEventFields & { lane: number; seq: number }): string {
  return eventHash(prevHash, { ...asChainedFields(event), lane: event.lane, seq: event.seq });
}
