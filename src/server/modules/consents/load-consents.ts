import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consent, consentParty, personGuardian } from '../../db/schema';
import { youngPersonConsentAge, type ConsentFacts, type PersonConsents } from './consent-state';

/** Every consent of these persons with its parties and what the rules need about each person, in four queries. */
export async function loadConsentsOfPersons(tx: Tx, tenantId: string, persons: readonly { id: string; birthDate: string }[]): Promise<Map<string, PersonConsents>> {
  const personIds = [...new Set(persons.map((p) => p.id))];
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: consent.id,
      personId: consent.personId,
      organisationIds: consent.organisationIds,
      userIds: consent.userIds,
      categories: consent.categories,
      validFrom: consent.validFrom,
      validTo: consent.validTo,
      withdrawnAt: consent.withdrawnAt,
      createdAt: consent.createdAt,
    })
    .from(consent)
    .where(and(eq(consent.tenantId, tenantId), inArray(consent.personId, personIds)));
  const parties = rows.length
    ? await tx
        .select({ consentId: consentParty.consentId, kind: consentParty.kind, guardianId: consentParty.guardianId })
        .from(consentParty)
        .where(and(eq(consentParty.tenantId, tenantId), inArray(consentParty.consentId, rows.map((row) => row.id))))
    : [];
  const guardians = await tx
    .select({ childId: personGuardian.childId, guardianId: personGuardian.guardianId })
    .from(personGuardian)
    .where(and(eq(personGuardian.tenantId, tenantId), inArray(personGuardian.childId, personIds)));
  const consentAge = await youngPersonConsentAge(tx, tenantId);

  const byPerson = new Map<string, PersonConsents>();
  for (const subject of persons) {
    const own: ConsentFacts[] = rows
      .filter((row) => row.personId === subject.id)
      .map(({ personId: _personId, ...row }) => ({ ...row, parties: parties.filter((party) => party.consentId === row.id) }));
    byPerson.set(subject.id, {
      person: { birthDate: subject.birthDate, guardianIds: guardians.filter((g) => g.childId === subject.id).map((g) => g.guardianId), youngPersonConsentAge: consentAge },
      consents: own,
    });
  }
  return byPerson;
}
