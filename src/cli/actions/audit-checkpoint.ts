import { resolve } from 'node:path';
import type { Config } from '../../server/config';
import type { Database } from '../../server/db/client';
import type { Checkpoint } from '../../server/audit/checkpoint';
import { checkSignature } from '../../server/audit/checkpoint';
import { resolveCheckpointSettings } from '../../server/audit/checkpoint-settings';
import { CheckpointRefusedError, readLastCheckpoint, takeCheckpoint } from '../../server/audit/take-checkpoint';
import { anchorsByTenant } from '../../server/audit/verify-checkpoint';
import { progressBar } from '../progress';
import { CliError, warn } from '../warn';
import { SECURITY_LOG_REPORT, verifyChains } from './verify-chains';

/** `samverka audit checkpoint`: signs every chain head now and appends it to the checkpoint file. */
export async function checkpointNow(database: Database, config: Config, options: { force?: boolean } = {}): Promise<{ checkpoint: Checkpoint; file: string }> {
  const settings = resolveCheckpointSettings(config, { generate: true, warn });
  if (!settings.signer) {
    throw new CliError('SAMVERKA_AUDIT_SIGNING_KEY is not set: no checkpoint can be signed (make a key with `samverka audit keygen`)');
  }
  if (!settings.file) throw new CliError('SAMVERKA_AUDIT_CHECKPOINT_FILE is not set: say where checkpoints are kept (outside the database)');
  const bar = progressBar('Checkpoint');
  try {
    const checkpoint = await takeCheckpoint(database.db, {
      file: settings.file,
      signer: settings.signer,
      reason: 'on-demand',
      force: options.force,
      onProgress: (done, total) => bar.update(done, total),
    });
    return { checkpoint: checkpoint!, file: settings.file };
  } catch (error) {
    if (error instanceof CheckpointRefusedError) {
      throw new CliError(`Refused: ${error.message}. Run \`samverka audit verify\`; after review, --force signs the chains as they are now.`);
    }
    throw error;
  } finally {
    bar.stop();
  }
}

export interface VerifyOutcome {
  lines: string[];
  ok: boolean;
}

/**
 * `samverka audit verify`: recomputes every chain and, when a checkpoint file holds one, checks its
 * signature and that every head it signed is still there with the same hash.
 */
export async function verifyAuditLog(database: Database, config: Config, options: { slug?: string; checkpointFile?: string }): Promise<VerifyOutcome> {
  const settings = resolveCheckpointSettings(config, { generate: false, warn });
  const file = options.checkpointFile ? resolve(options.checkpointFile) : settings.file;
  const lines: string[] = [];
  let ok = true;
  let checkpoint: Checkpoint | null = null;
  try {
    checkpoint = file ? readLastCheckpoint(file) : null;
  } catch (error) {
    lines.push(`Checkpoint: the last line of ${file} is ${(error as Error).message}: it cannot be trusted.`);
    ok = false;
  }
  if (checkpoint) {
    const heads = `${new Set(checkpoint.heads.map((h) => h.tenantId)).size} tenants, ${checkpoint.heads.length} chain heads`;
    if (!settings.verifier) {
      lines.push(`Checkpoint of ${checkpoint.createdAt} (${heads}): NOT CHECKED, no key (set SAMVERKA_AUDIT_VERIFY_KEY or SAMVERKA_AUDIT_SIGNING_KEY).`);
      ok = false;
    } else {
      const signature = checkSignature(checkpoint, settings.verifier);
      if (signature.valid) {
        lines.push(`Checkpoint of ${checkpoint.createdAt} (${heads}, key ${checkpoint.keyId}): signature valid.`);
      } else if (signature.reason === 'other_key') {
        lines.push(`Checkpoint of ${checkpoint.createdAt}: signed with key ${checkpoint.keyId}, but the key held here is ${settings.verifier.keyId}. NOT VERIFIED.`);
        ok = false;
      } else {
        lines.push(`Checkpoint of ${checkpoint.createdAt}: the SIGNATURE DOES NOT MATCH. The checkpoint line in ${file} was altered.`);
        ok = false;
      }
    }
  } else if (ok) {
    warn(
      file
        ? `No checkpoint in ${file} yet: the chains are checked for internal consistency only (samverka audit checkpoint).`
        : 'SAMVERKA_AUDIT_CHECKPOINT_FILE is not set: the chains are checked for internal consistency only.',
    );
  }

  const anchors = checkpoint ? anchorsByTenant(checkpoint) : undefined;
  const reports = await verifyChains(database.db, options.slug, anchors);
  for (const { slug, name, report } of reports) {
    const link = report.firstBrokenLink;
    const gap = report.checkpointBreak;
    let verdict = link ? `BROKEN at lane ${link.lane}, seq ${link.seq}: ${link.reason}` : 'intact';
    if (!link && gap) {
      verdict += `, but DIFFERS FROM THE CHECKPOINT at lane ${gap.lane}, seq ${gap.seq}: ${
        gap.reason === 'checkpoint_mismatch'
          ? 'the event there no longer has the hash the checkpoint signed (rewritten, and the chain recomputed)'
          : 'the chain no longer reaches the position the checkpoint signed (events removed)'
      }`;
    } else if (!link && anchors?.has(report.tenantId)) {
      verdict += ', matches the checkpoint';
    }
    lines.push(`${slug} (${name}): ${report.eventsChecked} events checked, ${verdict}`);
  }
  // A tenant the checkpoint vouched for that has gone from the database (unless one tenant was asked for).
  const present = new Set(reports.map((r) => r.report.tenantId));
  const missing = anchors && !options.slug ? [...anchors.keys()].filter((id) => !present.has(id)) : [];
  for (const tenantId of missing) lines.push(`Tenant ${tenantId} is in the checkpoint but MISSING from the database.`);
  const failed = reports.filter((r) => r.report.firstBrokenLink || r.report.checkpointBreak).length + missing.length;
  if (failed > 0) {
    ok = false;
    lines.push(`${failed} of ${reports.length + missing.length} tenants have a broken audit chain or disagree with the checkpoint.`);
  } else {
    // The sign-in security log is one global chain beside the tenants' own.
    const tenants = reports.filter((r) => r.slug !== SECURITY_LOG_REPORT.slug).length;
    const chains = `All ${tenants} tenants' audit chains${tenants < reports.length ? ' and the security log' : ''}`;
    lines.push(ok ? `${chains} are intact${checkpoint ? ' and agree with the signed checkpoint' : ''}.` : `${chains} are intact in themselves, but the checkpoint could not be trusted (see above).`);
  }
  return { lines, ok };
}
