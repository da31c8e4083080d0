import type { Tx } from '../../db/client';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import type { Referral } from '../../../shared/referrals';
import type { CaseCrypto } from '../cases/case-crypto';
import { isReferrer } from './policy';
import { personView } from './provider-view';
import type { ReferralCrypto } from './referral-crypto';
import { referralResource, type ReferralRow } from './store';

/**
 * A referral as the actor may see it. The provider and the referring side see the same person view
 * (the referrer sees exactly what was disclosed); only the referring side sees the case link and, on
 * a BVC referral, the parent's consent record.
 */
export async function presentReferral(tx: Tx, actor: Actor, cases: CaseCrypto, crypto: ReferralCrypto, row: ReferralRow, waiting: readonly string[], today: string): Promise<Referral> {
  const resource = referralResource(row);
  const referrer = isReferrer(actor, resource);
  const consent = referrer && row.parentConsentEncrypted ? crypto.decryptJson<Referral['parentConsent']>('referral.parent_consent', row.tenantId, row.id, row.parentConsentEncrypted) : null;
  const position = waiting.indexOf(row.id);
  return {
    id: row.id,
    offerId: row.offerId,
    offerTitle: row.offerTitle,
    offerKind: row.offerKind as Referral['offerKind'],
    providerOrganisationId: row.providerOrganisationId,
    providerName: row.providerName,
    referringOrganisationName: row.referringOrganisationName,
    caseId: referrer ? row.caseId : null,
    actionId: referrer ? row.actionId : null,
    subject: row.subject as Referral['subject'],
    status: row.status as Referral['status'],
    waitingPosition: position >= 0 ? position + 1 : null,
    respondBy: row.respondBy,
    overdue: row.status === 'vantar_svar' && row.respondBy !== null && row.respondBy < today,
    answerNote: row.answerNoteEncrypted ? crypto.decrypt('referral.answer_note', row.tenantId, row.id, row.answerNoteEncrypted) : null,
    startedOn: row.startedOn,
    sessionsAttended: row.sessionsAttended,
    outcome: row.outcome as Referral['outcome'],
    outcomeOn: row.outcomeOn,
    outcomeNote: row.outcomeNoteEncrypted ? crypto.decrypt('referral.outcome_note', row.tenantId, row.id, row.outcomeNoteEncrypted) : null,
    person: await personView(tx, cases, crypto, row, today),
    parentConsent: consent,
    createdAt: row.createdAt.toISOString(),
    abilities: abilitiesOf(actor, resource),
  };
}
