import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * Every free text, name and contact detail of a concern is encrypted, bound to its tenant, row and
 * column: copied into another row or tenant, it does not decrypt. Grouped fields travel as JSON.
 * `receipt`: the receipt code of a report sent with a submission id (submission-id.ts).
 */
export type ConcernColumn = 'reporter' | 'subject' | 'description' | 'place' | 'receipt';

const context = (column: ConcernColumn, tenantId: string, concernId: string) => `concern.${column}:${tenantId}:${concernId}`;
const noteContext = (tenantId: string, concernId: string) => `concern_event.note:${tenantId}:${concernId}`;

export interface ConcernCrypto {
  encrypt(column: ConcernColumn, tenantId: string, concernId: string, value: string): string;
  decrypt(column: ConcernColumn, tenantId: string, concernId: string, token: string): string;
  encryptJson(column: ConcernColumn, tenantId: string, concernId: string, value: object): string;
  decryptJson<T>(column: ConcernColumn, tenantId: string, concernId: string, token: string | null): T | null;
  encryptNote(tenantId: string, concernId: string, note: string): string;
  decryptNote(tenantId: string, concernId: string, token: string | null): string | null;
}

export function concernCrypto(cipher: FieldCipher): ConcernCrypto {
  return {
    encrypt: (column, tenantId, concernId, value) => cipher.encrypt(value, context(column, tenantId, concernId)),
    decrypt: (column, tenantId, concernId, token) => cipher.decrypt(token, context(column, tenantId, concernId)),
    encryptJson: (column, tenantId, concernId, value) => cipher.encrypt(JSON.stringify(value), context(column, tenantId, concernId)),
    decryptJson: <T>(column: ConcernColumn, tenantId: string, concernId: string, token: string | null) =>
      token === null ? null : (JSON.parse(cipher.decrypt(token, context(column, tenantId, concernId))) as T),
    encryptNote: (tenantId, concernId, note) => cipher.encrypt(note, noteContext(tenantId, concernId)),
    decryptNote: (tenantId, concernId, token) => (token === null ? null : cipher.decrypt(token, noteContext(tenantId, concernId))),
  };
}

/** What the reporter and subject JSON columns hold. */
export interface StoredReporter {
  contact: { name: string | null; phone: string | null; email: string | null };
  organisationName: string | null;
  associationName: string | null;
}
export interface StoredSubject {
  name: string | null;
  approximateAge: number | null;
  school: string | null;
  whereSeen: string | null;
}
