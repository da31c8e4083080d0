import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type Config } from '../config';
import { generateSigningKey, parseSigningKey, parseVerifyKey, type CheckpointSigner, type CheckpointVerifier } from './signing-key';

export interface CheckpointSettings {
  /** Where checkpoints are appended and read; null on PostgreSQL until SAMVERKA_AUDIT_CHECKPOINT_FILE says where. */
  file: string | null;
  /** Null where only the public key is held (an auditor), or where none is configured. */
  signer: CheckpointSigner | null;
  verifier: CheckpointVerifier | null;
}

const DEMO_KEY_FILE = 'audit-signing-key.pem';
const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/**
 * The checkpoint key and file from the environment. Only the embedded demo may generate a key,
 * into its data directory next to its other generated keys, and it says so: there the key lives
 * beside the data, which is fine for a demonstration and nothing else.
 * The embedded demo's file defaults to a sibling of its data directory (`./audit-checkpoints.jsonl`),
 * outside it. On PostgreSQL there is no default: where the checkpoints live (storage the database's
 * administrators cannot rewrite) is the operator's decision.
 */
export function resolveCheckpointSettings(config: Config, options: { generate: boolean; warn: (message: string) => void }): CheckpointSettings {
  const configured = config.SAMVERKA_AUDIT_CHECKPOINT_FILE;
  const file = configured
    ? resolve(configured)
    : config.databaseKind === 'embedded'
      ? join(dirname(resolve(config.SAMVERKA_DATA_DIR)), CHECKPOINT_FILE)
      : null;
  let signer = config.SAMVERKA_AUDIT_SIGNING_KEY ? parseSigningKey(config.SAMVERKA_AUDIT_SIGNING_KEY) : null;
  if (!signer && !config.SAMVERKA_AUDIT_VERIFY_KEY && config.databaseKind === 'embedded') {
    signer = loadOrCreateDemoKey(config.SAMVERKA_DATA_DIR, options);
  }
  const verifier = config.SAMVERKA_AUDIT_VERIFY_KEY ? parseVerifyKey(config.SAMVERKA_AUDIT_VERIFY_KEY) : signer;
  if (signer && verifier && signer.keyId !== verifier.keyId) {
    throw new ConfigError('Invalid configuration: SAMVERKA_AUDIT_VERIFY_KEY is not the public half of SAMVERKA_AUDIT_SIGNING_KEY');
  }
  return { file, signer, verifier };
}

/**
 * For the server: in production the chains must be anchored, so a missing key or file stops the
 * start like a missing SAMVERKA_AUTH_SECRET; elsewhere the server runs without checkpoints and says so.
 */
export function serverCheckpointSettings(config: Config, warn: (message: string) => void): { file: string; signer: CheckpointSigner } | null {
  const settings = resolveCheckpointSettings(config, { generate: true, warn });
  if (settings.signer && settings.file) return { file: settings.file, signer: settings.signer };
  const missing = [settings.signer ? null : 'SAMVERKA_AUDIT_SIGNING_KEY', settings.file ? null : 'SAMVERKA_AUDIT_CHECKPOINT_FILE'].filter(Boolean).join(' and ');
  if (config.NODE_ENV === 'production') {
    throw new ConfigError(`Invalid configuration: ${missing} must be set in production to anchor the audit log (a key: \`samverka audit keygen\`)`);
  }
  warn(`${missing} ${missing.includes(' and ') ? 'are' : 'is'} not set: the audit chains are NOT anchored by signed checkpoints, so someone who can rewrite the database could rewrite the audit log unseen. See docs/SECURITY.md.`);
  return null;
}

function loadOrCreateDemoKey(dataDir: string, options: { generate: boolean; warn: (message: string) => void }): CheckpointSigner | null {
  const file = join(dataDir, DEMO_KEY_FILE);
  if (existsSync(file)) return parseSigningKey(readFileSync(file, 'utf8'));
  if (!options.generate) return null;
  mkdirSync(dataDir, { recursive: true });
  const generated = generateSigningKey();
  writeFileSync(file, generated.privateKeyPem, { mode: 0o600 });
  options.warn(`Generated a demo audit signing key in ${file}. Set SAMVERKA_AUDIT_SIGNING_KEY for real use (samverka audit keygen).`);
  return generated.signer;
}
