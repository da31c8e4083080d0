import type { Command } from 'commander';

export function registerRetentionCommands(program: Command): void {
  const retention = program.command('retention').description('Retention (gallring): delete what has been kept past its period');
  retention
    .command('run')
    .description(
      'Delete, per tenant, the cases, concerns, consents and persons whose retention period has passed (irreversible); a tenant whose periods no administrator has confirmed is refused (exit 1), except with --dry-run',
    )
    .option('--dry-run', 'count what would be deleted, delete nothing')
    .option('--tenant <slug>', 'one tenant only')
    .action(async (options: { dryRun?: boolean; tenant?: string }) => {
      const { withRuntime } = await import('../runtime');
      const { runRetentionFromCli, formatRetentionReport } = await import('../actions/run-retention');
      const reports = await withRuntime(({ database }) => runRetentionFromCli(database, { dryRun: options.dryRun ?? false, slug: options.tenant }));
      process.stdout.write(formatRetentionReport(reports, options.dryRun ?? false));
      // A tenant whose periods are not confirmed was refused (nothing deleted there): cron should notice.
      if (reports.some((report) => report.refused)) process.exitCode = 1;
    });
}
