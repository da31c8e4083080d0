import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import type { ConcernKind } from '../../../shared/concerns';
import { receivingOrganisationSql } from './routing';

/** Where a tenant's new reports go, per kind; null where nothing can receive them. */
export type IntakeRoutes = Record<ConcernKind, string | null>;

/**
 * The public intake routes each batch with what it last read of the tenant's routing. The database
 * checks that against its own answer inside the batch's statement and refuses the batch when the
 * routing has changed (app_intake_public_batch), so a stale entry costs one more read, never a
 * wrongly routed report.
 */
const FRESH_FOR_MS = 10_000;

const caches = new WeakMap<Database, Map<string, { routes: IntakeRoutes; until: number }>>();

export async function intakeRoutes(database: Database, tenantId: string, options: { fresh?: boolean } = {}): Promise<IntakeRoutes> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  const now = Date.now();
  const hit = cache.get(tenantId);
  if (hit && hit.until > now && !options.fresh) return hit.routes;
  const routes = await inContext(database.db, { tenantId, userId: null }, async (tx) => {
    const result = await tx.execute<{ person: string | null; place: string | null }>(
      sql`select ${receivingOrganisationSql(tenantId, 'person')} as person, ${receivingOrganisationSql(tenantId, 'place')} as place`,
    );
    const row = result.rows[0];
    return { person: row?.person ?? null, place: row?.place ?? null };
  });
  cache.set(tenantId, { routes, until: now + FRESH_FOR_MS });
  return routes;
}
