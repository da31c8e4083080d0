import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * An event's description is encrypted bound to its tenant, table, column and row (as a case's free
 * text, cases/case-crypto.ts): copied into another row or tenant, it does not decrypt.
 */
const context = (tenantId: string, eventId: string) => `event_report.description:${tenantId}:${eventId}`;

export function encryptDescription(cipher: FieldCipher, tenantId: string, eventId: string, description: string): string {
  return cipher.encrypt(description, context(tenantId, eventId));
}

export function decryptDescription(cipher: FieldCipher, tenantId: string, eventId: string, token: string): string {
  return cipher.decrypt(token, context(tenantId, eventId));
}
