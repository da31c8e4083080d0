import type { Command } from 'commander';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The append-only, hash-chained access log');
  audit
    .command('verify')
    .description('Recompute every hash chain and report the first broken link; exits 1 if any chain is broken')
    .option('--tenant <slug>', 'verify one tenant only')
    .action(async (options: { tenant?: string }) => {
      const { withRuntime } = await import('../runtime');
      const { verifyChains } = await import('../actions/verify-chains');
      const reports = await withRuntime(({ database }) => verifyChains(database.db, options.tenant));
      const broken = reports.filter((r) => r.report.firstBrokenLink);
      for (const { slug, name, report } of reports) {
        const link = report.firstBrokenLink;
        const verdict = link ? `BROKEN at lane ${link.lane}, seq ${link.seq}: ${link.reason}` : 'intact';
        process.stdout.write(`${slug} (${name}): ${report.eventsChecked} events checked, ${verdict}\n`);
      }
      process.stdout.write(
        broken.length === 0
          ? `All ${reports.length} tenants' audit chains are intact.\n`
          : `${broken.length} of ${reports.length} tenants have a broken audit chain.\n`,
      );
      if (broken.length > 0) process.exitCode = 1;
    });
}
