import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * Minutes can name people, so each agenda item's minutes are encrypted bound to tenant, table,
 * column and row (as an event's description and a case's free text): copied elsewhere, they do not decrypt.
 */
const context = (tenantId: string, itemId: string) => `forum_agenda_item.minutes:${tenantId}:${itemId}`;

export const encryptMinutes = (cipher: FieldCipher, tenantId: string, itemId: string, text: string) => cipher.encrypt(text, context(tenantId, itemId));
export const decryptMinutes = (cipher: FieldCipher, tenantId: string, itemId: string, token: string) => cipher.decrypt(token, context(tenantId, itemId));
