import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { violates } from '../../db/errors';
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

  if (input.schoolId) await assertSchool(tx, tenantId, input.schoolId);
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
    .returning({ id: person.id })
    .catch((error: unknown) => {
      // Two requests with the same number can both pass the check above; the unique index decides.
      if (isIdentityNumberTaken(error)) throw conflict({ identityNumber: 'identity_number_taken' });
      throw error;
    });
  if (guardianIds.length > 0) {
    await tx.insert(personGuardian).values(guardianIds.map((guardianId) => ({ tenantId, childId: created!.id, guardianId })));
  }
  return { id: created!.id };
}

/** Refuses a school id that is not a school organisation of the tenant. */
export async function assertSchool(tx: Tx, tenantId: string, schoolId: string): Promise<void> {
  const [school] = await tx
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, schoolId), eq(organisation.type, 'skola')))
    .limit(1);
  if (!school) throw invalid({ schoolId: 'unknown_reference' });
}

/** True for a unique violation (23505) on the personnummer index. */
export function isIdentityNumberTaken(error: unknown): boolean {
  return violates(error, '23505', 'person_tenant_identity_idx');
}
