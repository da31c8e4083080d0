import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { securityEvent, user } from '../../db/schema';
import type { SignInEventRow, SignInLogFilters } from '../../../shared/security-log';
import { encodeCursor, type EventCursor } from './cursor';

/**
 * One page of the security log's sign-in events that the tenant's log reviewer may see, newest first.
 * No tenant filter here on purpose: row-level security (migration 0020) shows an event only in the
 * tenants it names (where its user was a member when it happened) and only to a log reviewer there;
 * the tenant condition below is the same rule said again, so that the query plan can use the index.
 */
export async function searchSignIns(
  tx: Tx,
  tenantId: string,
  filters: SignInLogFilters,
  page: { cursor: EventCursor | null; limit: number },
): Promise<{ events: SignInEventRow[]; nextCursor: string | null }> {
  const rows = await tx
    .select({ event: securityEvent, name: user.name, email: user.email })
    .from(securityEvent)
    .leftJoin(user, eq(user.id, securityEvent.userId))
    .where(and(...conditions(tenantId, filters, page.cursor)))
    .orderBy(desc(securityEvent.occurredAt), desc(securityEvent.lane), desc(securityEvent.seq))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    events: pageRows.map(({ event, name, email }) => {
      const details = (event.details as Record<string, unknown> | null) ?? {};
      return {
        id: event.id,
        occurredAt: event.occurredAt.toISOString(),
        kind: event.kind,
        outcome: event.outcome === 'allowed' ? 'allowed' : 'denied',
        user: { id: event.userId!, name, email },
        ip: event.ip,
        userAgent: event.userAgent,
        method: typeof details.method === 'string' ? details.method : null,
        reason: typeof details.reason === 'string' ? details.reason : null,
      };
    }),
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ occurredAt: last.event.occurredAt, lane: last.event.lane, seq: last.event.seq }) : null,
  };
}

function conditions(tenantId: string, filters: SignInLogFilters, cursor: EventCursor | null): SQL[] {
  const where: (SQL | undefined)[] = [
    sql`${tenantId}::uuid = any(${securityEvent.tenantIds})`,
    sql`${securityEvent.userId} is not null`,
    filters.userId ? eq(securityEvent.userId, filters.userId) : undefined,
    filters.kind ? eq(securityEvent.kind, filters.kind) : undefined,
    filters.outcome ? eq(securityEvent.outcome, filters.outcome) : undefined,
    filters.from ? gte(securityEvent.occurredAt, new Date(filters.from)) : undefined,
    filters.to ? lt(securityEvent.occurredAt, new Date(filters.to)) : undefined,
    cursor
      ? sql`(${securityEvent.occurredAt}, ${securityEvent.lane}, ${securityEvent.seq}) < (${cursor.occurredAt.toISOString()}::timestamptz, ${cursor.lane}::integer, ${cursor.seq}::bigint)`
      : undefined,
  ];
  return where.filter((condition): condition is SQL => condition !== undefined);
}
