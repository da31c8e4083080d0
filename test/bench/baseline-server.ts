// The bare baseline: Fastify and node-postgres selecting one row by primary key. No auth, no RLS,
// no audit: the floor that the real application's cost is measured against.
import Fastify from 'fastify';
import pg from 'pg';
import { instrumentServerProcess } from './instrument';

instrumentServerProcess();

const url = process.env.BENCH_DATABASE_URL!;
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BENCH_POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/rows/:id', async (request, reply) => {
  const result = await pool.query('select id, first_name, last_name, birth_date from bench.item where id = $1', [request.params.id]);
  if (result.rows.length === 0) return reply.status(404).send({ error: 'not_found' });
  return result.rows[0];
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${address}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => pool.end()).then(() => process.exit(0));
  });
}
