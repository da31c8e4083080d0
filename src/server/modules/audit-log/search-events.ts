import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { auditEvent, organisation, person, user } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { AuditEventRow, AuditFilters, AuditOutcomeKey } from '../../../shared/audit';
import { encodeCursor, type EventCursor } from './cursor';

export interface EventPage {
  events: AuditEventRow[];
  nextCursor: string | null;
  /** The position after the last row, for callers that page on (the export). */
  last: EventCursor | null;
}

/**
 * One page of a tenant's audit events, newest first, with the names a reviewer needs: the actor's
 * name and e-mail, the organisation's name, and the person's name while the person still exists.
 * Keyset pagination on (occurred_at, lane, seq), which is unique within a tenant and stable while
 * new events arrive at the top.
 */
export async function searchEvents(tx: Tx, tenantId: string, filters: AuditFilters, page: { cursor: EventCursor | null; limit: number }): Promise<EventPage> {
  const rows = await tx
    .select({
      event: auditEvent,
      actorName: user.name,
      actorEmail: user.email,
      organisationName: organisation.name,
      personFirstName: person.firstName,
      personLastName: person.lastName,
    })
    .from(auditEvent)
    .leftJoin(user, eq(user.id, auditEvent.actorUserId))
    .leftJoin(organisation, and(eq(organisation.tenantId, auditEvent.tenantId), eq(organisation.id, auditEvent.actorOrganisationId)))
    .leftJoin(person, and(eq(person.tenantId, auditEvent.tenantId), eq(person.id, auditEvent.personId)))
    .where(and(...conditions(tenantId, filters, page.cursor)))
    .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.lane), desc(auditEvent.seq))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const lastRow = pageRows.at(-1);
  const last = lastRow ? { occurredAt: lastRow.event.occurredAt, lane: lastRow.event.lane, seq: lastRow.event.seq } : null;
  return {
    events: pageRows.map(({ event, actorName, actorEmail, organisationName, personFirstName, personLastName }) => ({
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      lane: event.lane,
      seq: event.seq,
      actor: event.actorUserId ? { userId: event.actorUserId, name: actorName, email: actorEmail } : null,
      organisation: event.actorOrganisationId ? { id: event.actorOrganisationId, name: organisationName } : null,
      role: event.actorRole,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      person: event.personId
        ? { id: event.personId, name: personFirstName !== null ? `${personFirstName} ${personLastName ?? ''}`.trim() : null }
        : null,
      legalBasis: event.legalBasis,
      outcome: event.outcome as AuditOutcomeKey,
      ip: event.ip,
      userAgent: event.userAgent,
      details: (event.details as Record<string, unknown> | null) ?? null,
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
    last: rows.length > page.limit ? last : null,
  };
}

/** Refuses a range whose end is not after its start. */
export function assertRange(filters: Pick<AuditFilters, 'from' | 'to'>): void {
  if (filters.from && filters.to && new Date(filters.to) <= new Date(filters.from)) throw invalid({ to: 'invalid_range' });
}

function conditions(tenantId: string, filters: AuditFilters, cursor: EventCursor | null): SQL[] {
  const where: (SQL | undefined)[] = [
    eq(auditEvent.tenantId, tenantId),
    filters.userId ? eq(auditEvent.actorUserId, filters.userId) : undefined,
    filters.personId ? eq(auditEvent.personId, filters.personId) : undefined,
    filters.organisationId ? eq(auditEvent.actorOrganisationId, filters.organisationId) : undefined,
    filters.action ? eq(auditEvent.action, filters.action) : undefined,
    filters.outcome ? eq(auditEvent.outcome, filters.outcome) : undefined,
    filters.from ? gte(auditEvent.occurredAt, new Date(filters.from)) : undefined,
    filters.to ? lt(auditEvent.occurredAt, new Date(filters.to)) : undefined,
    cursor
      ? sql`(${auditEvent.occurredAt}, ${auditEvent.lane}, ${auditEvent.seq}) < (${cursor.occurredAt.toISOString()}::timestamptz, ${cursor.lane}::integer, ${cursor.seq}::bigint)`
      : undefined,
  ];
  return where.filter((condition): condition is SQL => condition !== undefined);
}
