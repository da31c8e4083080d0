import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { person, personGuardian, personNote } from '../../db/schema';
import type { ProtectedIdentity } from '../../../shared/persons';
import type { RegisterExtract } from '../../../shared/register-extract';
import { identityNumberContext } from '../persons/create-person';
import { noteBodyContext } from '../persons/person-notes';
import type { PersonRow } from '../persons/person-record';
import type { Names } from './names';
import type { ExtractTexts } from './texts';

const ref = (row: { id: string; firstName: string; lastName: string; birthDate: string }) => ({
  id: row.id,
  firstName: row.firstName,
  lastName: row.lastName,
  birthDate: row.birthDate,
});

/** The person record, their guardians (and wards) and the notes about them; the school only when the whereabouts are not withheld. */
export async function personPart(
  tx: Tx,
  texts: ExtractTexts,
  names: Names,
  row: PersonRow,
  whereaboutsWithheld: boolean,
): Promise<Pick<RegisterExtract, 'person' | 'guardians' | 'guardianOf' | 'notes'>> {
  const { tenantId, id } = row;
  const guardians = await tx
    .select({ id: person.id, firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate })
    .from(personGuardian)
    .innerJoin(person, and(eq(person.tenantId, personGuardian.tenantId), eq(person.id, personGuardian.guardianId)))
    .where(and(eq(personGuardian.tenantId, tenantId), eq(personGuardian.childId, id)))
    .orderBy(person.lastName, person.firstName);
  const wards = await tx
    .select({ id: person.id, firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate })
    .from(personGuardian)
    .innerJoin(person, and(eq(person.tenantId, personGuardian.tenantId), eq(person.id, personGuardian.childId)))
    .where(and(eq(personGuardian.tenantId, tenantId), eq(personGuardian.guardianId, id)))
    .orderBy(person.lastName, person.firstName);
  const notes = await tx
    .select()
    .from(personNote)
    .where(and(eq(personNote.tenantId, tenantId), eq(personNote.personId, id)))
    .orderBy(desc(personNote.createdAt));
  return {
    person: {
      id,
      identityNumber: texts.text(row.identityNumberEncrypted, identityNumberContext(tenantId)),
      firstName: row.firstName,
      lastName: row.lastName,
      birthDate: row.birthDate,
      school: whereaboutsWithheld ? null : names.organisation(row.schoolId),
      protectedIdentity: row.protectedIdentity as ProtectedIdentity,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    guardians: guardians.map(ref),
    guardianOf: wards.map(ref),
    notes: notes.map((note) => ({
      body: texts.text(note.bodyEncrypted, noteBodyContext(tenantId, id)),
      authorName: names.user(note.authorUserId),
      createdAt: note.createdAt.toISOString(),
    })),
  };
}
