import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
/**
 * Where the journeys' build goes and is served from. Two journey runs at once (two engineers, or a run
 * beside a dev build) each set their own SAMVERKA_WEB_DIST, so neither rebuilds under the other.
 */
export const WEB_DIST = resolve(root, process.env.SAMVERKA_WEB_DIST ?? 'dist/web');

/** Newest modification time under a path (files only). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** True when the build is missing or older than anything the client is built from. */
export function webBuildIsStale(): boolean {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((path) => newest(resolve(root, path)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

/** Builds the web client (npm run build) when it is missing or stale; journeys test what production serves. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  console.log('Building the web client for the browser journeys (dist/web is missing or stale) …');
  const result = spawnSync('npx', ['tsx', 'scripts/build-web.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', SAMVERKA_WEB_DIST: WEB_DIST } });
  if (result.status !== 0) throw new Error('Building the web client failed (npx tsx scripts/build-web.ts)');
}
