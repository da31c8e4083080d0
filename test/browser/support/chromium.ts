import { existsSync } from 'node:fs';

/** Debian's Chromium, or CHROMIUM_PATH. We never download a browser of our own. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  return candidates.find((path) => existsSync(path)) ?? null;
}
