import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inContext } from '../../server/db/context';
import { membership, organisation } from '../../server/db/schema';
import { createUserAccount } from '../../server/modules/users/create-user';
import { findTenantBySlug } from '../../server/modules/tenants/create-tenant';
import { AppError } from '../../server/http/errors';
import { appendAuditEvent, type AuditActor } from '../../server/audit/append';
import type { Db } from '../../server/db/client';
import type { Role } from '../../shared/roles';
import { withRuntime } from '../runtime';
import { CliError } from '../warn';

export interface CliNewUser {
  email: string;
  name: string;
  /** Empty: the user sets a password later through a one-time link. */
  password: string;
  tenant?: string;
  organisation?: string;
  role?: Role;
  admin?: boolean;
  locale: string;
}

/** The organisation `--admin` puts administrators in when none is named. */
export const ADMINISTRATION_ORGANISATION = 'Administration';

/** Creates the account, then its memberships; every organisation is resolved before anything is written. */
export async function createUserFromCli(input: CliNewUser): Promise<void> {
  await withRuntime(async ({ database, auth }) => {
    const tenant = input.tenant ? await findTenantBySlug(database.db, input.tenant) : null;
    if (input.tenant && !tenant) throw new CliError(`No tenant with the slug ${input.tenant}`);
    // Resolve every organisation first, so a typo does not leave a user without a membership.
    const wanted: { role: Role; org: { id: string; name: string } }[] = [];
    if (tenant && input.role) wanted.push({ role: input.role, org: await findOrganisation(database.db, tenant.id, input.organisation!) });
    if (tenant && input.admin) {
      const org = input.organisation ? await findOrganisation(database.db, tenant.id, input.organisation) : await administrationOrganisation(database.db, tenant.id);
      wanted.push({ role: 'administrator', org });
    }
    let created;
    try {
      created = await createUserAccount(database.db, auth, {
        email: input.email,
        name: input.name,
        password: input.password || undefined,
        locale: input.locale as 'sv' | 'en',
      });
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 409) throw new CliError(`A user with the e-mail address ${input.email} already exists`);
      throw error;
    }
    process.stdout.write(`User created: ${input.email}, id ${created.id}${input.password ? '' : ' (no password yet)'}\n`);
    for (const { role: memberRole, org } of wanted) {
      // Granting access is logged like any other change, with the CLI as the actor.
      await inContext(database.db, { tenantId: tenant!.id, userId: null }, async (tx) => {
        const [row] = await tx
          .insert(membership)
          .values({ tenantId: tenant!.id, userId: created.id, organisationId: org.id, role: memberRole })
          .returning({ id: membership.id });
        const cli: AuditActor = { tenantId: tenant!.id, userId: null, organisationId: null, role: null, ip: null, userAgent: 'samverka user create' };
        await appendAuditEvent(tx, cli, {
          action: 'membership.create',
          resourceType: 'membership',
          resourceId: row!.id,
          details: { userId: created.id, organisationId: org.id, role: memberRole },
        });
      });
      process.stdout.write(`Membership: ${memberRole} in ${org.name}, ${tenant!.name}\n`);
    }
  });
}

async function findOrganisation(db: Db, tenantId: string, reference: string): Promise<{ id: string; name: string }> {
  const isId = z.uuid().safeParse(reference).success;
  const found = await inContext(db, { tenantId, userId: null }, (tx) =>
    tx
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .where(and(eq(organisation.tenantId, tenantId), isId ? eq(organisation.id, reference) : eq(organisation.name, reference))),
  );
  if (found.length === 0) throw new CliError(`No organisation ${reference} in the tenant`);
  if (found.length > 1) throw new CliError(`Several organisations are called ${reference}: give its id instead`);
  return found[0]!;
}

/**
 * The tenant's administration organisation, created on first use. Type "annan" and not a public
 * authority: the administrators' organisation may well be an IT supplier, and the flag only ever
 * widens access, so it is off until someone with the facts turns it on.
 */
async function administrationOrganisation(db: Db, tenantId: string): Promise<{ id: string; name: string }> {
  return inContext(db, { tenantId, userId: null }, async (tx) => {
    const [found] = await tx
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .where(and(eq(organisation.tenantId, tenantId), eq(organisation.name, ADMINISTRATION_ORGANISATION), eq(organisation.type, 'annan')))
      .limit(1);
    if (found) return found;
    const [created] = await tx
      .insert(organisation)
      .values({ tenantId, name: ADMINISTRATION_ORGANISATION, type: 'annan', isAuthority: false })
      .returning({ id: organisation.id, name: organisation.name });
    return created!;
  });
}
