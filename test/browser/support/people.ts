import { randomUUID } from 'node:crypto';
import { createAuth } from '../../../src/server/auth/auth';
import { inContext } from '../../../src/server/db/context';
import { and, desc, eq, like } from 'drizzle-orm';
import { emailOutbox, membership, organisation, user } from '../../../src/server/db/schema';
import { createTenant } from '../../../src/server/modules/tenants/create-tenant';
import { createUserAccount } from '../../../src/server/modules/users/create-user';
import { issueSetPasswordLink } from '../../../src/server/modules/users/invitation-link';
import type { Role } from '../../../src/shared/roles';
import type { OrganisationType } from '../../../src/shared/organisations';
import { totpCodeFromUri } from '../../support/totp';
import type { TestServer } from './server';

export const JOURNEY_PASSWORD = 'grön-cykel-under-björken-42';

export interface JourneyTenant {
  id: string;
  name: string;
}
export interface JourneyOrganisation {
  id: string;
  tenantId: string;
  name: string;
}
export interface JourneyUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** The otpauth:// URI when two-factor is on, for `totpCodeFromUri`. */
  totpUri: string | null;
  /** The one-time recovery codes shown at enrolment (empty without two-factor). */
  backupCodes?: string[];
}

/** A collaboration area (tenant) with its audit chains, through the server's own use case. */
export async function createJourneyTenant(server: TestServer, name = 'Gävle kommun'): Promise<JourneyTenant> {
  const tenant = await createTenant(server.database.db, { slug: `t-${randomUUID().slice(0, 8)}`, name });
  return { id: tenant.id, name: tenant.name };
}

export async function createJourneyOrganisation(server: TestServer, tenant: JourneyTenant, name: string, type: OrganisationType, isAuthority = true): Promise<JourneyOrganisation> {
  return inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx.insert(organisation).values({ tenantId: tenant.id, name, type, isAuthority }).returning();
    return { id: row!.id, tenantId: tenant.id, name };
  });
}

/**
 * A user with a password and the given memberships; with `twoFactor`, TOTP is turned on the way the
 * browser does it (better-auth's enable + verify over HTTP), so the journey can sign in with codes.
 */
export async function createJourneyUser(
  server: TestServer,
  memberships: Array<{ organisation: JourneyOrganisation; role: Role }>,
  options: { name?: string; twoFactor?: boolean; locale?: 'sv' | 'en' } = {},
): Promise<JourneyUser> {
  const auth = createAuth({ db: server.database.db, config: server.config, secrets: server.secrets });
  const email = `user-${randomUUID().slice(0, 8)}@journey.samverka.se`;
  const name = options.name ?? 'Alex Andersson';
  const user = await createUserAccount(server.database.db, auth, { email, name, password: JOURNEY_PASSWORD, locale: options.locale });
  for (const { organisation: org, role } of memberships) {
    await inContext(server.database.db, { tenantId: org.tenantId, userId: null }, async (tx) => {
      await tx.insert(membership).values({ tenantId: org.tenantId, userId: user.id, organisationId: org.id, role });
    });
  }
  const enrolment = options.twoFactor ? await enrolTotp(server, email) : null;
  return { id: user.id, email, name, password: JOURNEY_PASSWORD, totpUri: enrolment?.totpUri ?? null, backupCodes: enrolment?.backupCodes ?? [] };
}

/**
 * An invited user: an account with memberships but no password yet, and the one-time link the
 * invitation e-mail carries (the same better-auth reset token the administration API sends).
 */
export async function createInvitedUser(
  server: TestServer,
  memberships: Array<{ organisation: JourneyOrganisation; role: Role }>,
  options: { name?: string } = {},
): Promise<{ id: string; email: string; name: string; invitationUrl: string }> {
  const auth = createAuth({ db: server.database.db, config: server.config, secrets: server.secrets });
  const email = `invited-${randomUUID().slice(0, 8)}@journey.samverka.se`;
  const name = options.name ?? 'Ida Inbjuden';
  const user = await createUserAccount(server.database.db, auth, { email, name });
  for (const { organisation: org, role } of memberships) {
    await inContext(server.database.db, { tenantId: org.tenantId, userId: null }, async (tx) => {
      await tx.insert(membership).values({ tenantId: org.tenantId, userId: user.id, organisationId: org.id, role });
    });
  }
  const link = await issueSetPasswordLink(auth, user.id, { replaceEarlier: true });
  return { id: user.id, email, name, invitationUrl: `${server.url}${link.path}` };
}

async function post(server: TestServer, path: string, body: unknown, cookie = ''): Promise<{ status: number; json: unknown; cookie: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const setCookies = response.headers.getSetCookie().map((value) => value.split(';')[0]!);
  const jar = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((part) => [part.split('=')[0]!, part] as const),
  );
  for (const value of setCookies) jar.set(value.split('=')[0]!, value);
  return { status: response.status, json: await response.json().catch(() => null), cookie: [...jar.values()].join('; ') };
}

async function enrolTotp(server: TestServer, email: string): Promise<{ totpUri: string; backupCodes: string[] }> {
  const signIn = await post(server, '/api/auth/sign-in/email', { email, password: JOURNEY_PASSWORD });
  if (signIn.status !== 200) throw new Error(`sign-in for TOTP set-up failed: ${signIn.status} ${JSON.stringify(signIn.json)}`);
  const enabled = await post(server, '/api/auth/two-factor/enable', { password: JOURNEY_PASSWORD }, signIn.cookie);
  const { totpURI: totpUri, backupCodes = [] } = (enabled.json ?? {}) as { totpURI?: string; backupCodes?: string[] };
  if (enabled.status !== 200 || !totpUri) throw new Error(`enabling two-factor failed: ${enabled.status} ${JSON.stringify(enabled.json)}`);
  const verified = await post(server, '/api/auth/two-factor/verify-totp', { code: await totpCodeFromUri(totpUri) }, enabled.cookie);
  if (verified.status !== 200) throw new Error(`confirming two-factor failed: ${verified.status} ${JSON.stringify(verified.json)}`);
  await post(server, '/api/auth/sign-out', {}, verified.cookie);
  return { totpUri, backupCodes };
}

/**
 * The link in the newest invitation e-mail queued for an address in a tenant's outbox: what the
 * invitee would find in their mailbox (the administrator never sees it).
 */
export async function mailedInvitationLink(server: TestServer, tenant: JourneyTenant, email: string): Promise<string> {
  const [account] = await server.database.db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  if (!account) throw new Error(`no account for ${email}`);
  const [mail] = await inContext(server.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx
      .select({ link: emailOutbox.link })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenant.id), eq(emailOutbox.userId, account.id), like(emailOutbox.kind, 'invitation.%')))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1),
  );
  if (!mail) throw new Error(`no invitation mail for ${email}`);
  return mail.link;
}
