import type { Command } from 'commander';
import { startServer } from '../../server/main';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server (migrates the database first)')
    .option('--build-web-if-missing', 'build the web client first if no build exists')
    .action(async () => {
      const server = await startServer();
      process.stdout.write(`\nSamverka is running at ${server.url}\n`);
    });
}
