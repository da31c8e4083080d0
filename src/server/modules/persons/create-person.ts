import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { BlindIndex, FieldCipher } from '../../crypto/field-cipher';
import { organisation, person, personGuardian } from '../../db/schema';
import { conflict, invalid } from '../../http/errors';
import { parseIdentityNumber } from '../../../shared/personnummer';
import type { PersonInput } from '../../../shared/persons';

export interface PersonCrypto {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
}

/** The encryption context of a personnummer: bound to its tenant and column. */
export const identityNumberContext = (tenantId: string) => `person.identity_number:${tenantId}`;

/**
 * Creates a person in the transaction's tenant. The personnummer is validated, encrypted and
 * indexed; a second person with the same number in the tenant is refused with a field error.
 */
export async function createPerson(tx: Tx, tenantId: string, crypto: PersonCrypto, input: PersonInput): Promise<{ id: string }> {
  const parsed = parseIdentityNumber(input.identityNumber);
  if (!parsed) throw invalid({ identityNumber: 'invalid_identity_number' });
  const index = crypto.blindIndex.compute(tenantId, parsed.canonical);
  const [duplicate] = await tx
    .select({ id: person.id })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.identityNumberIndex, index)))
    .limit(1);
  if (duplicate) throw conflict({ identityNumber: 'identity_number_taken' });

  if (input.schoolId) {
    const [school] = await tx
      .select({ id: organisation.id })
      .from(organisation)
      .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, input.schoolId), eq(organisation.type, 'skola')))
      .limit(1);
    if (!school) throw invalid({ schoolId: 'unknown_reference' });
  }
  const guardianIds = [...new Set(input.guardianIds ?? [])];
  if (guardianIds.length > 0) {
    const found = await tx
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.tenantId, tenantId), inArray(person.id, guardianIds)));
    if (found.length !== guardianIds.length) throw invalid({ guardianIds: 'unknown_reference' });
  }

  const [created] = await tx
    .insert(person)
    .values({
      tenantId,
      identityNumberEncrypted: crypto.cipher.encrypt(parsed.canonical, identityNumberContext(tenantId)),
      identityNumberIndex: index,
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: parsed.birthDate,
      schoolId: input.schoolId ?? null,
      protectedIdentity: input.protectedIdentity ?? 'none',
    })
    .returning({ id: person.id });
  if (guardianIds.length > 0) {
    await tx.insert(personGuardian).values(guardianIds.map((guardianId) => ({ tenantId, childId: created!.id, guardianId })));
  }
  return { id: created!.id };
}
