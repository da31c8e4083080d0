import type { Tx } from '../../db/client';
import { consentStatus, loadConsentFacts, loadPersonFacts, todayInSweden } from '../consents/consent-state';
import type { ConsentStatus } from '../../../shared/consents';

export interface ConsentStanding {
  /** The consent in force today (newest first), or null. */
  inForceId: string | null;
  /** The status of the most recent consent that had been given by all (or withdrawn), if any. */
  latestStatus: ConsentStatus | null;
}

/**
 * Whether the person's consent stands today: the status machine needs one in force for every step
 * after "aktualiserad", and stops every move except closing once it is withdrawn or has expired.
 */
export async function consentStanding(tx: Tx, tenantId: string, personId: string, on = todayInSweden()): Promise<ConsentStanding> {
  const person = await loadPersonFacts(tx, tenantId, personId);
  if (!person) return { inForceId: null, latestStatus: null };
  const consents = [...(await loadConsentFacts(tx, tenantId, personId))].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
  const statuses = consents.map((consent) => ({ id: consent.id, status: consentStatus(consent, person, on) }));
  const inForce = statuses.find((entry) => entry.status === 'in_force');
  const settled = statuses.find((entry) => entry.status !== 'awaiting_parties' && entry.status !== 'not_yet_valid');
  return { inForceId: inForce?.id ?? null, latestStatus: inForce ? 'in_force' : (settled?.status ?? null) };
}
