import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { sspfSetting } from '../../db/schema';

/** Sets the tenant's young-person consent age, creating the settings row on first use. */
export async function saveConsentAge(tx: Tx, tenantId: string, youngPersonConsentAge: number): Promise<void> {
  await tx
    .insert(sspfSetting)
    .values({ tenantId, youngPersonConsentAge })
    .onConflictDoUpdate({ target: sspfSetting.tenantId, set: { youngPersonConsentAge, updatedAt: sql`now()` } });
}
