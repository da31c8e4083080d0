import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consentParty, organisation, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf, can } from '../../policy/can';
import type { Consent, ConsentMethod, ConsentPartyKind } from '../../../shared/consents';
import type { ConsentCategory } from '../../../shared/sharing';
import type { ProtectedIdentity } from '../../../shared/persons';
import { guardiansOf } from '../persons/guardians';
import { personResource } from '../persons/person-record';
import type { ConsentCrypto } from './consent-crypto';
import { listDocuments } from './consent-documents';
import { type ConsentPerson, type ConsentRow, consentResource } from './consent-record';
import { consentStatus, hasGiven, type PersonFacts, requiredParties, todayInSweden } from './consent-rules';
import { youngPersonConsentAge } from './consent-state';

/** A guardian as the consent shows them: a name, or a neutral word when the reader may not see that person. */
export interface GuardianName {
  id: string;
  name: string;
}

/**
 * The person's guardians, named only when the actor may read them with their whereabouts: a guardian
 * with skyddad folkbokföring stays unnamed outside social services (named beside the child, they would
 * say where they live).
 */
export async function guardianNames(tx: Tx, actor: Actor, subject: ConsentPerson): Promise<GuardianName[]> {
  const rows = await guardiansOf(tx, subject.tenantId, subject.id);
  return rows.map((row) => ({
    id: row.id,
    name: can(actor, 'readWhereabouts', personResource({ ...row, protectedIdentity: row.protectedIdentity as ProtectedIdentity })) ? `${row.firstName} ${row.lastName}` : 'Vårdnadshavare',
  }));
}

export async function personFactsFor(tx: Tx, subject: ConsentPerson, guardians: readonly GuardianName[]): Promise<PersonFacts> {
  return { birthDate: subject.birthDate, guardianIds: guardians.map((g) => g.id), youngPersonConsentAge: await youngPersonConsentAge(tx, subject.tenantId) };
}

/** The day the required parties are judged on: today, kept inside the consent's validity. */
export function partiesDay(row: Pick<ConsentRow, 'validFrom' | 'validTo'>, on: string): string {
  return on < row.validFrom ? row.validFrom : on > row.validTo ? row.validTo : on;
}

export async function namesOf(tx: Tx, tenantId: string, row: Pick<ConsentRow, 'organisationIds' | 'userIds'>) {
  const organisations =
    row.organisationIds.length === 0
      ? []
      : await tx
          .select({ id: organisation.id, name: organisation.name })
          .from(organisation)
          .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, row.organisationIds)));
  const users = row.userIds.length === 0 ? [] : await tx.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, row.userIds));
  // In the order the consent names them.
  const orderBy = <T extends { id: string }>(ids: readonly string[], list: T[]) => ids.flatMap((id) => list.filter((item) => item.id === id));
  return { organisations: orderBy(row.organisationIds, organisations), users: orderBy(row.userIds, users) };
}

/** The whole consent as the API shows it: scope, parties, who is still needed, status and abilities. */
export async function presentConsent(tx: Tx, actor: Actor, crypto: ConsentCrypto, row: ConsentRow, subject: ConsentPerson, on: string = todayInSweden()): Promise<Consent> {
  const guardians = await guardianNames(tx, actor, subject);
  const facts = await personFactsFor(tx, subject, guardians);
  const partyRows = await tx
    .select()
    .from(consentParty)
    .where(and(eq(consentParty.tenantId, row.tenantId), eq(consentParty.consentId, row.id)))
    .orderBy(asc(consentParty.recordedAt));
  const nameOf = (kind: string, guardianId: string | null) =>
    kind === 'young_person' ? `${subject.firstName} ${subject.lastName}` : (guardians.find((g) => g.id === guardianId)?.name ?? 'Vårdnadshavare');
  const parties = partyRows.map((party) => ({
    id: party.id,
    kind: party.kind as ConsentPartyKind,
    guardianId: party.guardianId,
    name: nameOf(party.kind, party.guardianId),
    method: party.method as ConsentMethod,
    witnessName: party.witnessEncrypted === null ? null : crypto.decrypt('consent_party.witness', row.tenantId, party.id, party.witnessEncrypted),
    givenOn: party.givenOn,
    documentId: party.documentId,
    recordedAt: party.recordedAt.toISOString(),
  }));
  const required = requiredParties(facts, partiesDay(row, on)).map((party) => ({
    kind: party.kind,
    guardianId: party.guardianId,
    name: nameOf(party.kind, party.guardianId),
    given: hasGiven(partyRows, party),
  }));
  const { organisations, users } = await namesOf(tx, row.tenantId, row);
  return {
    id: row.id,
    personId: row.personId,
    caseId: row.caseId,
    status: consentStatus({ ...row, parties: partyRows }, facts, on),
    organisations,
    users,
    categories: row.categories as ConsentCategory[],
    purpose: crypto.decrypt('consent.purpose', row.tenantId, row.id, row.purposeEncrypted),
    guardianSupportContact: row.guardianSupportContact,
    validFrom: row.validFrom,
    validTo: row.validTo,
    parties,
    requiredParties: required,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    documents: await listDocuments(tx, row),
    abilities: abilitiesOf(actor, consentResource(row, subject)),
  };
}
