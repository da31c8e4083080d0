import type { Command } from 'commander';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The append-only, hash-chained access log');
  audit
    .command('verify')
    .description(
      'Recompute every hash chain and check it against the last signed checkpoint; exits 1 if a chain is broken, disagrees with the checkpoint, or the checkpoint is not validly signed',
    )
    .option('--tenant <slug>', 'verify one tenant only')
    .option('--checkpoint-file <file>', 'read checkpoints from this file (default: SAMVERKA_AUDIT_CHECKPOINT_FILE)')
    .action(async (options: { tenant?: string; checkpointFile?: string }) => {
      const { withRuntime } = await import('../runtime');
      const { verifyAuditLog } = await import('../actions/audit-checkpoint');
      const outcome = await withRuntime(({ database, config }) => verifyAuditLog(database, config, { slug: options.tenant, checkpointFile: options.checkpointFile }));
      process.stdout.write(`${outcome.lines.join('\n')}\n`);
      if (!outcome.ok) process.exitCode = 1;
    });
  audit
    .command('checkpoint')
    .description('Verify the chains since the last checkpoint, then sign every chain head (Ed25519, SAMVERKA_AUDIT_SIGNING_KEY) and append it to the checkpoint file')
    .option('--force', 'sign even though the chains disagree with the last checkpoint (after review, e.g. a restore to an earlier point)')
    .action(async (options: { force?: boolean }) => {
      const { withRuntime } = await import('../runtime');
      const { checkpointNow } = await import('../actions/audit-checkpoint');
      const { checkpoint, file } = await withRuntime(({ database, config }) => checkpointNow(database, config, { force: options.force }), { migrate: false });
      const tenants = new Set(checkpoint.heads.map((h) => h.tenantId)).size;
      process.stdout.write(`Checkpoint written to ${file}: ${checkpoint.heads.length} chain heads in ${tenants} tenants, key ${checkpoint.keyId}, ${checkpoint.createdAt}.\n`);
    });
  audit
    .command('purge')
    .description(
      "Delete the audit events older than each tenant's period (default 10 years), lane by lane, after signing a checkpoint; verification then starts at the purge point. Refused for a tenant whose retention periods are not confirmed (exit 1)",
    )
    .option('--dry-run', 'count what would be purged, delete and sign nothing')
    .option('--tenant <slug>', 'one tenant only (the checkpoints still cover every tenant)')
    .action(async (options: { dryRun?: boolean; tenant?: string }) => {
      const { withRuntime } = await import('../runtime');
      const { purgeAuditFromCli } = await import('../actions/audit-purge');
      const outcome = await withRuntime(({ database, config }) => purgeAuditFromCli(database, config, { dryRun: options.dryRun ?? false, slug: options.tenant }));
      process.stdout.write(`${outcome.lines.join('\n')}\n`);
      if (!outcome.ok) process.exitCode = 1;
    });
  audit
    .command('keygen')
    .description('Print a new Ed25519 key pair for SAMVERKA_AUDIT_SIGNING_KEY (keep it secret, outside the database) and SAMVERKA_AUDIT_VERIFY_KEY (for auditors)')
    .action(async () => {
      const { generateSigningKey } = await import('../../server/audit/signing-key');
      const key = generateSigningKey();
      process.stdout.write(`SAMVERKA_AUDIT_SIGNING_KEY=${key.privateKeyBase64}\nSAMVERKA_AUDIT_VERIFY_KEY=${key.publicKeyBase64}\n`);
      process.stderr.write(`Key id ${key.signer.keyId}. The signing key is a secret: keep it out of the database and its backups.\n`);
    });
}
