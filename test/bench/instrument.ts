import pg from 'pg';

/**
 * Counts queries sent to PostgreSQL and answers the benchmark's IPC question "how much so far?"
 * with the query count and this process's CPU time. CPU per request is the figure a busy, shared
 * machine disturbs least: throughput swings with whatever else runs, the work per request does not.
 */
export function instrumentServerProcess(): void {
  let queries = 0;
  const originalQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
    queries += 1;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  process.on('message', (message) => {
    if (message !== 'count') return;
    const cpu = process.cpuUsage();
    process.send?.({ queries, cpuMs: (cpu.user + cpu.system) / 1000, systemMs: cpu.system / 1000 });
  });
}
