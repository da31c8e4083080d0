import type { Auth } from '../../auth/auth';
import type { Database } from '../../db/client';
import { createTenant, findTenantBySlug } from '../tenants/create-tenant';
import { roleRequiresTwoFactor } from '../../../shared/roles';
import type { OrganisationType } from '../../../shared/organisations';
import { SANDVIKEN_ORGANISATIONS, SANDVIKEN_TENANT, SANDVIKEN_USERS, type DemoUser } from './demo-data';
import type { DemoCredentials } from './demo-credentials';
import { enrolDemoTotp, hashDemoPassword, setDemoPasswordHash } from './demo-sign-in-setup';
import { ensureMembership, ensureOrganisations, ensureUser } from './demo-stage';

/** The second demo tenant as the story sees it: its id, its organisations, and its users by local part. */
export interface SandvikenStage {
  tenantId: string;
  organisationIds: Readonly<Partial<Record<OrganisationType, string>>>;
  users: readonly { demoUser: DemoUser; userId: string }[];
}

/**
 * Sets up "Sandviken (demo)" (issue 16 §6), Gävle's partner in the housing exchange: the tenant, its
 * three organisations, its exchange officer and administrator with the shared demo password (and the
 * shared TOTP secret for the officer, whose role reads personal data). Like Gävle's stage it is set up
 * directly; what happens in it (joining the exchange, the pooled offer) is told through the routes by
 * these users (story/housing-exchange.ts). Safe to run again: each step looks before it writes.
 */
export async function ensureSandviken(deps: { database: Database; auth: Auth }, credentials: DemoCredentials): Promise<SandvikenStage> {
  const db = deps.database.db;
  const tenantId = (await findTenantBySlug(db, SANDVIKEN_TENANT.slug))?.id ?? (await createTenant(db, SANDVIKEN_TENANT)).id;
  const organisationIds = await ensureOrganisations(db, tenantId, SANDVIKEN_ORGANISATIONS);
  const passwordHash = await hashDemoPassword(deps.auth, credentials.password);
  const users: { demoUser: DemoUser; userId: string }[] = [];
  for (const demoUser of SANDVIKEN_USERS) {
    const userId = await ensureUser(deps, demoUser);
    await setDemoPasswordHash(deps.auth, userId, passwordHash);
    if (roleRequiresTwoFactor(demoUser.role)) await enrolDemoTotp(deps.auth, userId, credentials.totpSecretBase32);
    await ensureMembership(db, tenantId, userId, demoUser, organisationIds[demoUser.organisation]);
    users.push({ demoUser, userId });
  }
  return { tenantId, organisationIds, users };
}
