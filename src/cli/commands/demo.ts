import type { Command } from 'commander';

export function registerDemoCommands(program: Command): void {
  program
    .command('seed-demo')
    .description('Seed the fictional demo tenant "Gävle (demo)" now (idempotent), and print its sign-ins')
    .action(async () => {
      const { withRuntime } = await import('../runtime');
      const { demoSignInsText } = await import('../../server/modules/demo/demo-sign-ins');
      const { runDemoSeed } = await import('../demo-seed');
      await withRuntime(async ({ config, database, auth, cipher, blindIndex, secrets }) => {
        const result = await runDemoSeed({ database, auth, cipher, blindIndex, authSecret: secrets.authSecret, config });
        process.stdout.write(`${demoSignInsText(result.credentials)}\n`);
      });
    });

  const demo = program.command('demo').description('Help for trying the demo');
  demo
    .command('totp')
    .description("Print the demo's current 6-digit two-factor code (the same one an authenticator app shows)")
    .action(async () => {
      const { loadConfigAndSecrets } = await import('../settings');
      const { currentDemoTotpCode, demoCredentials } = await import('../../server/modules/demo/demo-credentials');
      const { secrets } = loadConfigAndSecrets();
      const credentials = demoCredentials(secrets.authSecret);
      const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
      process.stdout.write(`${await currentDemoTotpCode(credentials)}\n`);
      process.stderr.write(`(valid for about ${secondsLeft} more seconds)\n`);
    });
}
