import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { writePgliteTemplate } from '../../support/pglite-template';
import { findChromium } from './chromium';
import { ensureWebBuild } from './web-build';

/**
 * Once per run: a fresh web build if needed, a loud error when there is no browser to drive, and the
 * migrated template database every journey's server starts from (test/support/pglite-template.ts).
 */
export default async function globalSetup(project: TestProject): Promise<() => void> {
  if (!findChromium()) {
    throw new Error("No Chromium found. Install Debian's (`apt-get install -y chromium`) or set CHROMIUM_PATH. We never download a browser.");
  }
  mkdirSync('test-results/screenshots', { recursive: true });
  ensureWebBuild();
  const template = await writePgliteTemplate();
  project.provide('pgliteTemplate', template.path);
  return template.remove;
}
