import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';

export interface Secrets {
  encryptionKey: Buffer;
  blindIndexKey: Buffer;
  authSecret: string;
}

interface StoredSecrets {
  encryptionKey: string;
  blindIndexKey: string;
  authSecret: string;
}

/**
 * Keys come from the environment. Only the embedded demo may generate them, into its data
 * directory, and it says so loudly: such keys live next to the data they protect.
 */
export function resolveSecrets(config: Config, warn: (message: string) => void): Secrets {
  const fromEnv = {
    encryptionKey: config.SAMVERKA_ENCRYPTION_KEY,
    blindIndexKey: config.SAMVERKA_BLIND_INDEX_KEY,
    authSecret: config.SAMVERKA_AUTH_SECRET,
  };
  let stored: StoredSecrets | null = null;
  if (!fromEnv.encryptionKey || !fromEnv.blindIndexKey || !fromEnv.authSecret) {
    if (config.databaseKind !== 'embedded') throw new Error('Keys must be set in the environment when DATABASE_URL is set');
    stored = loadOrCreateEmbeddedSecrets(config.SAMVERKA_DATA_DIR, warn);
  }
  return {
    encryptionKey: Buffer.from(fromEnv.encryptionKey ?? stored!.encryptionKey, 'base64'),
    blindIndexKey: Buffer.from(fromEnv.blindIndexKey ?? stored!.blindIndexKey, 'base64'),
    authSecret: fromEnv.authSecret ?? stored!.authSecret,
  };
}

function loadOrCreateEmbeddedSecrets(dataDir: string, warn: (message: string) => void): StoredSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = {
    encryptionKey: randomBytes(32).toString('base64'),
    blindIndexKey: randomBytes(32).toString('base64'),
    authSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  warn(`Generated demo keys in ${file}. Set SAMVERKA_ENCRYPTION_KEY, SAMVERKA_BLIND_INDEX_KEY and SAMVERKA_AUTH_SECRET for real use.`);
  return secrets;
}

export function generateSecretsForTest(): Secrets {
  return { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32), authSecret: randomBytes(32).toString('base64url') };
}
