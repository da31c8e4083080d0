import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { TestApp, randomIdentityNumber, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { APP_ROLE } from '../../src/server/db/client';
import { person } from '../../src/server/db/schema';
import { withActor } from '../../src/server/http/request-scope';
import { requireSession } from '../../src/server/http/session';

// Row-level security is the second wall: these tests go around the application's own tenant filters
// and prove the database still keeps tenants apart, and that the application cannot switch it off.

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

/** Every table in the public schema with a tenant_id column, as the database itself reports them. */
async function tenantOwnedTables(): Promise<string[]> {
  return t.database.asOwner(async (owner) => {
    const result = await owner.execute<{ table_name: string }>(sql`
      select c.relname as table_name from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by 1`);
    return result.rows.map((row) => row.table_name);
  });
}

/** The Postgres error behind a rejected query (drizzle wraps it in `cause`). */
async function rejection(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    let current = error as { code?: string; message: string; cause?: unknown };
    while (current.cause && !current.code) current = current.cause as typeof current;
    return { code: current.code, message: current.message };
  }
  throw new Error('expected the database to refuse');
}

async function twoTenantsWithData() {
  const a = await t.tenant('Alfa');
  const b = await t.tenant('Beta');
  for (const tenant of [a, b]) {
    const org = await t.organisation(tenant, 'socialtjanst');
    await t.member(tenant, org, 'handlaggare');
    const guardian = await t.person(tenant, { identityNumber: randomIdentityNumber(1970, 1985) });
    const child = await t.person(tenant, { guardianIds: [guardian.id] });
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.execute(sql`insert into person_note (tenant_id, person_id, author_user_id, body_encrypted) values (${tenant.id}, ${child.id}, 'u', 'v1.x.y.z')`),
    );
  }
  const [personA] = await inContext(t.database.db, { tenantId: a.id, userId: null }, (tx) => tx.select({ id: person.id }).from(person).limit(1));
  return { a, b, personA: personA! };
}

describe('row-level security', () => {
  it("lets a query that forgets its tenant filter read only the context tenant's rows", async () => {
    const { a, b } = await twoTenantsWithData();
    await inContext(t.database.db, { tenantId: a.id, userId: null }, async (tx) => {
      const raw = await tx.execute<{ tenant_id: string }>(sql`select * from person`);
      expect(raw.rows).toHaveLength(2);
      expect(raw.rows.every((row) => row.tenant_id === a.id)).toBe(true);
      const built = await tx.select().from(person);
      expect(built.map((row) => row.tenantId)).toEqual([a.id, a.id]);
    });
    // Every tenant-owned table, whoever adds it later.
    for (const table of await tenantOwnedTables()) {
      const tenants = await inContext(t.database.db, { tenantId: b.id, userId: null }, (tx) =>
        tx.execute<{ tenant_id: string }>(sql`select distinct tenant_id from ${sql.identifier(table)}`),
      );
      expect(tenants.rows.map((row) => row.tenant_id).filter((id) => id !== b.id), table).toEqual([]);
    }
  });

  it('returns zero rows from every tenant-owned table without a tenant context', async () => {
    await twoTenantsWithData();
    const tables = await tenantOwnedTables();
    expect(tables).toEqual(expect.arrayContaining(['audit_chain_head', 'audit_event', 'membership', 'organisation', 'person', 'person_guardian', 'person_note']));
    for (const table of tables) {
      const counted = await inContext(t.database.db, { tenantId: null, userId: null }, (tx) =>
        tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`),
      );
      expect(counted.rows[0]!.n, table).toBe(0);
    }
    // Nor outside any transaction: the pool never carries a tenant between requests.
    const bare = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from person`);
    expect(bare.rows[0]!.n).toBe(0);
  });

  it("refuses to write a row carrying another tenant's id, and cannot touch the other tenant's rows", async () => {
    const { a, b, personA } = await twoTenantsWithData();
    const insert = inContext(t.database.db, { tenantId: a.id, userId: null }, (tx) =>
      tx.insert(person).values({
        tenantId: b.id,
        identityNumberEncrypted: 'v1.x.y.z',
        identityNumberIndex: 'planted',
        firstName: 'Planterad',
        lastName: 'Rad',
        birthDate: '2010-01-01',
      }),
    );
    const refused = await rejection(insert);
    expect(refused.code).toBe('42501');
    expect(refused.message).toMatch(/row-level security/);

    const move = inContext(t.database.db, { tenantId: a.id, userId: null }, (tx) =>
      tx.execute(sql`update person set tenant_id = ${b.id} where id = ${personA.id}`),
    );
    expect((await rejection(move)).code).toMatch(/^(42501|23503)$/);

    const audit = inContext(t.database.db, { tenantId: a.id, userId: null }, (tx) =>
      tx.execute(sql`insert into audit_chain_head (tenant_id, lane, seq, hash) values (${b.id}, 99, 0, 'x')`),
    );
    expect((await rejection(audit)).code).toBe('42501');

    // From A's context, B's rows are not there to change or delete.
    await inContext(t.database.db, { tenantId: a.id, userId: null }, async (tx) => {
      const updated = await tx.execute(sql`update person set first_name = 'Kapad' where tenant_id = ${b.id} returning id`);
      const deleted = await tx.execute(sql`delete from person_note where tenant_id = ${b.id} returning id`);
      expect(updated.rows).toHaveLength(0);
      expect(deleted.rows).toHaveLength(0);
    });
    const bRows = await inContext(t.database.db, { tenantId: b.id, userId: null }, (tx) =>
      tx.execute<{ hijacked: number; notes: number }>(
        sql`select (select count(*) from person where first_name = 'Kapad')::int as hijacked, (select count(*) from person_note)::int as notes`,
      ),
    );
    expect(bRows.rows[0]).toEqual({ hijacked: 0, notes: 1 });
  });

  it('has row-level security enabled and forced on every table with a tenant_id column', async () => {
    const tables = await tenantOwnedTables();
    const flags = await t.database.asOwner((owner) =>
      owner.execute<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(sql`
        select c.relname, c.relrowsecurity, c.relforcerowsecurity,
          (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')`),
    );
    expect(flags.rows).toHaveLength(tables.length);
    for (const row of flags.rows) {
      expect({ table: row.relname, enabled: row.relrowsecurity, forced: row.relforcerowsecurity, hasPolicy: row.policies > 0 }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
        hasPolicy: true,
      });
    }
  });

  it('runs requests as samverka_app, a role that owns no table and cannot bypass row-level security', async () => {
    const tenant = await t.tenant();
    const member: TestMember = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'handlaggare');
    const request = { ip: '198.51.100.7', headers: { 'user-agent': 'vitest', cookie: member.headers.cookie } } as unknown as FastifyRequest;
    await requireSession(t.auth)(request);
    const inside = await withActor(t.database, request, async (scope) => {
      const result = await scope.tx.execute<{ who: string; tenant: string }>(sql`select current_user as who, current_setting('app.tenant_id', true) as tenant`);
      return result.rows[0]!;
    });
    expect(inside).toEqual({ who: APP_ROLE, tenant: tenant.id });

    const role = await t.database.asOwner((owner) =>
      owner.execute<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(sql`
        select r.rolsuper, r.rolbypassrls,
          (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
        from pg_roles r where r.rolname = ${APP_ROLE}`),
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });
});
