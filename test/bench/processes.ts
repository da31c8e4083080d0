import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a server script in its own Node process (its own event loop: the load generator must not
 * share one with the server it measures) and waits for its "listening <url>" line. Output after
 * that is drained and dropped, so request logs cannot fill a pipe and stall the server.
 */
export function startServerProcess(script: string, env: Record<string, string>, nodeArgs: string[] = [], timeoutMs = 60_000): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...nodeArgs],
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk) => (output = (output + String(chunk)).slice(-4000)));
    child.stdout!.on('data', (chunk) => {
      output = (output + String(chunk)).slice(-4000);
      const url = /listening (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stop: () => stopProcess(child) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}

/** A free port on 127.0.0.1, so the app's public URL (its CSRF origin) can be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface Usage {
  queries: number;
  cpuMs: number;
  /** The part of cpuMs spent in the kernel: sockets, scheduling. */
  systemMs: number;
}

/** Asks a server process how many queries it has sent and how much CPU it has used so far. */
export function usageOf(server: ServerProcess): Promise<Usage> {
  return new Promise((resolve) => {
    server.child.once('message', (message) => resolve(message as Usage));
    server.child.send('count');
  });
}
