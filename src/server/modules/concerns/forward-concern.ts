import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { Actor } from '../../policy/actor';
import type { ConcernKind, ConcernStatus } from '../../../shared/concerns';
import type { ConcernCrypto } from './concern-crypto';
import { updateConcern, type ConcernRow } from './concern-record';
import { notifyForwarded } from './concern-notifications';
import { statusAfter } from './status';
import { appendTimeline } from './timeline';

/**
 * Where a report may be forwarded: a concern about a person only to another social services
 * organisation (nobody else may see its details); a place report to any other active organisation.
 */
export async function forwardTargets(tx: Tx, row: ConcernRow): Promise<{ id: string; name: string; type: string }[]> {
  return tx
    .select({ id: organisation.id, name: organisation.name, type: organisation.type })
    .from(organisation)
    .where(
      and(
        eq(organisation.tenantId, row.tenantId),
        eq(organisation.active, true),
        ne(organisation.id, row.receivingOrganisationId),
        row.kind === 'person' ? eq(organisation.type, 'socialtjanst') : undefined,
      ),
    )
    .orderBy(organisation.name, organisation.id);
}

/**
 * Hands the report to another receiving organisation, which then owns it (and its deadlines, which
 * still count from receipt). The legal basis of the disclosure goes on the timeline and in the audit event.
 */
export async function forwardConcern(
  tx: Tx,
  actor: Actor,
  crypto: ConcernCrypto,
  row: ConcernRow,
  input: { organisationId: string; legalBasis: string; note?: string | undefined },
): Promise<Record<string, unknown>> {
  const target = (await forwardTargets(tx, row)).find((candidate) => candidate.id === input.organisationId);
  if (!target) throw invalid({ organisationId: 'forward_target_invalid' });
  await updateConcern(tx, row, { receivingOrganisationId: target.id, assignedUserId: null, status: statusAfter('forward', row.status as ConcernStatus) });
  const details = {
    fromOrganisationId: row.receivingOrganisationId,
    toOrganisationId: target.id,
    toOrganisationName: target.name,
    legalBasis: input.legalBasis,
  };
  await appendTimeline(tx, crypto, { tenantId: row.tenantId, concernId: row.id, type: 'forwarded', actorUserId: actor.userId, details, note: input.note });
  await notifyForwarded(tx, { tenantId: row.tenantId, concernId: row.id, kind: row.kind as ConcernKind, organisationId: target.id });
  return details;
}
