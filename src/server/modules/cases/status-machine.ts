import type { CaseStatus } from '../../../shared/cases';
import type { ConsentStanding } from './consent-check';

/**
 * The case's course: aktualiserad → samtycke_inhamtat → kartlaggning → natverksmote → plan_aktiv →
 * uppfoljning, then back to plan_aktiv to revise and on to uppfoljning again, until it is closed.
 * Closing is its own step (`/close`, with reason and outcome) and possible from any open status.
 */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  aktualiserad: ['samtycke_inhamtat'],
  samtycke_inhamtat: ['kartlaggning'],
  kartlaggning: ['natverksmote'],
  natverksmote: ['plan_aktiv'],
  plan_aktiv: ['uppfoljning'],
  uppfoljning: ['plan_aktiv'],
  avslutad: [],
};

export interface TransitionFacts {
  consent: ConsentStanding;
  goalCount: number;
  actionCount: number;
}

/** Why a move is blocked (a message key), or null when it may go ahead. */
export function blockedBy(from: CaseStatus, to: CaseStatus, facts: TransitionFacts): string | null {
  if (from === 'avslutad') return 'case_closed';
  if (to === 'avslutad') return null;
  if (!NEXT_STATUSES[from].includes(to)) return 'case_wrong_transition';
  if (facts.consent.inForceId === null) {
    if (facts.consent.latestStatus === 'withdrawn') return 'case_consent_withdrawn';
    if (facts.consent.latestStatus === 'expired') return 'case_consent_expired';
    return 'consent_required';
  }
  if (to === 'plan_aktiv' && (facts.goalCount === 0 || facts.actionCount === 0)) return 'plan_required';
  return null;
}

/** The moves offered from a status: its next statuses, then closing. */
export function offeredTransitions(from: CaseStatus): CaseStatus[] {
  return from === 'avslutad' ? [] : [...NEXT_STATUSES[from], 'avslutad'];
}
