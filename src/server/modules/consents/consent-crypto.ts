import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * Consent free text and scans are encrypted, bound to tenant, row and column like the concern
 * channel: a value copied into another row or tenant does not decrypt.
 */
export type ConsentColumn = 'consent.purpose' | 'consent.withdrawal' | 'consent_party.witness' | 'consent_document.content';

const context = (column: ConsentColumn, tenantId: string, rowId: string) => `${column}:${tenantId}:${rowId}`;

export interface ConsentCrypto {
  encrypt(column: ConsentColumn, tenantId: string, rowId: string, value: string): string;
  decrypt(column: ConsentColumn, tenantId: string, rowId: string, token: string): string;
  /** Bytes travel through the text cipher as base64. */
  encryptBytes(tenantId: string, documentId: string, bytes: Buffer): string;
  decryptBytes(tenantId: string, documentId: string, token: string): Buffer;
}

export function consentCrypto(cipher: FieldCipher): ConsentCrypto {
  return {
    encrypt: (column, tenantId, rowId, value) => cipher.encrypt(value, context(column, tenantId, rowId)),
    decrypt: (column, tenantId, rowId, token) => cipher.decrypt(token, context(column, tenantId, rowId)),
    encryptBytes: (tenantId, documentId, bytes) => cipher.encrypt(bytes.toString('base64'), context('consent_document.content', tenantId, documentId)),
    decryptBytes: (tenantId, documentId, token) => Buffer.from(cipher.decrypt(token, context('consent_document.content', tenantId, documentId)), 'base64'),
  };
}

/** What the withdrawal column holds. */
export interface StoredWithdrawal {
  byKind: 'guardian' | 'young_person';
  byGuardianId: string | null;
  note: string | null;
}
