import type { Config } from '../server/config';
import type { Secrets } from '../server/crypto/secrets';
import { openDatabase, type Database } from '../server/db/client';
import { databaseTarget } from '../server/database-target';
import { createAuth, type Auth } from '../server/auth/auth';
import { createBlindIndex, createFieldCipher, type BlindIndex, type FieldCipher } from '../server/crypto/field-cipher';
import { loadConfigAndSecrets } from './settings';
import { lockEmbeddedDatabase } from './embedded-lock';

/** What most commands work with: the same configuration, keys and database the server would use. */
export interface CliRuntime {
  config: Config;
  secrets: Secrets;
  database: Database;
  auth: Auth;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  close(): Promise<void>;
}

/**
 * Opens the database as the server would. On the embedded database the server must be stopped
 * first: PGlite keeps its files for one process; it is not a server that takes several clients.
 */
export async function openRuntime(options: { migrate?: boolean } = {}): Promise<CliRuntime> {
  const { config, secrets } = loadConfigAndSecrets();
  const unlock = lockEmbeddedDatabase(config);
  let database: Database;
  try {
    database = await openDatabase(databaseTarget(config), { migrate: options.migrate ?? true });
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    config,
    secrets,
    database,
    auth: createAuth({ db: database.db, config, secrets }),
    cipher: createFieldCipher(secrets.encryptionKey),
    blindIndex: createBlindIndex(secrets.blindIndexKey),
    async close() {
      await database.close();
      unlock();
    },
  };
}

/** Runs `work` with an open runtime and always closes it. */
export async function withRuntime<T>(work: (runtime: CliRuntime) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const runtime = await openRuntime(options);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
