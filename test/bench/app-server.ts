// The real application as `samverka serve` runs it (startServer: same config, migrations, plugins,
// auth, RLS and audit), in a process of its own. It counts the queries sent to PostgreSQL so the
// benchmark can report round trips per request; the parent asks over IPC.
import pg from 'pg';
import { startServer } from '../../src/server/main';

let queries = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  queries += 1;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const server = await startServer();
process.on('message', (message) => {
  if (message === 'count') process.send?.({ queries });
});
process.stdout.write(`listening ${server.url}\n`);
