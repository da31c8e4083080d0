import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, eventReport, place } from '../../db/schema';
import { tenantCategories } from '../event-reports/categories';
import type { ImportCatalogue } from './resolve';

/** The tenant's active categories, places and areas: three queries for the whole file. */
export async function loadCatalogue(tx: Tx, tenantId: string): Promise<ImportCatalogue> {
  // One after another: a transaction is one connection, and node-postgres runs one query at a time on it.
  const categories = await tenantCategories(tx, tenantId);
  const places = await tx.select({ id: place.id, name: place.name, address: place.address }).from(place).where(and(eq(place.tenantId, tenantId), eq(place.active, true)));
  const areas = await tx.select({ id: area.id, name: area.name }).from(area).where(and(eq(area.tenantId, tenantId), eq(area.active, true)));
  return { categories: categories.filter((category) => category.active), places, areas };
}

/** Which of these external refs are stored already (an earlier import of the same rows). */
export async function importedRefs(tx: Tx, tenantId: string, refs: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < refs.length; start += 5000) {
    const rows = await tx
      .select({ ref: eventReport.externalRef })
      .from(eventReport)
      .where(and(eq(eventReport.tenantId, tenantId), eq(eventReport.source, 'import'), inArray(eventReport.externalRef, refs.slice(start, start + 5000))));
    for (const row of rows) if (row.ref) found.add(row.ref);
  }
  return found;
}
