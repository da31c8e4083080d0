import { AGE_OF_MAJORITY, type ConsentPartyKind, type ConsentStatus } from '../../../shared/consents';
import type { ConsentState, InformationCategory } from '../../../shared/sharing';
import { now as clockNow } from '../../clock';

/**
 * The pure rules of consent: who must give it, when it is in force, and what it covers. No database
 * here, so the rules can be tested table by table and reused by every module that relies on consent.
 */

export interface RequiredParty {
  kind: ConsentPartyKind;
  guardianId: string | null;
}

export interface GivenParty {
  kind: string;
  guardianId: string | null;
}

export interface ConsentFacts {
  id: string;
  organisationIds: readonly string[];
  userIds: readonly string[];
  categories: readonly string[];
  validFrom: string;
  validTo: string;
  withdrawnAt: Date | string | null;
  createdAt: Date | string;
  parties: readonly GivenParty[];
}

export interface PersonFacts {
  birthDate: string;
  guardianIds: readonly string[];
  youngPersonConsentAge: number;
}

/** Full years on `on` (both YYYY-MM-DD); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/**
 * Who must consent on `on`: each guardian separately and, from the tenant's age, the young person;
 * from 18 the young person alone.
 */
export function requiredParties(facts: PersonFacts, on: string): RequiredParty[] {
  const age = ageOn(facts.birthDate, on);
  const youngPerson: RequiredParty = { kind: 'young_person', guardianId: null };
  if (age >= AGE_OF_MAJORITY) return [youngPerson];
  const guardians = facts.guardianIds.map((guardianId): RequiredParty => ({ kind: 'guardian', guardianId }));
  return age >= facts.youngPersonConsentAge ? [...guardians, youngPerson] : guardians;
}

/** The date the required parties are judged on: `on`, kept inside the consent's validity. */
function judgedOn(consent: Pick<ConsentFacts, 'validFrom' | 'validTo'>, on: string): string {
  if (on < consent.validFrom) return consent.validFrom;
  if (on > consent.validTo) return consent.validTo;
  return on;
}

/** Whether this required party's consent is recorded (the API refuses a givenOn in the future). */
export function hasGiven(parties: readonly GivenParty[], required: RequiredParty): boolean {
  return parties.some((party) => party.kind === required.kind && (required.kind === 'young_person' || party.guardianId === required.guardianId));
}

/**
 * Whether every required party has given the consent. With nobody who could consent (a child
 * without recorded guardians, below the consent age) it is never complete: silence is not consent.
 */
export function givenByAll(consent: ConsentFacts, person: PersonFacts, on: string): boolean {
  const required = requiredParties(person, judgedOn(consent, on));
  return required.length > 0 && required.every((party) => hasGiven(consent.parties, party));
}

/** The consent's status on `on`. Withdrawal and expiry win over missing parties: both are final. */
export function consentStatus(consent: ConsentFacts, person: PersonFacts, on: string): ConsentStatus {
  if (consent.withdrawnAt !== null) return 'withdrawn';
  if (consent.validTo < on) return 'expired';
  if (!givenByAll(consent, person, on)) return 'awaiting_parties';
  if (on < consent.validFrom) return 'not_yet_valid';
  return 'in_force';
}

export function isInForce(consent: ConsentFacts, person: PersonFacts, on: string): boolean {
  return consentStatus(consent, person, on) === 'in_force';
}

/**
 * Whether the consent covers this recipient and category. `samverkan` (the collaboration itself)
 * is covered for every organisation the consent names; the other categories must be ticked.
 */
export function covers(consent: Pick<ConsentFacts, 'organisationIds' | 'userIds' | 'categories'>, recipient: { organisationId: string; userId: string }, category: InformationCategory): boolean {
  if (!consent.organisationIds.includes(recipient.organisationId)) return false;
  if (consent.userIds.length > 0 && !consent.userIds.includes(recipient.userId)) return false;
  return category === 'samverkan' || consent.categories.includes(category);
}

function time(value: Date | string): number {
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

/** Newest first. */
export function byNewest<T extends Pick<ConsentFacts, 'createdAt'>>(consents: readonly T[]): T[] {
  return [...consents].sort((a, b) => time(b.createdAt) - time(a.createdAt));
}

/**
 * The consent state for one recipient and category, from all the person's consents:
 * in force and covering → in_scope; in force but not covering → out_of_scope; otherwise the most
 * recent consent that had been given by everyone (or withdrawn) tells whether it was withdrawn or
 * has expired; anything else (nothing, or only consents still awaiting parties) → none.
 */
export function consentStateFor(
  consents: readonly ConsentFacts[],
  person: PersonFacts,
  recipient: { organisationId: string; userId: string },
  category: InformationCategory,
  on: string,
): ConsentState {
  const inForce = consents.filter((consent) => isInForce(consent, person, on));
  if (inForce.some((consent) => covers(consent, recipient, category))) return 'in_scope';
  if (inForce.length > 0) return 'out_of_scope';
  const latest = byNewest(consents).find((consent) => consent.withdrawnAt !== null || givenByAll(consent, person, on));
  if (!latest) return 'none';
  if (latest.withdrawnAt !== null) return 'withdrawn';
  if (latest.validTo < on) return 'expired';
  return 'none';
}

/** The consent in force now (newest first), else the most recent consent at all. */
export function currentConsentId(consents: readonly ConsentFacts[], person: PersonFacts, on: string): string | null {
  const newest = byNewest(consents);
  return (newest.find((consent) => isInForce(consent, person, on)) ?? newest[0])?.id ?? null;
}

const stockholmDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in Sweden. */
export function todayInSweden(now: Date = clockNow()): string {
  return stockholmDay.format(now);
}
