// `npm run dev`: the API server (restarting when server code changes) and Vite with hot reload,
// which proxies /api to the API server. Open the Vite address: to the browser it is one origin,
// so cookies, the CSRF check and better-auth's origin check all work as in production.
import { spawn, type ChildProcess } from 'node:child_process';

const apiPort = Number(process.env.PORT ?? 3000);
const webPort = Number(process.env.SAMVERKA_DEV_WEB_PORT ?? 5173);
const webUrl = `http://localhost:${webPort}`;

const children: ChildProcess[] = [];

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n${name} stopped (${signal ?? `exit code ${code}`}); stopping the other one too.`);
    stop(code ?? 1);
  });
}

let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('API server', 'npx', ['tsx', 'watch', '--clear-screen=false', '--exclude', 'src/web/**', 'src/cli/main.ts', 'serve'], {
  PORT: String(apiPort),
  HOST: process.env.HOST ?? '127.0.0.1',
  // The browser sees Vite's origin; the server must recognise it as its own.
  SAMVERKA_PUBLIC_URL: process.env.SAMVERKA_PUBLIC_URL ?? webUrl,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
});
start('Vite', 'npx', ['vite', '--config', 'vite.config.ts', '--port', String(webPort), '--strictPort'], {
  SAMVERKA_DEV_API: `http://127.0.0.1:${apiPort}`,
});

console.log(`\nSamverka (development): open ${webUrl}  (API on http://127.0.0.1:${apiPort}, /api proxied by Vite)\n`);
