import type { Config } from './config';
import type { Database } from './db/client';
import type { Auth } from './auth/auth';
import type { BlindIndex, FieldCipher } from './crypto/field-cipher';

/** What every feature module's routes are built from. Each module takes what it needs, nothing global. */
export interface AppContext {
  config: Config;
  database: Database;
  auth: Auth;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
}
