import type { Tx } from '../../db/client';
import { consentStatus, loadPersonConsents, todayInSweden, type PersonConsents } from '../consents/consent-state';
import type { ConsentStatus } from '../../../shared/consents';
import type { CaseDetail } from '../../../shared/cases';
import type { ConsentCategory } from '../../../shared/sharing';
import { namesOf } from '../consents/present-consent';

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
export function standingOf(loaded: PersonConsents | null, on = todayInSweden()): ConsentStanding {
  if (!loaded) return { inForceId: null, latestStatus: null };
  const newestFirst = [...loaded.consents].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
  const statuses = newestFirst.map((consent) => ({ id: consent.id, status: consentStatus(consent, loaded.person, on) }));
  const inForce = statuses.find((entry) => entry.status === 'in_force');
  const settled = statuses.find((entry) => entry.status !== 'awaiting_parties' && entry.status !== 'not_yet_valid');
  return { inForceId: inForce?.id ?? null, latestStatus: inForce ? 'in_force' : (settled?.status ?? null) };
}

export async function consentStanding(tx: Tx, tenantId: string, personId: string, on = todayInSweden()): Promise<ConsentStanding> {
  return standingOf(await loadPersonConsents(tx, tenantId, personId), on);
}

/** The consent a case rests on, as the team may know it: status and scope, never the parties. */
export async function consentSummary(tx: Tx, tenantId: string, loaded: PersonConsents | null, consentId: string, on = todayInSweden()): Promise<CaseDetail['consent']> {
  const facts = loaded?.consents.find((consent) => consent.id === consentId);
  if (!loaded || !facts) return null;
  const { organisations } = await namesOf(tx, tenantId, { organisationIds: [...facts.organisationIds], userIds: [] });
  return {
    id: facts.id,
    status: consentStatus(facts, loaded.person, on),
    organisations,
    categories: facts.categories as ConsentCategory[],
    validFrom: facts.validFrom,
    validTo: facts.validTo,
    withdrawnAt: facts.withdrawnAt === null ? null : new Date(facts.withdrawnAt).toISOString(),
  };
}
