import { mkdirSync } from 'node:fs';
import { findChromium } from './chromium';
import { ensureWebBuild } from './web-build';

/** Once per run: a fresh web build if needed, and a loud error when there is no browser to drive. */
export default function globalSetup(): void {
  if (!findChromium()) {
    throw new Error("No Chromium found. Install Debian's (`apt-get install -y chromium`) or set CHROMIUM_PATH. We never download a browser.");
  }
  mkdirSync('test-results/screenshots', { recursive: true });
  ensureWebBuild();
}
