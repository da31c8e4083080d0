import { and, eq } from 'drizzle-orm';
import { DEFAULT_YOUNG_PERSON_CONSENT_AGE } from '../../../shared/consents';
import type { ConsentState, InformationCategory } from '../../../shared/sharing';
import type { Tx } from '../../db/client';
import { consent, consentParty, person, personGuardian, sspfSetting } from '../../db/schema';
import { type ConsentFacts, type PersonFacts, consentStateFor, currentConsentId, todayInSweden } from './consent-rules';

export {
  ageOn,
  consentStatus,
  consentStateFor,
  covers,
  givenByAll,
  isInForce,
  requiredParties,
  todayInSweden,
  type ConsentFacts,
  type PersonFacts,
  type RequiredParty,
} from './consent-rules';

export interface ConsentView {
  /** The consent state for one recipient (organisation, and user when the consent names people) and one category. */
  stateFor(recipient: { organisationId: string; userId: string }, category: InformationCategory): ConsentState;
  /** The consent in force now, if any (id), and the most recent consent (id) otherwise. */
  currentConsentId: string | null;
}

/** The tenant's age from which the young person's own consent is required. */
export async function youngPersonConsentAge(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.select({ age: sspfSetting.youngPersonConsentAge }).from(sspfSetting).where(eq(sspfSetting.tenantId, tenantId));
  return row?.age ?? DEFAULT_YOUNG_PERSON_CONSENT_AGE;
}

/** What the rules need to know about the person: birth date, guardians and the tenant's consent age. */
export async function loadPersonFacts(tx: Tx, tenantId: string, personId: string): Promise<PersonFacts | null> {
  const [row] = await tx.select({ birthDate: person.birthDate }).from(person).where(and(eq(person.tenantId, tenantId), eq(person.id, personId)));
  if (!row) return null;
  const guardians = await tx
    .select({ guardianId: personGuardian.guardianId })
    .from(personGuardian)
    .where(and(eq(personGuardian.tenantId, tenantId), eq(personGuardian.childId, personId)));
  return { birthDate: row.birthDate, guardianIds: guardians.map((g) => g.guardianId), youngPersonConsentAge: await youngPersonConsentAge(tx, tenantId) };
}

/** Every consent of the person with its parties, in two queries. */
export async function loadConsentFacts(tx: Tx, tenantId: string, personId: string): Promise<ConsentFacts[]> {
  const rows = await tx
    .select({
      id: consent.id,
      organisationIds: consent.organisationIds,
      userIds: consent.userIds,
      categories: consent.categories,
      validFrom: consent.validFrom,
      validTo: consent.validTo,
      withdrawnAt: consent.withdrawnAt,
      createdAt: consent.createdAt,
    })
    .from(consent)
    .where(and(eq(consent.tenantId, tenantId), eq(consent.personId, personId)));
  if (rows.length === 0) return [];
  const parties = await tx
    .select({ consentId: consentParty.consentId, kind: consentParty.kind, guardianId: consentParty.guardianId })
    .from(consentParty)
    .innerJoin(consent, and(eq(consent.tenantId, consentParty.tenantId), eq(consent.id, consentParty.consentId)))
    .where(and(eq(consentParty.tenantId, tenantId), eq(consent.personId, personId)));
  return rows.map((row) => ({ ...row, parties: parties.filter((party) => party.consentId === row.id) }));
}

/** A person's consents with what the rules need about the person, loaded once per request. */
export interface PersonConsents {
  person: PersonFacts;
  consents: ConsentFacts[];
}

export async function loadPersonConsents(tx: Tx, tenantId: string, personId: string): Promise<PersonConsents | null> {
  const personFacts = await loadPersonFacts(tx, tenantId, personId);
  if (!personFacts) return null;
  return { person: personFacts, consents: await loadConsentFacts(tx, tenantId, personId) };
}

/** The consent view over already loaded consents (pure): what `loadConsentView` answers. */
export function consentViewOf(loaded: PersonConsents | null, on: string = todayInSweden()): ConsentView {
  if (!loaded) return { stateFor: () => 'none', currentConsentId: null };
  return {
    stateFor: (recipient, category) => consentStateFor(loaded.consents, loaded.person, recipient, category, on),
    currentConsentId: currentConsentId(loaded.consents, loaded.person, on),
  };
}

/**
 * Loads all of one person's consents once and answers, for any recipient and category, what the
 * consent state is on `on` (default today in Sweden). Withdrawal takes effect at once: the view reads
 * the rows in the caller's transaction, so a view loaded after a withdrawal sees it.
 */
export async function loadConsentView(tx: Tx, tenantId: string, personId: string, on: string = todayInSweden()): Promise<ConsentView> {
  return consentViewOf(await loadPersonConsents(tx, tenantId, personId), on);
}
