import type { Tx } from '../../db/client';
import { notify } from '../notifications/notify';
import { CONCERN_PATHS, type ConcernKind } from '../../../shared/concerns';

/**
 * What the concern channel tells the notifications module. Notifications carry a kind and a link,
 * never a detail of the report; they commit with the step they announce. (A new report's own
 * notices are written with the report: write-reports.ts.)
 */
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
