import type { Config } from '../config';
import type { Database } from '../db/client';
import type { CheckpointSigner } from './signing-key';
import { CheckpointRefusedError, takeCheckpoint } from './take-checkpoint';

export interface CheckpointLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface CheckpointJob {
  /** Resolves once no pass is running. */
  whenIdle(): Promise<void>;
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>;
}

/** The server's job, or nothing where no signing key is configured (serverCheckpointSettings warned). */
export function startAuditCheckpoints(
  database: Database,
  config: Config,
  anchoring: { file: string; signer: CheckpointSigner } | null,
  log: CheckpointLog,
): CheckpointJob {
  if (!anchoring) return { whenIdle: async () => {}, stop: async () => {} };
  return startCheckpointJob(database, { ...anchoring, minutes: config.SAMVERKA_AUDIT_CHECKPOINT_MINUTES, log });
}

/**
 * Signs a checkpoint of every audit chain head at start and every `minutes`, appending it to
 * `file`. Started by startServer, not by buildApp. With several server processes each writes its
 * own checkpoints; all are valid, and an unchanged set of heads is not written again.
 */
export function startCheckpointJob(
  database: Database,
  options: { file: string; signer: CheckpointSigner; minutes: number; log: CheckpointLog; tenantIds?: readonly string[] },
): CheckpointJob {
  const { file, signer, minutes, log, tenantIds } = options;
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): void => {
    if (stopped || running) return; // a pass is short; a tick during one is not worth queueing
    running = takeCheckpoint(database.db, { file, signer, reason: 'interval', skipUnchanged: true, tenantIds })
      .then((checkpoint) => {
        if (checkpoint) log.info({ heads: checkpoint.heads.length, keyId: checkpoint.keyId }, 'audit checkpoint written');
      })
      .catch((error: unknown) =>
        // Refused: the chains disagree with the last checkpoint. Loud, every interval, until someone looks.
        log.error({ err: error }, error instanceof CheckpointRefusedError ? 'audit checkpoint REFUSED' : 'audit checkpoint failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  run();
  const whenIdle = async () => {
    while (running) await running;
  };
  return {
    whenIdle,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await whenIdle();
    },
  };
}
