import { and, eq } from 'drizzle-orm';
import type { Auth } from '../../auth/auth';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { membership, organisation, user } from '../../db/schema';
import { createUserAccount } from '../users/create-user';
import { todayInSweden } from '../consents/consent-rules';
import type { OrganisationType } from '../../../shared/organisations';
import { DEMO_ORGANISATIONS, demoEmail, type DemoOrganisation, type DemoUser } from './demo-data';
import { storyInstant } from './story-time';

/** The demo's stage, set up directly (not through routes): organisations, accounts, memberships. Each looks before it writes. */

export async function ensureOrganisations(
  db: Database['db'],
  tenantId: string,
  wantedList: readonly DemoOrganisation[] = DEMO_ORGANISATIONS,
): Promise<Record<OrganisationType, string>> {
  return inContext(db, { tenantId, userId: null }, async (tx) => {
    const ids = {} as Record<OrganisationType, string>;
    for (const wanted of wantedList) {
      const [found] = await tx
        .select({ id: organisation.id })
        .from(organisation)
        .where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, wanted.key), eq(organisation.name, wanted.name)))
        .limit(1);
      const id =
        found?.id ??
        (await tx.insert(organisation).values({ tenantId, name: wanted.name, type: wanted.key, isAuthority: wanted.isAuthority }).returning())[0]!.id;
      ids[wanted.key] = id;
    }
    return ids;
  });
}

export async function ensureUser(deps: { database: Database; auth: Auth }, demoUser: DemoUser): Promise<string> {
  const email = demoEmail(demoUser);
  const [found] = await deps.database.db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  if (found) return found.id;
  return (await createUserAccount(deps.database.db, deps.auth, { email, name: demoUser.name })).id;
}

export async function ensureMembership(db: Database['db'], tenantId: string, userId: string, demoUser: DemoUser, organisationId: string): Promise<void> {
  await inContext(db, { tenantId, userId: null }, async (tx) => {
    const [found] = await tx
      .select({ id: membership.id })
      .from(membership)
      .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, userId)))
      .limit(1);
    // Members long before the story begins.
    const since = storyInstant(todayInSweden(), -400, '08:00');
    if (!found) await tx.insert(membership).values({ tenantId, userId, organisationId, role: demoUser.role, createdAt: since, acceptedAt: since });
  });
}

