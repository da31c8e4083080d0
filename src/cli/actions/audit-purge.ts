import { asc, eq } from 'drizzle-orm';
import type { Config } from '../../server/config';
import type { Database } from '../../server/db/client';
import { tenant } from '../../server/db/schema';
import { resolveCheckpointSettings } from '../../server/audit/checkpoint-settings';
import { CheckpointRefusedError, purgeAuditLog, type TenantAuditPurge } from '../../server/audit/purge';
import { CliError, warn } from '../warn';

export interface AuditPurgeReport {
  lines: string[];
  /** False when a tenant was refused: its periods are not confirmed, or its chains do not verify. */
  ok: boolean;
}

/**
 * `samverka audit purge [--dry-run] [--tenant <slug>]`: deletes the audit events older than each
 * tenant's period, with a signed checkpoint (reason `purge`) before and after (audit/purge.ts).
 */
export async function purgeAuditFromCli(database: Database, config: Config, options: { dryRun: boolean; slug?: string }): Promise<AuditPurgeReport> {
  const tenants = await database.db
    .select({ id: tenant.id, slug: tenant.slug, name: tenant.name })
    .from(tenant)
    .where(options.slug ? eq(tenant.slug, options.slug) : undefined)
    .orderBy(asc(tenant.slug));
  if (options.slug && tenants.length === 0) throw new CliError(`No tenant with the slug ${options.slug}`);
  const settings = resolveCheckpointSettings(config, { generate: true, warn });
  if (!options.dryRun && (!settings.signer || !settings.file)) {
    throw new CliError(
      'The audit purge signs a checkpoint of every chain before and after it deletes: set SAMVERKA_AUDIT_SIGNING_KEY (samverka audit keygen) and SAMVERKA_AUDIT_CHECKPOINT_FILE. Nothing was deleted.',
    );
  }
  let result;
  try {
    result = await purgeAuditLog(database, { file: settings.file, signer: settings.signer, dryRun: options.dryRun, only: tenants.map((t) => t.id) });
  } catch (error) {
    if (error instanceof CheckpointRefusedError) {
      throw new CliError(`Refused, nothing was deleted: ${error.message}. Run \`samverka audit verify\` and look into it first.`);
    }
    throw error;
  }
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const lines = result.tenants.map((r) => `${byId.get(r.tenantId)!.slug} (${byId.get(r.tenantId)!.name}): ${describe(r, options.dryRun)}`);
  const total = result.tenants.reduce((sum, r) => sum + r.purged, 0);
  lines.push(options.dryRun ? `Dry run: nothing was deleted. ${total} audit events are due.` : `${total} audit events purged.`);
  for (const checkpoint of result.checkpoints) lines.push(`Checkpoint (purge) signed at ${checkpoint.createdAt}, key ${checkpoint.keyId}, in ${settings.file}.`);
  return { lines, ok: result.tenants.every((r) => r.refused === null) };
}

function describe(r: TenantAuditPurge, dryRun: boolean): string {
  const period = `period ${r.years} y, before ${r.before.toISOString()}`;
  if (r.refused === 'not_confirmed') return `refused (${period}): an administrator must confirm the retention periods first. Nothing was deleted.`;
  if (r.refused === 'chain_broken') return `refused (${period}): the audit chains do not verify. Nothing was deleted; run samverka audit verify.`;
  const lanes = r.lanes.map((l) => `lane ${l.lane} up to seq ${l.seq}`).join(', ');
  return `${dryRun ? 'would purge' : 'purged'} ${r.purged} events (${period})${lanes ? `: ${lanes}` : ''}`;
}
