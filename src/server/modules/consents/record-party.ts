import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consentParty } from '../../db/schema';
import { conflict, invalid } from '../../http/errors';
import { AGE_OF_MAJORITY, type ConsentPartyInput } from '../../../shared/consents';
import type { ConsentCrypto } from './consent-crypto';
import { isDocumentOf } from './consent-documents';
import type { ConsentPerson, ConsentRow } from './consent-record';
import { ageOn, todayInSweden } from './consent-rules';

/**
 * Records one party's consent. A guardian must be one of the person's guardians and is refused
 * once the person is of age; the young person may always be recorded (below the tenant's age it is
 * simply not required). A paper consent points at its uploaded scan, an oral one names its witness.
 */
export async function recordParty(
  tx: Tx,
  crypto: ConsentCrypto,
  userId: string,
  row: ConsentRow,
  subject: ConsentPerson,
  guardianIds: readonly string[],
  input: ConsentPartyInput,
): Promise<{ id: string }> {
  if (row.withdrawnAt !== null) throw invalid({ kind: 'consent_withdrawn' });
  if (input.givenOn > todayInSweden()) throw invalid({ givenOn: 'date_in_future' });
  const guardianId = input.kind === 'guardian' ? input.guardianId! : null;
  if (input.kind === 'guardian') {
    if (ageOn(subject.birthDate, input.givenOn) >= AGE_OF_MAJORITY) throw invalid({ kind: 'guardian_not_for_adult' });
    if (!guardianIds.includes(guardianId!)) throw invalid({ guardianId: 'not_a_guardian' });
  }
  // A party's signed form is a scan of this consent: not one uploaded to another consent, even the same person's.
  if (input.documentId && !(await isDocumentOf(tx, row, input.documentId))) throw invalid({ documentId: 'unknown_reference' });
  const existing = await tx
    .select({ kind: consentParty.kind, guardianId: consentParty.guardianId })
    .from(consentParty)
    .where(and(eq(consentParty.tenantId, row.tenantId), eq(consentParty.consentId, row.id)));
  if (existing.some((party) => party.kind === input.kind && party.guardianId === guardianId)) {
    throw conflict({ [input.kind === 'guardian' ? 'guardianId' : 'kind']: 'party_already_given' });
  }
  const id = randomUUID();
  await tx.insert(consentParty).values({
    tenantId: row.tenantId,
    id,
    consentId: row.id,
    kind: input.kind,
    guardianId,
    method: input.method,
    witnessEncrypted: input.witnessName ? crypto.encrypt('consent_party.witness', row.tenantId, id, input.witnessName.trim()) : null,
    givenOn: input.givenOn,
    documentId: input.method === 'paper' ? (input.documentId ?? null) : null,
    recordedBy: userId,
  });
  return { id };
}
