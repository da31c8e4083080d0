import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction, offer, referral, sspfCase } from '../../db/schema';
import { now } from '../../clock';
import { hasRoom } from '../../../shared/offers';
import { addWorkingDays, REFERRAL_RESPONSE_WORKING_DAYS, type ReferralStatus } from '../../../shared/referrals';
import type { ActionStatus } from '../../../shared/cases';
import { appendCaseEvent, touchCase } from '../cases/case-record';
import { notify } from '../notifications/notify';
import { activeReferralCounts, waitingList, type ReferralRow } from './store';

/**
 * Whether the offer has a free place now (its own `taken` plus the referrals holding a place). The offer's
 * row is locked until the transaction ends, so two referrals made at the same moment are counted one
 * after the other and cannot both take the last place.
 */
export async function offerHasRoom(tx: Tx, tenantId: string, offerId: string): Promise<boolean> {
  const [row] = await tx
    .select({ capacity: offer.capacity, taken: offer.taken })
    .from(offer)
    .where(and(eq(offer.tenantId, tenantId), eq(offer.id, offerId)))
    .for('update');
  if (!row) return false;
  const referred = (await activeReferralCounts(tx, tenantId, [offerId])).get(offerId) ?? 0;
  return hasRoom({ ...row, referred });
}

/** A new referral's first status: waiting for the provider's answer, or on the waiting list when the offer is full. */
export async function firstStatus(tx: Tx, tenantId: string, offerId: string, today: string): Promise<{ status: ReferralStatus; respondBy: string | null }> {
  return (await offerHasRoom(tx, tenantId, offerId)) ? { status: 'vantar_svar', respondBy: addWorkingDays(today, REFERRAL_RESPONSE_WORKING_DAYS) } : { status: 'vantelista', respondBy: null };
}

/**
 * A place was freed (a decline, an outcome): the first on the offer's waiting list moves up while there
 * is room, with a fresh response time, and the provider hears of it. Returns the ids moved.
 */
export async function promoteWaiting(tx: Tx, tenantId: string, offerId: string, providerOrganisationId: string, today: string): Promise<string[]> {
  const moved: string[] = [];
  for (const id of await waitingList(tx, tenantId, offerId)) {
    if (!(await offerHasRoom(tx, tenantId, offerId))) break;
    await tx
      .update(referral)
      .set({ status: 'vantar_svar', respondBy: addWorkingDays(today, REFERRAL_RESPONSE_WORKING_DAYS), updatedAt: now() })
      .where(and(eq(referral.tenantId, tenantId), eq(referral.id, id)));
    moved.push(id);
  }
  if (moved.length > 0) await notify(tx, { tenantId, kind: 'referral.received', link: '/hanvisningar', organisationId: providerOrganisationId });
  return moved;
}

/**
 * The plan's action follows its referral: accepted → in progress, completed → done, ended early →
 * cancelled, did not start → planned again (the coordinator plans anew). A decline leaves it planned;
 * the coordinator hears of every answer. The step lands in the case's chronology.
 */
export async function followInPlan(tx: Tx, row: ReferralRow, actorUserId: string, status: ActionStatus | null, event: 'created' | 'answered' | 'outcome', detail: string): Promise<void> {
  if (row.caseId === null || row.actionId === null) return;
  const [found] = await tx.select({ id: sspfCase.id, personId: sspfCase.personId, status: sspfCase.status }).from(sspfCase).where(and(eq(sspfCase.tenantId, row.tenantId), eq(sspfCase.id, row.caseId)));
  if (!found) return;
  const caseRow = { tenantId: row.tenantId, id: found.id, personId: found.personId };
  if (status !== null && found.status !== 'avslutad') {
    await tx
      .update(caseAction)
      .set({ status, updatedAt: now() })
      .where(and(eq(caseAction.tenantId, row.tenantId), eq(caseAction.id, row.actionId)));
  }
  await appendCaseEvent(tx, caseRow, actorUserId, { type: `referral.${event}`, section: 'plan', details: { actionId: row.actionId, referralId: row.id, step: detail, ...(status ? { status } : {}) } });
  await touchCase(tx, caseRow);
  if (row.directorUserId) await notify(tx, { tenantId: row.tenantId, kind: 'referral.answered', link: `/samverkan/${row.caseId}`, userIds: [row.directorUserId] });
}
