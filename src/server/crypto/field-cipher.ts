import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Field-level encryption with AES-256-GCM. The additional authenticated data binds a ciphertext
 * to its tenant and purpose, so a value copied into another row or tenant fails to decrypt.
 */
export interface FieldCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(token: string, context: string): string;
}

export function createFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes');
  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    decrypt(token, context) {
      const [version, iv, tag, ciphertext] = token.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unrecognised ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * HMAC blind index for exact lookup of an encrypted value. Keyed per tenant, so the same
 * personnummer in two tenants yields unrelated index values.
 */
export interface BlindIndex {
  compute(tenantId: string, canonicalValue: string): string;
}

export function createBlindIndex(key: Buffer): BlindIndex {
  return {
    compute(tenantId, canonicalValue) {
      return createHmac('sha256', key).update(`${tenantId}:${canonicalValue}`).digest('base64url');
    },
  };
}
