import { eq, sql } from 'drizzle-orm';
import { DEFAULT_SUPPRESSION_K, validateSuppressionK } from '../../../shared/suppression';
import type { Tx } from '../../db/client';
import { lagesbildSetting } from '../../db/schema';

/** The tenant's small-cell threshold k: its setting, or the default 5 while an administrator has set none. */
export async function suppressionK(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.select({ k: lagesbildSetting.suppressionK }).from(lagesbildSetting).where(eq(lagesbildSetting.tenantId, tenantId)).limit(1);
  return row ? validateSuppressionK(row.k) : DEFAULT_SUPPRESSION_K;
}

/** Sets k (3 to 100; validateSuppressionK throws otherwise), creating the row on first use. */
export async function saveSuppressionK(tx: Tx, tenantId: string, k: number, userId: string): Promise<void> {
  validateSuppressionK(k);
  await tx
    .insert(lagesbildSetting)
    .values({ tenantId, suppressionK: k, updatedBy: userId })
    .onConflictDoUpdate({ target: lagesbildSetting.tenantId, set: { suppressionK: k, updatedBy: userId, updatedAt: sql`now()` } });
}
