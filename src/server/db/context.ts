import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

export interface DbContext {
  tenantId: string | null;
  userId: string | null;
}

/**
 * Runs `work` in one transaction whose row-level-security context is `context`.
 * set_config(..., true) is transaction-local, so nothing leaks to the next user of a pooled connection.
 */
export async function inContext<T>(db: Db, context: DbContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.tenant_id', ${context.tenantId ?? ''}, true), set_config('app.user_id', ${context.userId ?? ''}, true)`,
    );
    return work(tx);
  });
}
