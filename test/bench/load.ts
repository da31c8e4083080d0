import autocannon from 'autocannon';
import { usageOf, type ServerProcess } from './processes';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** The server process's CPU time per request during the measured run (not the warm-up). */
  cpuMsPerRequest: number;
  /** The kernel's share of the CPU time: system calls on sockets, mostly. */
  systemShare: number;
  queriesPerRequest: number;
}

export const CONNECTIONS = 50;

/** Warms up (JIT, pools, caches), then measures for `seconds` with 50 connections. */
export async function measure(server: ServerProcess, url: string, headers: Record<string, string>, seconds: number, warmupSeconds: number): Promise<LoadResult> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: warmupSeconds, timeout: 10 });
  const before = await usageOf(server);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, timeout: 10 });
  const after = await usageOf(server);
  const requests = Math.max(1, result.requests.total);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // Connection errors, timeouts and any answer other than 2xx all count as errors.
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / requests,
    systemShare: (after.systemMs - before.systemMs) / Math.max(0.001, after.cpuMs - before.cpuMs),
    queriesPerRequest: (after.queries - before.queries) / requests,
  };
}
