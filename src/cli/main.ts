import { Command } from 'commander';
import { ConfigError } from '../server/config';
import { registerServeCommand } from './commands/serve';
import { APP_VERSION } from '../server/version';

const program = new Command()
  .name('samverka')
  .description('Samverka: samverkan för att förebygga att unga dras in i kriminella nätverk.')
  .version(APP_VERSION)
  .showHelpAfterError();

registerServeCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
