import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { databaseTarget } from './database-target';
import { resolveSecrets, type Secrets } from './crypto/secrets';
import { buildApp } from './app';
import { addressToOpen, isLoopbackHost } from './http/origins';
import { startNotificationJobs } from './modules/notifications/background';
import { prepareShutdownDrain } from './http/shutdown-drain';
import { serverCheckpointSettings } from './audit/checkpoint-settings';
import { startAuditCheckpoints } from './audit/checkpoint-job';
import { prepareFederationKey, startFederationJobs, type FederationJobs } from './modules/exchange-federation/background';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  config: Config;
  url: string;
  /** The housing exchange's sender to partner installations (tests run a pass with `sender.runNow()`). */
  federation: FederationJobs;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: Config;
  /** Runs after migrations and before listening, e.g. to seed the demo. */
  beforeListen?: (server: { database: Database; config: Config; app: FastifyInstance; secrets: Secrets }) => Promise<void>;
}

/** Opens the database, migrates, builds the app and listens. Shuts down gracefully on SIGTERM/SIGINT. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfig();
  const warn = (message: string) => process.stderr.write(`WARNING: ${message}\n`);
  const secrets = resolveSecrets(config, warn);
  const auditAnchoring = serverCheckpointSettings(config, warn);
  await prepareFederationKey(config, warn);
  const database = await openDatabase(databaseTarget(config), { migrate: true });
  const app = await buildApp({ config, database, secrets });
  const shutdownDrain = prepareShutdownDrain(app);
  await options.beforeListen?.({ database, config, app, secrets });
  await app.listen({ port: config.PORT, host: config.HOST });
  // The mail sender and the deadline job run only in a listening server; tests drive them directly.
  const notificationJobs = startNotificationJobs(database, config, app.log);
  const auditCheckpoints = startAuditCheckpoints(database, config, auditAnchoring, app.log);
  const federation = await startFederationJobs(database, config, secrets, app.log);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // The address users should open: the public URL, the one the origin check accepts (http/origins.ts).
  const url = addressToOpen(config, port);
  if (config.SAMVERKA_PUBLIC_URL === undefined && !isLoopbackHost(config.HOST)) {
    warn(`SAMVERKA_PUBLIC_URL is not set: sign-in works only at ${url} on this machine. Set it to the address users open.`);
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close(); // stops accepting, lets in-flight requests finish
      await notificationJobs.stop();
      await auditCheckpoints.stop();
      await federation.stop();
      await database.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      // SIGTERM (an orchestrator) drains keep-alive clients first; SIGINT (Ctrl-C) stops at once.
      (signal === 'SIGTERM' ? shutdownDrain.drain() : Promise.resolve()).then(stop).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { app, database, config, url, federation, stop };
}
