import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * The Ed25519 keys that sign audit checkpoints. They never live in the database: whoever can
 * rewrite the database must not be able to sign a checkpoint for the rewritten chains.
 * Accepted forms: PEM (PKCS#8 private, SPKI public), or the base64 of the same DER bytes (one
 * line, easier in an environment variable). `samverka audit keygen` prints a pair.
 */
export interface CheckpointSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export interface CheckpointVerifier {
  publicKey: KeyObject;
  keyId: string;
}

export function parseSigningKey(text: string): CheckpointSigner {
  const privateKey = looksLikePem(text)
    ? createPrivateKey({ key: text, format: 'pem' })
    : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function parseVerifyKey(text: string): CheckpointVerifier {
  const publicKey = looksLikePem(text)
    ? createPublicKey({ key: text, format: 'pem' })
    : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return { publicKey, keyId: keyIdOf(publicKey) };
}

/** For config validation: true when `text` is a usable key of the kind asked for. */
export function isSigningKey(text: string): boolean {
  return succeeds(() => parseSigningKey(text));
}

export function isVerifyKey(text: string): boolean {
  return succeeds(() => parseVerifyKey(text));
}

export function generateSigningKey(): { signer: CheckpointSigner; privateKeyPem: string; privateKeyBase64: string; publicKeyBase64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signer: { privateKey, publicKey, keyId: keyIdOf(publicKey) },
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    privateKeyBase64: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** Names the key in each checkpoint, so a verifier holding another key says so instead of "bad signature". */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN');
}

function succeeds(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch {
    return false;
  }
}
