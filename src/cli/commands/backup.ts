import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { progressBar } from '../progress';
import { CliError } from '../warn';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (gzip\'d JSON lines, e.g. samverka-2025-01-31.jsonl.gz)')
    .description('Write every row of every table to a file, from one consistent snapshot (the server may keep running on PostgreSQL)')
    .option('--overwrite', 'replace the file if it exists')
    .action(async (file: string, options: { overwrite?: boolean }) => {
      const target = resolve(file);
      if (existsSync(target) && !options.overwrite) throw new CliError(`${file} exists; choose another name or add --overwrite`);
      const { withRuntime } = await import('../runtime');
      const { writeBackup } = await import('../../server/backup/write-backup');
      const bar = progressBar('Backing up');
      const summary = await withRuntime(
        async ({ database }) => {
          try {
            return await writeBackup(database, target, { onProgress: (done, total) => bar.update(done, total) });
          } finally {
            bar.stop();
          }
        },
        { migrate: false },
      );
      process.stdout.write(`Backup written: ${file} (${summary.tables} tables, ${summary.rows} rows, sha256 ${summary.sha256.slice(0, 16)}...)\n`);
      process.stdout.write('It holds personal data, encrypted personnummer included: store it like the database. Restoring needs the same keys.\n');
    });

  program
    .command('restore')
    .argument('<file>', 'a file written by `samverka backup`')
    .description('Restore a backup into an empty, migrated database (one transaction), then verify the audit chains')
    .option('--force', 'wipe a database that already holds data first (every table, the audit log included)')
    .action(async (file: string, options: { force?: boolean }) => {
      if (!existsSync(file)) throw new CliError(`${file} does not exist`);
      const { withRuntime } = await import('../runtime');
      const { restoreBackup, RestoreRefusedError } = await import('../../server/backup/restore-backup');
      const { BackupFormatError } = await import('../../server/backup/format');
      const { verifyChains, SECURITY_LOG_REPORT } = await import('../actions/verify-chains');
      const bar = progressBar('Restoring');
      const outcome = await withRuntime(async ({ database }) => {
        let summary;
        try {
          summary = await restoreBackup(database, resolve(file), { force: options.force, onProgress: (done, total) => bar.update(done, total) });
        } catch (error) {
          if (error instanceof RestoreRefusedError || error instanceof BackupFormatError) throw new CliError(error.message);
          throw error;
        } finally {
          bar.stop();
        }
        return { summary, chains: await verifyChains(database.db) };
      });
      const { summary, chains } = outcome;
      process.stdout.write(
        `Restored ${summary.rows} rows in ${summary.tables} tables from a backup made ${summary.header.createdAt}${summary.wiped ? ' (the previous data was wiped)' : ''}.\n`,
      );
      const broken = chains.filter((c) => c.report.firstBrokenLink);
      for (const { slug, report } of broken) {
        const link = report.firstBrokenLink!;
        process.stdout.write(`Audit chain of ${slug} is BROKEN at lane ${link.lane}, seq ${link.seq}: ${link.reason}\n`);
      }
      if (broken.length > 0) process.exitCode = 1;
      else {
        // The sign-in security log is one global chain beside the tenants' own.
        const tenants = chains.filter((c) => c.slug !== SECURITY_LOG_REPORT.slug).length;
        const withSecurityLog = chains.length > tenants ? ' and the security log' : '';
        process.stdout.write(`Audit chains verified: ${chains.reduce((n, c) => n + c.report.eventsChecked, 0)} events in ${tenants} tenants${withSecurityLog}, all intact.\n`);
      }
    });
}
