import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * Decrypts for the extract. A text that will not decrypt is shown as unreadable and counted rather
 * than failing the whole extract: the person is still owed everything else, and the count tells
 * the one producing it that something needs looking into.
 */
export class ExtractTexts {
  unreadable = 0;
  constructor(private readonly cipher: FieldCipher) {}

  text(token: string | null, context: string): string | null {
    if (token === null) return null;
    try {
      return this.cipher.decrypt(token, context);
    } catch {
      this.unreadable += 1;
      return null;
    }
  }

  json<T>(token: string | null, context: string): T | null {
    const text = this.text(token, context);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      this.unreadable += 1;
      return null;
    }
  }
}

/**
 * Where each SSPF text is bound: `<table>.<column>:<tenant>:<row id>`, the binding the case and
 * consent modules encrypt with (cases/case-crypto.ts, consents/consent-crypto.ts).
 */
export const bound = (column: string, tenantId: string, rowId: string) => `${column}:${tenantId}:${rowId}`;
