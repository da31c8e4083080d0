import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * A referral's free text and, on a BVC referral, what names the parent, encrypted bound to tenant,
 * column and row (as a case's texts are): copied into another row, a value does not decrypt.
 */
export type ReferralColumn = 'referral.parent' | 'referral.parent_consent' | 'referral.answer_note' | 'referral.outcome_note';

export interface ReferralCrypto {
  encrypt(column: ReferralColumn, tenantId: string, rowId: string, value: string): string;
  decrypt(column: ReferralColumn, tenantId: string, rowId: string, token: string): string;
  encryptJson(column: ReferralColumn, tenantId: string, rowId: string, value: unknown): string;
  decryptJson<T>(column: ReferralColumn, tenantId: string, rowId: string, token: string): T;
}

export function referralCrypto(cipher: FieldCipher): ReferralCrypto {
  const context = (column: ReferralColumn, tenantId: string, rowId: string) => `${column}:${tenantId}:${rowId}`;
  return {
    encrypt: (column, tenantId, rowId, value) => cipher.encrypt(value, context(column, tenantId, rowId)),
    decrypt: (column, tenantId, rowId, token) => cipher.decrypt(token, context(column, tenantId, rowId)),
    encryptJson: (column, tenantId, rowId, value) => cipher.encrypt(JSON.stringify(value), context(column, tenantId, rowId)),
    decryptJson: <T>(column: ReferralColumn, tenantId: string, rowId: string, token: string) => JSON.parse(cipher.decrypt(token, context(column, tenantId, rowId))) as T,
  };
}
