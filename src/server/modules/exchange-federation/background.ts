import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { holdRemoteTransport } from './bindings';
import { resolveInstallationIdentity } from './installation';
import { startFederationSender, type FederationJob } from './outbox';
import { createFieldCipher } from '../../crypto/field-cipher';
import type { Secrets } from '../../crypto/secrets';

export interface FederationJobs {
  /** Null where the installation has no exchange key (PostgreSQL without SAMVERKA_EXCHANGE_SIGNING_KEY). */
  sender: FederationJob | null;
  stop(): Promise<void>;
}

/**
 * Before buildApp (startServer): the embedded installation's key is generated once into its data
 * directory, as the audit checkpoint key is; elsewhere it comes from SAMVERKA_EXCHANGE_SIGNING_KEY.
 */
export async function prepareFederationKey(config: Config, warn: (message: string) => void): Promise<void> {
  const identity = await resolveInstallationIdentity(config, { generate: true, warn });
  if (!identity) warn('SAMVERKA_EXCHANGE_SIGNING_KEY is not set: the housing exchange works between this installation\'s tenants only, not with partner installations.');
}

/**
 * After listen (startServer): messages to other installations are queued in the outbox (the housing
 * exchange's remote transport) and a sender delivers them. Tests that build the app alone drive
 * `drainFederationOutbox` themselves.
 */
export async function startFederationJobs(
  database: Database,
  config: Config,
  secrets: Secrets,
  log: { warn(details: object, message: string): void; error(details: object, message: string): void },
): Promise<FederationJobs> {
  const identity = await resolveInstallationIdentity(config, { generate: false, warn: () => {} });
  if (!identity) return { sender: null, stop: async () => {} };
  const cipher = createFieldCipher(secrets.encryptionKey);
  const release = holdRemoteTransport(identity.installationId, cipher);
  const sender = startFederationSender({
    database,
    identity,
    cipher,
    retrySeconds: config.SAMVERKA_EXCHANGE_RETRY_SECONDS,
    intervalSeconds: config.SAMVERKA_EXCHANGE_OUTBOX_INTERVAL_SECONDS,
    log,
  });
  return {
    sender,
    async stop() {
      release();
      await sender.stop();
    },
  };
}
