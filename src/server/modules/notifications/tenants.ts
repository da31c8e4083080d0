import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tenant } from '../../db/schema';

/**
 * The background jobs work tenant by tenant, each in a transaction with that tenant's row-level
 * security context, so they never need to bypass it. `only` limits a pass to some tenants (tests
 * sharing one PostgreSQL database limit the jobs to their own).
 */
export async function allTenantIds(db: Db, only?: readonly string[]): Promise<string[]> {
  if (only && only.length === 0) return [];
  const rows = await db
    .select({ id: tenant.id })
    .from(tenant)
    .where(only ? inArray(tenant.id, [...only]) : undefined)
    .orderBy(asc(tenant.id));
  return rows.map((row) => row.id);
}
