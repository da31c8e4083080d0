import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inContext } from '../../db/context';
import { tenant } from '../../db/schema';
import { createAuditChains } from '../../audit/append';

export interface NewTenant {
  slug: string;
  name: string;
}

/** Creates a tenant and the heads of its audit chains, in one transaction. */
export async function createTenant(db: Db, input: NewTenant): Promise<{ id: string; slug: string; name: string }> {
  const id = crypto.randomUUID();
  return inContext(db, { tenantId: id, userId: null }, async (tx) => {
    const [created] = await tx.insert(tenant).values({ id, slug: input.slug, name: input.name }).returning();
    await createAuditChains(tx, id);
    return { id: created!.id, slug: created!.slug, name: created!.name };
  });
}

export async function findTenantBySlug(db: Db, slug: string) {
  const [found] = await db.select().from(tenant).where(eq(tenant.slug, slug)).limit(1);
  return found ?? null;
}
