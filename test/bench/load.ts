import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

export const CONNECTIONS = 50;

/** Warms up (JIT, pools, caches), then measures for `seconds` with 50 connections. */
export async function measure(url: string, headers: Record<string, string>, seconds: number, warmupSeconds: number): Promise<LoadResult> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: warmupSeconds, timeout: 10 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, timeout: 10 });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // Connection errors, timeouts and any answer other than 2xx all count as errors.
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}
