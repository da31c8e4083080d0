import type { ConsentFindingReason, ConsentState, InformationCategory, SharingCategory } from '../../../shared/sharing';
import { consentFactsSchema } from '../../../shared/sharing';
import type { z } from 'zod';
import { consentStateFor, consentStatus, requiredParties, type ConsentFacts, type PersonFacts } from './consent-rules';

type GuideConsentFacts = z.output<typeof consentFactsSchema>;

const RECIPIENT = { organisationId: 'recipient', userId: 'asker' };

/**
 * The consent state the facts amount to, worked out by the consent module's own rules (issue 17 §1):
 * the same `consentStateFor` the SSPF case uses, over one consent built from the facts. A person of
 * `age` on `on`, with the tenant's consent age; the facts describe the consent as it stands on `on`.
 */
export function consentFromFacts(
  facts: GuideConsentFacts,
  question: { personAge: number; category: SharingCategory; on: string },
  youngPersonConsentAge: number,
): { state: ConsentState; reason: ConsentFindingReason } {
  if (!facts.exists) return { state: 'none', reason: 'no_consent' };
  const [year, month, day] = question.on.split('-') as [string, string, string];
  const birthDate = `${String(Number(year) - question.personAge).padStart(4, '0')}-${month}-${day}`;
  const guardianIds = facts.guardians.map((_, index) => `guardian-${index + 1}`);
  const person: PersonFacts = { birthDate, guardianIds, youngPersonConsentAge };
  const parties = [
    ...facts.guardians.flatMap((guardian, index) => (guardian.consented ? [{ kind: 'guardian', guardianId: guardianIds[index]! }] : [])),
    ...(facts.youngPersonConsented ? [{ kind: 'young_person', guardianId: null }] : []),
  ];
  const covering = facts.coversRecipient && facts.coversCategory && facts.coversPurpose;
  const consent: ConsentFacts = {
    id: 'guide',
    // Recipient, category and purpose are asked as three facts; a consent that misses any of them does
    // not cover this disclosure, which the consent module sees as a consent naming another organisation.
    organisationIds: covering ? [RECIPIENT.organisationId] : ['another-organisation'],
    userIds: [],
    categories: [question.category],
    validFrom: question.on,
    validTo: facts.validTo ?? '9999-12-31',
    withdrawnAt: facts.withdrawn ? `${question.on}T00:00:00Z` : null,
    createdAt: `${question.on}T00:00:00Z`,
    parties,
  };
  const state = consentStateFor([consent], person, RECIPIENT, question.category as InformationCategory, question.on);
  return { state, reason: reasonFor(state, consent, person, question.on) };
}

function reasonFor(state: ConsentState, consent: ConsentFacts, person: PersonFacts, on: string): ConsentFindingReason {
  if (state === 'in_scope') return 'covers';
  if (state === 'out_of_scope') return 'not_covering';
  if (state === 'withdrawn') return 'withdrawn';
  if (state === 'expired') return 'expired';
  if (consentStatus(consent, person, on) === 'awaiting_parties') {
    const required = requiredParties(person, on);
    if (required.length === 0) return 'nobody_can_consent';
    const youngMissing = required.some((party) => party.kind === 'young_person') && !consent.parties.some((party) => party.kind === 'young_person');
    if (youngMissing) return 'young_person_missing';
    return 'guardian_missing';
  }
  return 'no_consent';
}
