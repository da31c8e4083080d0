import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { placeYouthHour } from '../../db/schema';
import type { YouthHour, YouthLevel } from '../../../shared/places';

export async function readYouthHours(tx: Tx, tenantId: string, placeId: string): Promise<YouthHour[]> {
  const rows = await tx
    .select({ weekday: placeYouthHour.weekday, hour: placeYouthHour.hour, level: placeYouthHour.level })
    .from(placeYouthHour)
    .where(and(eq(placeYouthHour.tenantId, tenantId), eq(placeYouthHour.placeId, placeId)))
    .orderBy(asc(placeYouthHour.weekday), asc(placeYouthHour.hour));
  return rows.map((row) => ({ weekday: row.weekday, hour: row.hour, level: row.level as YouthLevel }));
}

/** The week given replaces the place's ungdomstider; returns how many hours each level has, for the audit. */
export async function replaceYouthHours(tx: Tx, tenantId: string, placeId: string, hours: readonly YouthHour[]): Promise<Record<YouthLevel, number>> {
  await tx.delete(placeYouthHour).where(and(eq(placeYouthHour.tenantId, tenantId), eq(placeYouthHour.placeId, placeId)));
  if (hours.length > 0) {
    await tx.insert(placeYouthHour).values(hours.map((slot) => ({ tenantId, placeId, weekday: slot.weekday, hour: slot.hour, level: slot.level })));
  }
  const counts: Record<YouthLevel, number> = { few: 0, some: 0, many: 0 };
  for (const slot of hours) counts[slot.level] += 1;
  return counts;
}
