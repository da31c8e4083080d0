import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { schoolHoliday } from '../../db/schema';
import type { SchoolHoliday, SchoolHolidayInput } from '../../../shared/presence';

/** School holidays (lov) per term: a tenant setting that presence entries may skip. */
export async function listSchoolHolidays(tx: Tx, tenantId: string): Promise<SchoolHoliday[]> {
  return tx
    .select({ id: schoolHoliday.id, name: schoolHoliday.name, startsOn: schoolHoliday.startsOn, endsOn: schoolHoliday.endsOn })
    .from(schoolHoliday)
    .where(eq(schoolHoliday.tenantId, tenantId))
    .orderBy(asc(schoolHoliday.startsOn), asc(schoolHoliday.id));
}

export async function findSchoolHoliday(tx: Tx, tenantId: string, id: string): Promise<SchoolHoliday | null> {
  const [row] = await tx
    .select({ id: schoolHoliday.id, name: schoolHoliday.name, startsOn: schoolHoliday.startsOn, endsOn: schoolHoliday.endsOn })
    .from(schoolHoliday)
    .where(and(eq(schoolHoliday.tenantId, tenantId), eq(schoolHoliday.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertSchoolHoliday(tx: Tx, tenantId: string, input: SchoolHolidayInput): Promise<SchoolHoliday> {
  const [row] = await tx
    .insert(schoolHoliday)
    .values({ tenantId, ...input })
    .returning({ id: schoolHoliday.id, name: schoolHoliday.name, startsOn: schoolHoliday.startsOn, endsOn: schoolHoliday.endsOn });
  return row!;
}

export async function updateSchoolHoliday(tx: Tx, tenantId: string, id: string, input: SchoolHolidayInput): Promise<SchoolHoliday> {
  const [row] = await tx
    .update(schoolHoliday)
    .set(input)
    .where(and(eq(schoolHoliday.tenantId, tenantId), eq(schoolHoliday.id, id)))
    .returning({ id: schoolHoliday.id, name: schoolHoliday.name, startsOn: schoolHoliday.startsOn, endsOn: schoolHoliday.endsOn });
  return row!;
}

export async function deleteSchoolHoliday(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(schoolHoliday).where(and(eq(schoolHoliday.tenantId, tenantId), eq(schoolHoliday.id, id)));
}
