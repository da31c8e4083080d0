import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, organisation, user } from '../../db/schema';

/** Organisation and user names for the extract: it speaks of people and offices, not of ids. */
export interface Names {
  organisation(id: string | null): string | null;
  user(id: string | null): string | null;
}

/** Everyone who has been a member of the tenant (also those who left): the only users who can appear in its records. */
export async function loadNames(tx: Tx, tenantId: string): Promise<Names> {
  const organisations = new Map(
    (await tx.select({ id: organisation.id, name: organisation.name }).from(organisation).where(eq(organisation.tenantId, tenantId))).map((row) => [row.id, row.name]),
  );
  const users = new Map(
    (
      await tx
        .selectDistinct({ id: user.id, name: user.name })
        .from(membership)
        .innerJoin(user, eq(user.id, membership.userId))
        .where(and(eq(membership.tenantId, tenantId)))
    ).map((row) => [row.id, row.name]),
  );
  return {
    organisation: (id) => (id === null ? null : (organisations.get(id) ?? null)),
    user: (id) => (id === null ? null : (users.get(id) ?? null)),
  };
}
