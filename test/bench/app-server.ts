// The real application as `samverka serve` runs it (startServer: same config, migrations, plugins,
// auth, RLS and audit), in a process of its own, counting its queries and CPU for the benchmark.
import { instrumentServerProcess } from './instrument';
import { startServer } from '../../src/server/main';

instrumentServerProcess();
const server = await startServer();
process.stdout.write(`listening ${server.url}\n`);
