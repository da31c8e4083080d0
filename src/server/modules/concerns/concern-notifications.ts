import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { notify } from '../notifications/notify';
import { CONCERN_PATHS, type ConcernKind } from '../../../shared/concerns';

/**
 * What the concern channel tells the notifications module. Notifications carry a kind and a link,
 * never a detail of the report; they commit with the step they announce.
 */
export async function notifyReceived(
  tx: Tx,
  event: { tenantId: string; concernId: string; kind: ConcernKind; receivingOrganisationId: string; notifyCoordinator: boolean },
): Promise<void> {
  await notify(tx, {
    tenantId: event.tenantId,
    kind: event.kind === 'person' ? 'concern.received' : 'place_report.received',
    link: CONCERN_PATHS.concern(event.concernId),
    organisationId: event.receivingOrganisationId,
  });
  if (!event.notifyCoordinator) return;
  // The coordinators learn only that a concern reached the intake unit: their link is the start page.
  const coordinators = await tx.execute<{ user_id: string }>(sql`
    select distinct m.user_id from membership m
    join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
    where m.tenant_id = ${event.tenantId} and m.role = 'koordinator' and m.active and o.active`);
  const userIds = coordinators.rows.map((row) => row.user_id);
  if (userIds.length > 0) await notify(tx, { tenantId: event.tenantId, kind: 'concern.received', link: '/', userIds });
}

export async function notifyAssigned(tx: Tx, event: { tenantId: string; concernId: string; userId: string }): Promise<void> {
  await notify(tx, { tenantId: event.tenantId, kind: 'concern.assigned', link: CONCERN_PATHS.concern(event.concernId), userIds: [event.userId] });
}

export async function notifyForwarded(tx: Tx, event: { tenantId: string; concernId: string; kind: ConcernKind; organisationId: string }): Promise<void> {
  await notify(tx, {
    tenantId: event.tenantId,
    kind: event.kind === 'person' ? 'concern.forwarded' : 'place_report.forwarded',
    link: CONCERN_PATHS.concern(event.concernId),
    organisationId: event.organisationId,
  });
}
