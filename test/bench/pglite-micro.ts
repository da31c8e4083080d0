// What the person read's one-statement read gains on embedded PGlite (issue 12 §2), in this process:
//   npx tsx test/bench/pglite-micro.ts
// PGlite has no named prepared statements (every query is parsed and planned anew), so what it gains is
// the statements it no longer runs: app_person_read against the three lookups it replaced.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/client';
async function main(){

const database = await openDatabase({ kind: 'embedded', dataDir: null }, { migrate: true });
const N = 3000;
async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000 / N;
  console.log(`${label}: ${us.toFixed(1)} µs`);
  return us;
}
await time('PGlite, one statement (select 1) through drizzle', () => database.db.execute(sql`select 1`));
await time('PGlite, transaction begin+select+commit', () => database.db.transaction(async (tx) => tx.execute(sql`select 1`)));
await time('PGlite, app_person_read (no row) through drizzle', () => database.db.execute(sql`select app_person_read(${'00000000-0000-0000-0000-000000000000'}::uuid)`));
await time('PGlite, three lookups (person, guardians, school) through drizzle', async () => {
  await database.db.execute(sql`select * from person where tenant_id = ${'00000000-0000-0000-0000-000000000000'}::uuid and id = ${'00000000-0000-0000-0000-000000000000'}::uuid limit 1`);
  await database.db.execute(sql`select p.* from person_guardian g join person p on p.tenant_id = g.tenant_id and p.id = g.guardian_id where g.tenant_id = ${'00000000-0000-0000-0000-000000000000'}::uuid and g.child_id = ${'00000000-0000-0000-0000-000000000000'}::uuid`);
  await database.db.execute(sql`select name from organisation where tenant_id = ${'00000000-0000-0000-0000-000000000000'}::uuid and id = ${'00000000-0000-0000-0000-000000000000'}::uuid limit 1`);
});
await database.close();
}
void main();
