import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tenant } from '../../db/schema';

/**
 * The background jobs work tenant by tenant, each in a transaction with that tenant's row-level
 * security context, so they never need to bypass it.
 */
export async function allTenantIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: tenant.id }).from(tenant).orderBy(asc(tenant.id));
  return rows.map((row) => row.id);
}
