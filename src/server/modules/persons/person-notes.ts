import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { personNote, user } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { PersonNote } from '../../../shared/persons';

/** A note's body is encrypted bound to its tenant and person: copied anywhere else, it will not decrypt. */
export const noteBodyContext = (tenantId: string, personId: string) => `person_note.body:${tenantId}:${personId}`;

export async function listNotes(tx: Tx, cipher: FieldCipher, tenantId: string, personId: string): Promise<PersonNote[]> {
  const rows = await tx
    .select({
      id: personNote.id,
      bodyEncrypted: personNote.bodyEncrypted,
      authorUserId: personNote.authorUserId,
      authorName: user.name,
      createdAt: personNote.createdAt,
    })
    .from(personNote)
    .leftJoin(user, eq(user.id, personNote.authorUserId))
    .where(and(eq(personNote.tenantId, tenantId), eq(personNote.personId, personId)))
    .orderBy(desc(personNote.createdAt), desc(personNote.id));
  return rows.map((row) => ({
    id: row.id,
    body: cipher.decrypt(row.bodyEncrypted, noteBodyContext(tenantId, personId)),
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function addNote(
  tx: Tx,
  cipher: FieldCipher,
  note: { tenantId: string; personId: string; authorUserId: string; authorName: string; body: string },
): Promise<PersonNote> {
  const [created] = await tx
    .insert(personNote)
    .values({
      tenantId: note.tenantId,
      personId: note.personId,
      authorUserId: note.authorUserId,
      bodyEncrypted: cipher.encrypt(note.body, noteBodyContext(note.tenantId, note.personId)),
    })
    .returning({ id: personNote.id, createdAt: personNote.createdAt });
  return { id: created!.id, body: note.body, authorUserId: note.authorUserId, authorName: note.authorName, createdAt: created!.createdAt.toISOString() };
}
