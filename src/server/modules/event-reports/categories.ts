import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { eventCategory } from '../../db/schema';
import { EST_CATEGORY_CODES, EST_CATEGORY_NAMES, type EventCategory } from '../../../shared/event-reports';

/**
 * The tenant's categories: the built-in EST ones (in code), each unless the tenant deactivated it, and
 * the tenant's own (event_category). Built-ins first in DOMAIN.md's order, then the tenant's by name.
 */
export async function tenantCategories(tx: Tx, tenantId: string): Promise<EventCategory[]> {
  const rows = await tx.select().from(eventCategory).where(eq(eventCategory.tenantId, tenantId));
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const builtIns = EST_CATEGORY_CODES.map((code) => ({
    code,
    nameSv: EST_CATEGORY_NAMES[code].sv,
    nameEn: EST_CATEGORY_NAMES[code].en,
    builtIn: true,
    active: byCode.get(code)?.active ?? true,
  }));
  const builtInCodes = new Set<string>(EST_CATEGORY_CODES);
  const own = rows
    .filter((row) => !builtInCodes.has(row.code))
    .map((row) => ({ code: row.code, nameSv: row.nameSv, nameEn: row.nameEn, builtIn: false, active: row.active }))
    .sort((a, b) => a.nameSv.localeCompare(b.nameSv, 'sv'));
  return [...builtIns, ...own];
}

/** The codes a new report may use: the active ones. */
export async function activeCategoryCodes(tx: Tx, tenantId: string): Promise<Set<string>> {
  return new Set((await tenantCategories(tx, tenantId)).filter((category) => category.active).map((category) => category.code));
}
