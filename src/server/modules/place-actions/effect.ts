import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { isoWeekOf, localDateOf } from '../../../shared/stockholm-time';
import { EFFECT_CAVEAT, shiftIsoWeek, weekNumber, weekText, type ActionEffect, type EffectCounts } from '../../../shared/place-actions';
import { suppressTable, type Cell } from '../../../shared/suppression';
import type { ActionRow } from './action-queries';

/**
 * An action's effect, as far as counts can say: verified events at the action's place (or, when it has
 * none, its hot-spot cell, else its area) by category, in the N weeks before the pivot week and the N
 * weeks after it. The pivot week itself (the decision's or the completion's) is left out of both: the
 * action was being put in place then. The caveat that this is not proof of causation travels with it.
 */
export async function effectOf(tx: Tx, row: ActionRow, weeks: number, from: 'decided' | 'completed'): Promise<EffectCounts | null> {
  let pivot: string;
  if (from === 'completed') {
    if (!row.completedAt) return null;
    pivot = isoWeekOf(localDateOf(row.completedAt));
  } else {
    pivot = weekText(row.isoWeek);
  }
  const beforeFrom = weekNumber(shiftIsoWeek(pivot, -weeks));
  const beforeTo = weekNumber(shiftIsoWeek(pivot, -1));
  const afterFrom = weekNumber(shiftIsoWeek(pivot, 1));
  const afterTo = weekNumber(shiftIsoWeek(pivot, weeks));
  const where =
    row.placeId !== null ? sql`place_id = ${row.placeId}` : row.cell !== null ? sql`cell = ${row.cell}` : sql`area_id = ${row.areaId}`;
  const result = await tx.execute<{ category: string; before: number; after: number }>(sql`
    select category,
      count(*) filter (where iso_week between ${beforeFrom} and ${beforeTo})::int as before,
      count(*) filter (where iso_week between ${afterFrom} and ${afterTo})::int as after
    from event_report
    where tenant_id = ${row.tenantId} and status = 'verified' and ${where}
      and (iso_week between ${beforeFrom} and ${beforeTo} or iso_week between ${afterFrom} and ${afterTo})
    group by category order by category`);
  const categories = result.rows.map((r) => ({ code: r.category, before: Number(r.before), after: Number(r.after) }));
  return {
    actionId: row.id,
    weeks,
    from,
    pivotWeek: pivot,
    categories,
    totals: { before: categories.reduce((s, c) => s + c.before, 0), after: categories.reduce((s, c) => s + c.after, 0) },
  };
}

const value = (count: number): Cell => ({ kind: 'value', value: count });

/**
 * The counts as the reader may see them. For a reader of suppressed figures the categories × (before,
 * after) table goes through the shared suppression with its two column totals published (the row totals
 * are not shown), so no small count can be read off directly or worked out from a total.
 */
export function presentEffect(counts: EffectCounts, suppressed: boolean, k: number): ActionEffect {
  const base = { actionId: counts.actionId, weeks: counts.weeks, from: counts.from, pivotWeek: counts.pivotWeek, suppressed, k, caveat: { ...EFFECT_CAVEAT } };
  if (!suppressed || counts.categories.length === 0) {
    return {
      ...base,
      categories: counts.categories.map((row) => ({ code: row.code, before: value(row.before), after: value(row.after) })),
      totals: { before: value(counts.totals.before), after: value(counts.totals.after) },
    };
  }
  const table = suppressTable(
    counts.categories.map((row) => [row.before, row.after]),
    k,
    { rows: false, columns: true, grand: false },
  );
  return {
    ...base,
    categories: counts.categories.map((row, index) => ({ code: row.code, before: table.cells[index]![0]!, after: table.cells[index]![1]! })),
    totals: { before: table.columnTotals![0]!, after: table.columnTotals![1]! },
  };
}
