import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import type { Config } from '../../server/config';
import { warn } from '../warn';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server (migrates the database first; seeds the demo unless SAMVERKA_DEMO=false)')
    .option('--build-web-if-missing', 'build the web client first if no build exists')
    .action(async (options: { buildWebIfMissing?: boolean }) => {
      // Imported on use, so `samverka --help` and light commands start quickly.
      const { loadConfig } = await import('../../server/config');
      const { startServer } = await import('../../server/main');
      const { createAuth } = await import('../../server/auth/auth');
      const { createBlindIndex, createFieldCipher } = await import('../../server/crypto/field-cipher');
      const { demoSignInsText } = await import('../../server/modules/demo/demo-sign-ins');
      const { runDemoSeed } = await import('../demo-seed');
      const { lockEmbeddedDatabase } = await import('../embedded-lock');
      const config = loadConfig();
      lockEmbeddedDatabase(config);
      if (options.buildWebIfMissing) buildWebIfMissing(config);
      let signIns: string | null = null;
      const server = await startServer({
        config,
        async beforeListen({ database, secrets }) {
          if (!config.SAMVERKA_DEMO) return;
          if (config.NODE_ENV === 'production') {
            warn('The demo tenant is on in production. Set SAMVERKA_DEMO=false unless this server is a demonstration.');
          }
          const auth = createAuth({ db: database.db, config, secrets });
          const cipher = createFieldCipher(secrets.encryptionKey);
          const blindIndex = createBlindIndex(secrets.blindIndexKey);
          // The story signs the demo users in through the app itself: it must use this server's own address.
          const result = await runDemoSeed({ database, auth, cipher, blindIndex, authSecret: secrets.authSecret, config });
          signIns = demoSignInsText(result.credentials);
        },
      });
      process.stdout.write(`\nSamverka is running at ${server.url}\n`);
      if (signIns) process.stdout.write(`\n${signIns}\n\n`);
    });
}

/** The web client is built by scripts/build-web.ts (owned by the web team); without it the API still serves. */
function buildWebIfMissing(config: Config): void {
  if (existsSync(resolve(config.SAMVERKA_WEB_DIST, 'index.html'))) return;
  if (resolve(config.SAMVERKA_WEB_DIST) !== resolve('dist/web')) {
    warn(`No web build in ${config.SAMVERKA_WEB_DIST} (scripts/build-web.ts builds into dist/web only): serving the API only.`);
    return;
  }
  if (!existsSync(resolve('scripts/build-web.ts'))) {
    warn(`No web build in ${config.SAMVERKA_WEB_DIST} and no scripts/build-web.ts to make one: serving the API only.`);
    return;
  }
  process.stderr.write(`No web build in ${config.SAMVERKA_WEB_DIST}: building it (npx tsx scripts/build-web.ts) ...\n`);
  const result = spawnSync('npx', ['tsx', 'scripts/build-web.ts'], { stdio: 'inherit' });
  if (result.status !== 0) warn('The web build failed: serving the API only.');
}
