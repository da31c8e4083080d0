import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { FieldCipher } from '../../crypto/field-cipher';
import { concern } from '../../db/schema';
import { concernCrypto } from '../concerns/concern-crypto';

/**
 * A citizen's report keeps its words in the place report (concern of kind `place`), encrypted there:
 * the reviewer reads the description and "where" from it. A concern removed by retention leaves the
 * event without text (null), never an error.
 */
export async function citizenTexts(tx: Tx, cipher: FieldCipher, tenantId: string, concernId: string): Promise<{ description: string | null; citizenPlace: string | null }> {
  const [row] = await tx
    .select({ description: concern.descriptionEncrypted, place: concern.placeEncrypted })
    .from(concern)
    .where(and(eq(concern.tenantId, tenantId), eq(concern.id, concernId), eq(concern.kind, 'place')));
  if (!row) return { description: null, citizenPlace: null };
  const crypto = concernCrypto(cipher);
  return {
    description: crypto.decrypt('description', tenantId, concernId, row.description),
    citizenPlace: row.place === null ? null : crypto.decrypt('place', tenantId, concernId, row.place),
  };
}
