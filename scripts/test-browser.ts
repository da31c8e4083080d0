// Browser journeys: Playwright drives Debian's Chromium against the real server on a fresh embedded database.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', '--config', 'test/browser/vitest.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/browser.json'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
