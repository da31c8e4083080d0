import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, organisation, place, placeAction } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import { localDateOf } from '../../../shared/stockholm-time';
import { weekNumber, weekText, type PlaceAction, type PlaceActionInput } from '../../../shared/place-actions';
import type { PlaceActionResource } from './policy';

export type ActionRow = typeof placeAction.$inferSelect & { placeName: string | null; areaName: string | null; ownerOrganisationName: string | null };

export const actionResource = (tenantId: string, row: { id: string; ownerOrganisationId: string; ownerMembershipId: string | null } | null): PlaceActionResource => ({
  kind: 'place_action',
  tenantId,
  id: row?.id ?? null,
  ownerOrganisationId: row?.ownerOrganisationId ?? null,
  ownerMembershipId: row?.ownerMembershipId ?? null,
});

/** Overdue: a due date passed (Stockholm day) and the action neither done nor cancelled. */
export function isOverdue(row: { dueDate: string | null; status: string }, today = localDateOf(new Date())): boolean {
  return row.dueDate !== null && row.dueDate < today && (row.status === 'planerad' || row.status === 'pagar');
}

function selectActions(tx: Tx, where: SQL | undefined) {
  return tx
    .select({ action: placeAction, placeName: place.name, areaName: area.name, ownerOrganisationName: organisation.name })
    .from(placeAction)
    .leftJoin(place, and(eq(place.tenantId, placeAction.tenantId), eq(place.id, placeAction.placeId)))
    .leftJoin(area, and(eq(area.tenantId, placeAction.tenantId), eq(area.id, placeAction.areaId)))
    .leftJoin(organisation, eq(organisation.id, placeAction.ownerOrganisationId))
    .where(where)
    .orderBy(desc(placeAction.isoWeek), asc(placeAction.title))
    .then((rows) => rows.map((r) => ({ ...r.action, placeName: r.placeName, areaName: r.areaName, ownerOrganisationName: r.ownerOrganisationName })));
}

export async function listActions(tx: Tx, tenantId: string, filter: { status?: string; area?: string; week?: string; planId?: string; overdue?: 'true' | 'false' }): Promise<ActionRow[]> {
  const conditions: SQL[] = [eq(placeAction.tenantId, tenantId)];
  if (filter.status) conditions.push(eq(placeAction.status, filter.status));
  if (filter.area) conditions.push(sql`(${placeAction.areaId} = ${filter.area} or ${place.areaId} = ${filter.area})`);
  if (filter.week) conditions.push(eq(placeAction.isoWeek, weekNumber(filter.week)));
  if (filter.planId) conditions.push(eq(placeAction.planId, filter.planId));
  const rows = await selectActions(tx, and(...conditions));
  if (filter.overdue === undefined) return rows;
  return rows.filter((row) => isOverdue(row) === (filter.overdue === 'true'));
}

export async function findAction(tx: Tx, tenantId: string, id: string): Promise<ActionRow | null> {
  const rows = await selectActions(tx, and(eq(placeAction.tenantId, tenantId), eq(placeAction.id, id)));
  return rows[0] ?? null;
}

export function presentAction(actor: Actor, row: ActionRow): PlaceAction {
  return {
    id: row.id,
    placeId: row.placeId,
    placeName: row.placeName,
    areaId: row.areaId,
    areaName: row.areaName,
    cell: row.cell,
    week: weekText(row.isoWeek),
    title: row.title,
    kind: row.kind as PlaceAction['kind'],
    description: row.description,
    ownerOrganisationId: row.ownerOrganisationId,
    ownerOrganisationName: row.ownerOrganisationName,
    ownerMembershipId: row.ownerMembershipId,
    ownerName: row.ownerName,
    dueDate: row.dueDate,
    status: row.status as PlaceAction['status'],
    overdue: isOverdue(row),
    planId: row.planId,
    decidedAt: row.decidedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    abilities: abilitiesOf(actor, actionResource(row.tenantId, row)),
  };
}

/** The input's references must be the tenant's own (RLS hides the others, so an unknown id is a 400). */
export async function checkReferences(tx: Tx, tenantId: string, input: PlaceActionInput): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const one = async (query: SQL) => ((await tx.execute(query)).rows.length > 0);
  if (input.placeId && !(await one(sql`select 1 from place where tenant_id = ${tenantId} and id = ${input.placeId}`))) fields.placeId = 'not_found';
  if (input.areaId && !(await one(sql`select 1 from area where tenant_id = ${tenantId} and id = ${input.areaId}`))) fields.areaId = 'not_found';
  if (!(await one(sql`select 1 from organisation where tenant_id = ${tenantId} and id = ${input.ownerOrganisationId}`))) fields.ownerOrganisationId = 'not_found';
  if (input.ownerMembershipId && !(await one(sql`select 1 from membership where tenant_id = ${tenantId} and id = ${input.ownerMembershipId} and organisation_id = ${input.ownerOrganisationId}`)))
    fields.ownerMembershipId = 'not_found';
  if (input.planId && !(await one(sql`select 1 from action_plan where tenant_id = ${tenantId} and id = ${input.planId}`))) fields.planId = 'not_found';
  return fields;
}

export const actionValues = (input: PlaceActionInput) => ({
  placeId: input.placeId,
  areaId: input.areaId,
  cell: input.cell,
  isoWeek: weekNumber(input.week),
  title: input.title,
  kind: input.kind,
  description: input.description,
  ownerOrganisationId: input.ownerOrganisationId,
  ownerMembershipId: input.ownerMembershipId,
  ownerName: input.ownerName,
  dueDate: input.dueDate,
  planId: input.planId,
});
