import { and, eq, sql } from 'drizzle-orm';
import { cellOf } from '../../../shared/event-cells';
import { BASELINE_WEEKS, TREND_WEEKS, isoWeekNumber, sameWeekLastYear, shiftWeek, type Lagesbild } from '../../../shared/lagesbild';
import { isoWeekWindow } from '../../../shared/stockholm-time';
import type { Tx } from '../../db/client';
import { area, lagesbildWeek, place } from '../../db/schema';
import type { RequestScope } from '../../http/request-scope';
import type { Language } from '../../http/messages';
import { abilitiesOf } from '../../policy/can';
import { tenantCategories } from '../event-reports/categories';
import { loadCellHistory, loadCellHours, loadWeekCounts } from './figures';
import { buildPicture } from './picture';
import { presenceGaps } from './presence-gaps';
import { readsSuppressedOnly, type LagesbildResource } from './policy';
import { suppressionK } from './settings';

export type WeekRow = typeof lagesbildWeek.$inferSelect;

/** The week's row, or null while nobody has written anything for it (it is then open). */
export async function findWeek(tx: Tx, tenantId: string, isoWeek: number, areaId: string | null): Promise<WeekRow | null> {
  const [row] = await tx
    .select()
    .from(lagesbildWeek)
    .where(and(eq(lagesbildWeek.tenantId, tenantId), eq(lagesbildWeek.isoWeek, isoWeek), areaId ? eq(lagesbildWeek.areaId, areaId) : sql`${lagesbildWeek.areaId} is null`))
    .limit(1);
  return row ?? null;
}

/** The week's row, made when first written; locked for the rest of the transaction so two closings queue. */
export async function weekForUpdate(tx: Tx, tenantId: string, isoWeek: number, areaId: string | null): Promise<WeekRow> {
  await tx.insert(lagesbildWeek).values({ tenantId, isoWeek, areaId }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(lagesbildWeek)
    .where(and(eq(lagesbildWeek.tenantId, tenantId), eq(lagesbildWeek.isoWeek, isoWeek), areaId ? eq(lagesbildWeek.areaId, areaId) : sql`${lagesbildWeek.areaId} is null`))
    .for('update');
  return row!;
}

export const weekResource = (tenantId: string, areaId: string | null, row: WeekRow | null): LagesbildResource => ({
  kind: 'lagesbild_week',
  tenantId,
  areaId,
  status: (row?.status ?? 'open') as LagesbildResource['status'],
});

/** The area of the tenant by id, or null (an unknown or another tenant's area is a 400 in the routes). */
export async function findArea(tx: Tx, tenantId: string, areaId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await tx.select({ id: area.id, name: area.name }).from(area).where(and(eq(area.tenantId, tenantId), eq(area.id, areaId))).limit(1);
  return row ?? null;
}

export interface BuildOptions {
  week: string;
  area: { id: string; name: string } | null;
  language: Language;
  /** Force suppressed figures (a sent copy, the PDF); the analyst always gets them. */
  suppressed?: boolean;
  row: WeekRow | null;
}

/** The week's whole picture as this actor may see it. */
export async function buildWeek(scope: RequestScope, options: BuildOptions): Promise<Lagesbild> {
  const { tx, actor } = scope;
  const { week, language } = options;
  const areaId = options.area?.id ?? null;
  const suppressed = options.suppressed === true || readsSuppressedOnly(actor);
  const k = await suppressionK(tx, actor.tenantId);
  const weeks = Array.from({ length: TREND_WEEKS }, (_, index) => shiftWeek(week, index - TREND_WEEKS + 1));
  const lastYearWeek = sameWeekLastYear(week);
  const current = isoWeekNumber(week);
  const counts = await loadWeekCounts(tx, actor.tenantId, areaId, current, [...weeks, lastYearWeek].map(isoWeekNumber));

  // Places by cell, for naming hot-spots (places hold no personal data; their points are already public to members).
  const placeRows = await tx
    .select({ id: place.id, name: place.name, latitude: place.latitude, longitude: place.longitude })
    .from(place)
    .where(and(eq(place.tenantId, actor.tenantId), eq(place.active, true), areaId ? eq(place.areaId, areaId) : undefined));
  const placesByCell = new Map<string, { id: string; name: string }[]>();
  for (const row of placeRows) {
    if (row.latitude === null || row.longitude === null) continue;
    const cell = cellOf(row.latitude, row.longitude);
    if (!counts.cells.has(cell)) continue;
    placesByCell.set(cell, [...(placesByCell.get(cell) ?? []), { id: row.id, name: row.name }]);
  }

  const categories = (await tenantCategories(tx, actor.tenantId)).filter((category) => category.active).map((category) => ({ code: category.code, name: language === 'sv' ? category.nameSv : category.nameEn }));
  const baselineWeeks = weeks.slice(-BASELINE_WEEKS - 1, -1).map(isoWeekNumber);
  const hotCells = [...counts.cells.entries()]
    .map(([cell, byCategory]) => ({ cell, count: [...byCategory.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell))
    .slice(0, 10)
    .map((entry) => entry.cell);
  const cellHistory = await loadCellHistory(tx, actor.tenantId, areaId, hotCells, baselineWeeks);
  const window = isoWeekWindow(week);
  const state = {
    status: (options.row?.status ?? 'open') as 'open' | 'closed' | 'sent',
    analysis: options.row?.analysis ?? '',
    analysisAt: options.row?.analysisAt?.toISOString() ?? null,
    closedAt: options.row?.closedAt?.toISOString() ?? null,
    sentAt: options.row?.sentAt?.toISOString() ?? null,
    recipients: options.row ? await recipientCount(tx, actor.tenantId, options.row.id) : 0,
  };
  const picture = buildPicture({
    week,
    weeks,
    lastYearWeek,
    previousWeek: shiftWeek(week, -1),
    nextWeek: shiftWeek(week, 1),
    dates: window.dates,
    areaId,
    areaName: options.area?.name ?? null,
    language,
    k,
    suppressed,
    categories,
    counts,
    cellHistory,
    placesByCell,
    presenceGaps: [],
    state,
    abilities: abilitiesOf(actor, weekResource(actor.tenantId, areaId, options.row)),
  });
  const spots = picture.hotspots.map((spot) => ({ cell: spot.cell, places: spot.places }));
  const cellHours = await loadCellHours(tx, actor.tenantId, areaId, spots.map((spot) => spot.cell), [...baselineWeeks, current]);
  picture.presenceGaps = await presenceGaps(tx, actor, { areaId, hotCells: spots, cellHours, window, language, showCounts: !suppressed });
  return picture;
}

async function recipientCount(tx: Tx, tenantId: string, weekId: string): Promise<number> {
  const result = await tx.execute<{ n: number | string }>(sql`select count(*)::int as n from lagesbild_recipient where tenant_id = ${tenantId}::uuid and week_id = ${weekId}::uuid`);
  return Number(result.rows[0]?.n ?? 0);
}

/** The reporters of the week's verified events (in the area): who gets the summary back. */
export async function weekReporters(tx: Tx, tenantId: string, isoWeek: number, areaId: string | null): Promise<string[]> {
  const area = areaId ? sql` and area_id = ${areaId}::uuid` : sql``;
  const result = await tx.execute<{ reported_by: string }>(
    sql`select distinct reported_by from event_report where tenant_id = ${tenantId}::uuid and iso_week = ${isoWeek}${area}
        and status = 'verified' and reported_by is not null`,
  );
  return result.rows.map((row) => row.reported_by);
}
