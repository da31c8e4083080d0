import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * What the exchange keeps encrypted at rest, bound to tenant, table, column and row (as forums' minutes):
 * the request's own-wish record, exit-case reference and internal note (never leave the tenant), a private
 * unsuitable reason, the officers' contacts on a confirmed match, and a received sealed message until opened.
 */
export function exchangeCrypto(cipher: FieldCipher) {
  const seal = (column: string) => ({
    encrypt: (tenantId: string, rowId: string, text: string) => cipher.encrypt(text, `${column}:${tenantId}:${rowId}`),
    decrypt: (tenantId: string, rowId: string, token: string) => cipher.decrypt(token, `${column}:${tenantId}:${rowId}`),
  });
  const note = seal('exchange_request.note');
  const wish = seal('exchange_request.own_wish');
  const origin = seal('exchange_request.origin_reference');
  const reason = seal('exchange_unsuitable.reason');
  const contact = seal('exchange_match.contact');
  const sealed = seal('exchange_sealed.text');
  return {
    encryptNote: note.encrypt,
    decryptNote: note.decrypt,
    encryptWish: wish.encrypt,
    decryptWish: wish.decrypt,
    encryptOrigin: origin.encrypt,
    decryptOrigin: origin.decrypt,
    encryptReason: reason.encrypt,
    encryptContact: contact.encrypt,
    decryptContact: contact.decrypt,
    encryptSealed: sealed.encrypt,
    decryptSealed: sealed.decrypt,
  };
}
