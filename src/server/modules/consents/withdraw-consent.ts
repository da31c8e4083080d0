import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseEvent, consent, sspfCase } from '../../db/schema';
import { invalid } from '../../http/errors';
import { notify } from '../notifications/notify';
import type { ConsentCrypto, StoredWithdrawal } from './consent-crypto';
import type { ConsentRow } from './consent-record';

export interface WithdrawInput {
  byKind: 'guardian' | 'young_person';
  byGuardianId?: string | undefined;
  note?: string | undefined;
}

/**
 * Withdraws the consent at once: the row changes in this transaction, and every later request
 * that loads the person's consent sees it withdrawn. When the consent belongs to a case, the case
 * director hears of it (a link only) and the case chronology records it.
 */
export async function withdrawConsent(tx: Tx, crypto: ConsentCrypto, userId: string, row: ConsentRow, guardianIds: readonly string[], input: WithdrawInput): Promise<void> {
  if (row.withdrawnAt !== null) throw invalid({ byKind: 'consent_withdrawn' });
  if (input.byKind === 'guardian') {
    if (!input.byGuardianId) throw invalid({ byGuardianId: 'required' });
    if (!guardianIds.includes(input.byGuardianId)) throw invalid({ byGuardianId: 'not_a_guardian' });
  }
  const stored: StoredWithdrawal = {
    byKind: input.byKind,
    byGuardianId: input.byKind === 'guardian' ? input.byGuardianId! : null,
    note: input.note?.trim() || null,
  };
  await tx
    .update(consent)
    .set({ withdrawnAt: sql`now()`, withdrawnBy: userId, withdrawalEncrypted: crypto.encrypt('consent.withdrawal', row.tenantId, row.id, JSON.stringify(stored)) })
    .where(and(eq(consent.tenantId, row.tenantId), eq(consent.id, row.id)));
  if (row.caseId) await tellTheCase(tx, row, userId, stored);
}

async function tellTheCase(tx: Tx, row: ConsentRow, userId: string, stored: StoredWithdrawal): Promise<void> {
  const [theCase] = await tx
    .select({ id: sspfCase.id, directorUserId: sspfCase.directorUserId })
    .from(sspfCase)
    .where(and(eq(sspfCase.tenantId, row.tenantId), eq(sspfCase.id, row.caseId!)));
  if (!theCase) return;
  // The chronology says who withdrew it by kind only; the note stays encrypted on the consent.
  await tx.insert(caseEvent).values({
    tenantId: row.tenantId,
    caseId: theCase.id,
    personId: row.personId,
    type: 'consent_withdrawn',
    section: 'consent',
    actorUserId: userId,
    details: { consentId: row.id, byKind: stored.byKind },
  });
  await notify(tx, { tenantId: row.tenantId, kind: 'consent.withdrawn', link: `/samverkan/${theCase.id}`, userIds: [theCase.directorUserId] });
}
