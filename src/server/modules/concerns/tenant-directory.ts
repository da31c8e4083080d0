import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { inContext } from '../../db/context';
import { tenant } from '../../db/schema';
import { concernSettingsSchema, type ConcernSettings } from '../../../shared/concerns-admin';
import type { PublicTenant } from '../../../shared/concerns-public';
import { receivingOrganisationSql } from './routing';

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

/**
 * Public requests name their tenant by slug. Slugs and ids never change, so the answer is cached
 * for a short while: a busy public form costs no extra query per submission. Unknown slugs are
 * cached briefly too, so junk slugs cannot be used to load the database.
 */
export interface TenantDirectory {
  bySlug(slug: string): Promise<TenantRef | null>;
}

const FOUND_TTL_MS = 60_000;
const MISSING_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export function createTenantDirectory(database: Database): TenantDirectory {
  const cache = new Map<string, { value: TenantRef | null; until: number }>();
  return {
    async bySlug(slug) {
      const now = Date.now();
      const hit = cache.get(slug);
      if (hit && hit.until > now) return hit.value;
      const [row] = await database.db.select({ id: tenant.id, slug: tenant.slug, name: tenant.name }).from(tenant).where(eq(tenant.slug, slug)).limit(1);
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(slug, { value: row ?? null, until: now + (row ? FOUND_TTL_MS : MISSING_TTL_MS) });
      return row ?? null;
    },
  };
}

/** Every tenant's slug and name, by name: public facts (municipalities), nothing else. */
export async function listPublicTenants(database: Database): Promise<{ slug: string; name: string }[]> {
  return database.db.select({ slug: tenant.slug, name: tenant.name }).from(tenant).orderBy(tenant.name, tenant.slug);
}

/** The tenant's concern settings (social services' number, contact), or empty ones. */
export async function readConcernSettings(tx: Tx | Database['db'], tenantId: string): Promise<ConcernSettings> {
  const [row] = await tx.select({ settings: tenant.settings }).from(tenant).where(eq(tenant.id, tenantId)).limit(1);
  const stored = (row?.settings as { concerns?: unknown } | undefined)?.concerns;
  const parsed = concernSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : { socialServicesPhone: null, contact: null };
}

export async function writeConcernSettings(tx: Tx, tenantId: string, settings: ConcernSettings): Promise<void> {
  await tx
    .update(tenant)
    .set({ settings: sql`jsonb_set(coalesce(${tenant.settings}, '{}'::jsonb), '{concerns}', ${JSON.stringify(settings)}::jsonb, true)` })
    .where(eq(tenant.id, tenantId));
}

/** What the public form shows: read under the tenant's row-level-security context, without a user. */
export async function publicTenantFacts(database: Database, ref: TenantRef, formMinSeconds: number): Promise<PublicTenant> {
  return inContext(database.db, { tenantId: ref.id, userId: null }, async (tx) => {
    const associations = await tx.execute<{ id: string; name: string }>(sql`
      select id, name from organisation where tenant_id = ${ref.id} and type = 'forening' and active order by name, id`);
    const routes = await tx.execute<{ person: string | null; place: string | null }>(sql`
      select ${receivingOrganisationSql(ref.id, 'person')} as person, ${receivingOrganisationSql(ref.id, 'place')} as place`);
    const settings = await readConcernSettings(tx, ref.id);
    return {
      slug: ref.slug,
      name: ref.name,
      associations: associations.rows.map((row) => ({ id: row.id, name: row.name })),
      socialServicesPhone: settings.socialServicesPhone,
      contact: settings.contact,
      acceptsConcerns: routes.rows[0]?.person != null,
      acceptsPlaceReports: routes.rows[0]?.place != null,
      formMinSeconds,
    };
  });
}
