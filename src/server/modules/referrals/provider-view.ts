import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction, organisation, person, sspfCase } from '../../db/schema';
import { evaluateSharing } from '../../../shared/sharing-engine';
import type { ConsentState, InformationCategory } from '../../../shared/sharing';
import { ACTION_TYPE_CATEGORY, type ActionType } from '../../../shared/cases';
import { ageBandOf } from '../../../shared/referrals';
import type { OrganisationType } from '../../../shared/organisations';
import { ageOn, consentViewOf, loadPersonConsents } from '../consents/consent-state';
import type { CaseCrypto } from '../cases/case-crypto';
import type { ReferralCrypto } from './referral-crypto';
import type { ReferralRow } from './store';

export interface PersonView {
  firstName: string | null;
  ageBand: string | null;
  what: string | null;
  parentName: string | null;
  parentPhone: string | null;
  withheldSv: string | null;
  withheldEn: string | null;
}

interface Party {
  type: OrganisationType;
  isAuthority: boolean;
}

/** The engine's answers for one referral, pure: what may go from the case's organisation to the provider. */
export interface SharingFacts {
  owner: Party;
  provider: Party;
  personAge: number;
  protectedIdentity: boolean;
  coordinatorDecision: boolean;
  consentFor: (category: InformationCategory) => ConsentState;
  on: string;
}

export function mayShare(facts: SharingFacts, category: InformationCategory): boolean {
  return evaluateSharing({
    from: facts.owner,
    to: facts.provider,
    personAge: Math.max(0, facts.personAge),
    category,
    purpose: 'sspf_samverkan',
    consent: facts.consentFor(category),
    crimeData: category === 'polis',
    protectedIdentity: facts.protectedIdentity,
    coordinatorDecision: facts.coordinatorDecision,
    on: facts.on,
  }).allowed;
}

const WITHHELD_NAME = {
  sv: 'Samtycket omfattar inte er organisation: namnet lämnas inte ut. Koordinatorn kontaktar er.',
  en: 'The consent does not cover your organisation: the name is not disclosed. The coordinator will contact you.',
};
const WITHHELD_WHAT = {
  sv: 'Insatsens beskrivning lämnas inte ut till er.',
  en: 'The action’s description is not disclosed to you.',
};

async function party(tx: Tx, tenantId: string, id: string): Promise<Party> {
  const [row] = await tx.select({ type: organisation.type, isAuthority: organisation.isAuthority }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, id)));
  return { type: (row?.type ?? 'annan') as OrganisationType, isAuthority: row?.isAuthority ?? false };
}

/**
 * What the provider organisation may see of the person behind a referral, asked afresh at every read
 * (a withdrawn consent stops the name at once). The case itself, its mapping and crime information
 * never travel with a referral: only a first name, an age band and, when shared, the action's
 * description, each as far as the engine allows it for the provider.
 */
export async function personView(tx: Tx, cases: CaseCrypto, crypto: ReferralCrypto, row: ReferralRow, on: string): Promise<PersonView> {
  const empty: PersonView = { firstName: null, ageBand: null, what: null, parentName: null, parentPhone: null, withheldSv: null, withheldEn: null };
  if (row.caseId === null || row.actionId === null) {
    const parent = row.parentEncrypted ? crypto.decryptJson<{ name: string; phone: string | null }>('referral.parent', row.tenantId, row.id, row.parentEncrypted) : null;
    return { ...empty, parentName: parent?.name ?? null, parentPhone: parent?.phone ?? null };
  }
  const [found] = await tx
    .select({ personId: sspfCase.personId, ownerOrganisationId: sspfCase.ownerOrganisationId, decision: sspfCase.protectedDecisionAllow, birthDate: person.birthDate, firstName: person.firstName, protectedIdentity: person.protectedIdentity })
    .from(sspfCase)
    .innerJoin(person, and(eq(person.tenantId, sspfCase.tenantId), eq(person.id, sspfCase.personId)))
    .where(and(eq(sspfCase.tenantId, row.tenantId), eq(sspfCase.id, row.caseId)));
  if (!found) return empty;
  const [action] = await tx.select({ type: caseAction.type, whatEncrypted: caseAction.whatEncrypted }).from(caseAction).where(and(eq(caseAction.tenantId, row.tenantId), eq(caseAction.id, row.actionId)));
  const consents = consentViewOf(await loadPersonConsents(tx, row.tenantId, found.personId), on);
  const facts: SharingFacts = {
    owner: await party(tx, row.tenantId, found.ownerOrganisationId),
    provider: await party(tx, row.tenantId, row.providerOrganisationId),
    personAge: ageOn(found.birthDate, on),
    protectedIdentity: found.protectedIdentity !== 'none',
    coordinatorDecision: found.decision === true,
    consentFor: (category) => consents.stateFor({ organisationId: row.providerOrganisationId, userId: '' }, category),
    on,
  };
  const collaboration = mayShare(facts, 'samverkan');
  let firstName: string | null = null;
  if (collaboration) {
    if (row.subject === 'vardnadshavare' && row.guardianId) {
      const [guardian] = await tx.select({ firstName: person.firstName }).from(person).where(and(eq(person.tenantId, row.tenantId), eq(person.id, row.guardianId)));
      firstName = guardian?.firstName ?? null;
    } else firstName = found.firstName;
  }
  const category = action ? ACTION_TYPE_CATEGORY[action.type as ActionType] : 'samverkan';
  const whatAllowed = collaboration && row.shareWhat && action !== undefined && mayShare(facts, category);
  const what = whatAllowed ? cases.decrypt('case_action.what', row.tenantId, row.actionId, action.whatEncrypted) : null;
  const withheld = [!collaboration ? WITHHELD_NAME : null, row.shareWhat && !whatAllowed ? WITHHELD_WHAT : null].filter((x) => x !== null);
  return {
    ...empty,
    firstName,
    ageBand: row.subject === 'ung' ? ageBandOf(facts.personAge) : null,
    what,
    withheldSv: withheld.length ? withheld.map((w) => w.sv).join(' ') : null,
    withheldEn: withheld.length ? withheld.map((w) => w.en).join(' ') : null,
  };
}
