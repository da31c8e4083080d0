import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';
import { area, eventReport, organisation, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import { weekNumberOf, type EventReport, type EventReportListQuery, type EventSource, type EventStatus, type PeopleCount } from '../../../shared/event-reports';

export type EventReportRow = typeof eventReport.$inferSelect;

const areaOfEvent = alias(area, 'event_area');

/** The conditions of a list query: always the tenant, then each filter given. */
function conditions(actor: Actor, query: EventReportListQuery): SQL[] {
  const where: SQL[] = [eq(eventReport.tenantId, actor.tenantId)];
  if (query.week) where.push(eq(eventReport.isoWeek, weekNumberOf(query.week)));
  if (query.areaId) where.push(eq(eventReport.areaId, query.areaId));
  if (query.placeId) where.push(eq(eventReport.placeId, query.placeId));
  if (query.category) where.push(eq(eventReport.category, query.category));
  if (query.status) where.push(eq(eventReport.status, query.status));
  if (query.source) where.push(eq(eventReport.source, query.source));
  if (query.mine === 'true') where.push(eq(eventReport.reportedBy, actor.userId));
  return where;
}

/** One page of the tenant's reports, newest event first, and how many match in all. */
export async function listEventReports(tx: Tx, actor: Actor, query: EventReportListQuery): Promise<{ rows: PresentableRow[]; total: number }> {
  const where = and(...conditions(actor, query));
  // One after the other: node-postgres runs one query at a time on a transaction's connection.
  const rows = await selectPresentable(tx).where(where).orderBy(desc(eventReport.occurredFrom), eventReport.id).limit(query.limit).offset(query.offset);
  const [counted] = await tx.select({ n: count() }).from(eventReport).where(where);
  return { rows, total: Number(counted?.n ?? 0) };
}

export async function findEventReport(tx: Tx, tenantId: string, id: string): Promise<PresentableRow | null> {
  const [row] = await selectPresentable(tx).where(and(eq(eventReport.tenantId, tenantId), eq(eventReport.id, id)));
  return row ?? null;
}

function selectPresentable(tx: Tx) {
  return tx
    .select({
      event: eventReport,
      placeName: place.name,
      areaName: areaOfEvent.name,
      organisationName: organisation.name,
    })
    .from(eventReport)
    .leftJoin(place, and(eq(place.tenantId, eventReport.tenantId), eq(place.id, eventReport.placeId)))
    .leftJoin(areaOfEvent, and(eq(areaOfEvent.tenantId, eventReport.tenantId), eq(areaOfEvent.id, eventReport.areaId)))
    .leftJoin(organisation, and(eq(organisation.tenantId, eventReport.tenantId), eq(organisation.id, eventReport.organisationId)));
}

export type PresentableRow = Awaited<ReturnType<ReturnType<typeof selectPresentable>['execute']>>[number];

export function resourceOf(row: Pick<EventReportRow, 'tenantId' | 'id' | 'organisationId' | 'source'>) {
  return { kind: 'event_report' as const, tenantId: row.tenantId, id: row.id, organisationId: row.organisationId, source: row.source as EventSource };
}

/** The report as the API sends it; the description only when given (the single, audited read). */
export function presentEventReport(actor: Actor, row: PresentableRow, texts: { description: string | null; citizenPlace: string | null } = { description: null, citizenPlace: null }): EventReport {
  const e = row.event;
  const resource = resourceOf(e);
  return {
    id: e.id,
    source: e.source as EventSource,
    status: e.status as EventStatus,
    category: e.category,
    place: e.placeId && row.placeName !== null ? { id: e.placeId, name: row.placeName } : null,
    area: e.areaId && row.areaName !== null ? { id: e.areaId, name: row.areaName } : null,
    latitude: e.latitude,
    longitude: e.longitude,
    approximate: e.approximate,
    occurredFrom: e.occurredFrom.toISOString(),
    occurredTo: e.occurredTo.toISOString(),
    isoWeek: e.isoWeek,
    peopleCount: e.peopleCount as PeopleCount | null,
    severity: e.severity,
    organisation: e.organisationId && row.organisationName !== null ? { id: e.organisationId, name: row.organisationName } : null,
    hasDescription: e.descriptionCipher !== null || e.concernId !== null,
    description: texts.description,
    citizenPlace: texts.citizenPlace,
    mayReadDescription: can(actor, 'read_description', resource),
    mayReview: can(actor, 'review', resource) && e.status === 'unverified',
    mine: e.reportedBy === actor.userId,
    receivedAt: e.receivedAt.toISOString(),
  };
}
