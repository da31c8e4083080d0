import { loadConfig, type Config } from '../server/config';
import { resolveSecrets, type Secrets } from '../server/crypto/secrets';
import { warn } from './warn';

/** Loads the configuration and keys only (no database): config errors surface before anything else happens. */
export function loadConfigAndSecrets(): { config: Config; secrets: Secrets } {
  const config = loadConfig();
  return { config, secrets: resolveSecrets(config, warn) };
}
