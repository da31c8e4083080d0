import { randomInt } from 'node:crypto';
import type { BlindIndex } from '../../crypto/field-cipher';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH, formatReceiptCode, normaliseReceiptCode } from '../../../shared/concerns';

/**
 * Receipt codes are bearer secrets: whoever holds one may read the concern's status. They are drawn
 * with the CSPRNG, shown once, and stored only as an HMAC under the blind-index key, in a namespace
 * of their own (no tenant: the status page does not know the tenant).
 */
const RECEIPT_NAMESPACE = 'concern-receipt';

export interface ReceiptCode {
  /** XXXX-XXXX-XXXX, for the reporter. */
  display: string;
  /** HMAC of the canonical code: what the database holds. */
  hash: string;
}

export function newReceiptCode(blindIndex: BlindIndex): ReceiptCode {
  let canonical = '';
  for (let i = 0; i < RECEIPT_LENGTH; i += 1) canonical += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return { display: formatReceiptCode(canonical), hash: receiptHash(blindIndex, canonical) };
}

export function receiptHash(blindIndex: BlindIndex, canonical: string): string {
  return blindIndex.compute(RECEIPT_NAMESPACE, canonical);
}

/** The hash of a code as typed by someone, or `null` when it cannot be a receipt code. */
export function hashTypedCode(blindIndex: BlindIndex, typed: string): string | null {
  const canonical = normaliseReceiptCode(typed);
  return canonical ? receiptHash(blindIndex, canonical) : null;
}
