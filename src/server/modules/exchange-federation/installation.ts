import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { Config } from '../../config';
import { generateSigningKey, parseSigningKey } from '../../audit/signing-key';

/**
 * This installation's identity in the housing exchange between installations (issue 16 §5): its id and
 * its Ed25519 key pair. The private key is kept like the audit checkpoint key (audit/checkpoint-settings.ts):
 * never in the database, from SAMVERKA_EXCHANGE_SIGNING_KEY (PKCS#8 PEM or its base64 DER), or, on the
 * embedded database only, generated once into the data directory. On PostgreSQL without the key the
 * installation takes no part in federation (it still exchanges between its own tenants).
 */
export interface InstallationIdentity {
  installationId: string;
  privateKey: KeyObject;
  publicJwk: JWK;
  /** RFC 7638 SHA-256 thumbprint of the public key (base64url): what two administrators read to each other. */
  thumbprint: string;
}

const GENERATED_KEY_FILE = 'exchange-signing-key.pem';

/** The installation id: SAMVERKA_INSTALLATION_ID, else the public URL's host (and port). */
export function installationIdOf(config: Pick<Config, 'publicUrl'> & { SAMVERKA_INSTALLATION_ID?: string | undefined }): string {
  return config.SAMVERKA_INSTALLATION_ID ?? new URL(config.publicUrl).host;
}

/**
 * `generate` only in startServer (as the checkpoint key): buildApp alone, as tests use it, never writes a
 * key file; it finds the one a server generated, or none.
 */
export async function resolveInstallationIdentity(config: Config, options: { generate: boolean; warn: (message: string) => void }): Promise<InstallationIdentity | null> {
  const signer = config.SAMVERKA_EXCHANGE_SIGNING_KEY
    ? parseSigningKey(config.SAMVERKA_EXCHANGE_SIGNING_KEY)
    : config.databaseKind === 'embedded'
      ? loadOrCreateKey(config.SAMVERKA_DATA_DIR, options)
      : null;
  if (!signer) return null;
  const publicJwk = await publicJwkOf(signer.publicKey);
  return { installationId: installationIdOf(config), privateKey: signer.privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

/** Only the public members (kty, crv, x), with alg and use: what a partner pins. */
export async function publicJwkOf(publicKey: KeyObject): Promise<JWK> {
  const { kty, crv, x } = await exportJWK(publicKey);
  return { kty, crv, x, alg: 'EdDSA', use: 'sig' };
}

function loadOrCreateKey(dataDir: string, { generate, warn }: { generate: boolean; warn: (message: string) => void }) {
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (existsSync(file)) return parseSigningKey(readFileSync(file, 'utf8'));
  if (!generate) return null;
  mkdirSync(dataDir, { recursive: true });
  const generated = generateSigningKey();
  writeFileSync(file, generated.privateKeyPem, { mode: 0o600 });
  warn(`Generated a housing-exchange signing key in ${file}. Set SAMVERKA_EXCHANGE_SIGNING_KEY for real use (samverka audit keygen prints one).`);
  return generated.signer;
}
