import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './chromium';

/** The machine has no internet and must not try: no background networking, updates, sync or QUIC. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface JourneyBrowser {
  context: BrowserContext;
  page: Page;
  /** Requests the page made to any host but the server: pages must load nothing from elsewhere. */
  foreignRequests: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium with a fresh profile, one tab, Swedish locale. Every request to another host is
 * refused and recorded, so a journey can assert the page loaded nothing from a CDN or font service.
 */
export async function openBrowser(serverUrl: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<JourneyBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH');
  const userDataDir = mkdtempSync(join(tmpdir(), 'samverka-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    baseURL: serverUrl,
  });
  const origin = new URL(serverUrl).origin;
  const foreignRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    foreignRequests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
