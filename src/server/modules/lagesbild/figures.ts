import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/**
 * The reads of one week's picture, all from the rollups (migration 0031) except the hot cells' hours:
 * a handful of indexed range reads however many million events the tenant has. `areaId` null is the
 * whole tenant (every area summed, events without an area included).
 */

export interface WeekCounts {
  /** iso_week → category → count */
  byWeek: Map<number, Map<string, number>>;
  /** weekday (1–7) × hour (0–23, −1 unknown) → count, this week */
  hours: { weekday: number; hour: number; count: number }[];
  /** this week's cells: cell → category → count */
  cells: Map<string, Map<string, number>>;
}

const areaFilter = (areaId: string | null): SQL => (areaId ? sql` and area_key = ${areaId}::uuid` : sql``);
const weekList = (weeks: readonly number[]): SQL => sql.join(weeks.map((week) => sql`${week}`), sql`, `);

export async function loadWeekCounts(tx: Tx, tenantId: string, areaId: string | null, week: number, weeks: readonly number[]): Promise<WeekCounts> {
  const categoryRows = await tx.execute<{ iso_week: number; category: string; count: number | string }>(
    sql`select iso_week, category, sum(count)::int as count from event_week_category
        where tenant_id = ${tenantId}::uuid${areaFilter(areaId)} and iso_week in (${weekList(weeks)})
        group by iso_week, category`,
  );
  const hourRows = await tx.execute<{ weekday: number; hour: number; count: number | string }>(
    sql`select weekday, hour, sum(count)::int as count from event_week_hour
        where tenant_id = ${tenantId}::uuid${areaFilter(areaId)} and iso_week = ${week}
        group by weekday, hour`,
  );
  const cellRows = await tx.execute<{ cell: string; category: string; count: number | string }>(
    sql`select cell, category, sum(count)::int as count from event_week_cell
        where tenant_id = ${tenantId}::uuid${areaFilter(areaId)} and iso_week = ${week} and cell <> ''
        group by cell, category`,
  );
  const byWeek = new Map<number, Map<string, number>>();
  for (const row of categoryRows.rows) {
    const count = Number(row.count);
    if (count === 0) continue;
    const categories = byWeek.get(Number(row.iso_week)) ?? new Map<string, number>();
    categories.set(row.category, count);
    byWeek.set(Number(row.iso_week), categories);
  }
  const cells = new Map<string, Map<string, number>>();
  for (const row of cellRows.rows) {
    const count = Number(row.count);
    if (count === 0) continue;
    const categories = cells.get(row.cell) ?? new Map<string, number>();
    categories.set(row.category, count);
    cells.set(row.cell, categories);
  }
  return {
    byWeek,
    hours: hourRows.rows.map((row) => ({ weekday: Number(row.weekday), hour: Number(row.hour), count: Number(row.count) })).filter((row) => row.count > 0),
    cells,
  };
}

/** Weekly totals of a few cells over some weeks, for the place-level change test: cell → week → count. */
export async function loadCellHistory(tx: Tx, tenantId: string, areaId: string | null, cells: readonly string[], weeks: readonly number[]): Promise<Map<string, Map<number, number>>> {
  const history = new Map<string, Map<number, number>>();
  if (cells.length === 0) return history;
  const rows = await tx.execute<{ cell: string; iso_week: number; count: number | string }>(
    sql`select cell, iso_week, sum(count)::int as count from event_week_cell
        where tenant_id = ${tenantId}::uuid${areaFilter(areaId)} and iso_week in (${weekList(weeks)})
          and cell in (${sql.join(cells.map((cell) => sql`${cell}`), sql`, `)})
        group by cell, iso_week`,
  );
  for (const row of rows.rows) {
    const byWeek = history.get(row.cell) ?? new Map<number, number>();
    byWeek.set(Number(row.iso_week), Number(row.count));
    history.set(row.cell, byWeek);
  }
  return history;
}

/**
 * When events happen at the hot cells (weekday × hour over the given weeks), for the presence
 * suggestions. Reads event_report itself, but only the hot cells' verified rows of a few weeks, and
 * only their weekday and hour: never a point.
 */
export async function loadCellHours(tx: Tx, tenantId: string, areaId: string | null, cells: readonly string[], weeks: readonly number[]) {
  if (cells.length === 0) return [];
  const area = areaId ? sql` and area_id = ${areaId}::uuid` : sql``;
  const rows = await tx.execute<{ cell: string; area_id: string | null; weekday: number; hour: number; count: number | string }>(
    sql`select cell, area_id, weekday, hour, count(*)::int as count from event_report
        where tenant_id = ${tenantId}::uuid and iso_week in (${weekList(weeks)})${area} and status = 'verified'
          and hour is not null and cell in (${sql.join(cells.map((cell) => sql`${cell}`), sql`, `)})
        group by cell, area_id, weekday, hour`,
  );
  return rows.rows.map((row) => ({ cell: row.cell, areaId: row.area_id, weekday: Number(row.weekday), hour: Number(row.hour), count: Number(row.count) }));
}
