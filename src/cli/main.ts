import { Command } from 'commander';
import { ConfigError } from '../server/config';
import { APP_VERSION } from '../server/version';
import { registerServeCommand } from './commands/serve';
import { registerMigrateCommand } from './commands/migrate';
import { registerDemoCommands } from './commands/demo';
import { registerTenantCommands } from './commands/tenant';
import { registerUserCommands } from './commands/user';
import { registerAuditCommands } from './commands/audit';
import { registerBackupCommands } from './commands/backup';
import { registerRetentionCommands } from './commands/retention';
import { CliError } from './warn';

const program = new Command()
  .name('samverka')
  .description('Samverka: samverkan för att förebygga att unga dras in i kriminella nätverk.')
  .version(APP_VERSION)
  .showHelpAfterError();

registerServeCommand(program);
registerMigrateCommand(program);
registerDemoCommands(program);
registerTenantCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerBackupCommands(program);
registerRetentionCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
