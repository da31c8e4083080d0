import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { buildApp } from '../src/server/app';
import type { Database } from '../src/server/db/client';
import { inContext } from '../src/server/db/context';
import { auditEvent, membership, organisation } from '../src/server/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { generateSecretsForTest, type Secrets } from '../src/server/crypto/secrets';
import { createBlindIndex, createFieldCipher } from '../src/server/crypto/field-cipher';
import { createTenant } from '../src/server/modules/tenants/create-tenant';
import { createUserAccount } from '../src/server/modules/users/create-user';
import { createPerson } from '../src/server/modules/persons/create-person';
import type { ProtectedIdentity } from '../src/shared/persons';
import { createAuth } from '../src/server/auth/auth';
import { hashDemoPassword, setDemoPasswordHash } from '../src/server/modules/demo/demo-sign-in-setup';
import type { Config } from '../src/server/config';
import { roleRequiresTwoFactor, type Role } from '../src/shared/roles';
import type { OrganisationType } from '../src/shared/organisations';
import { openTestDatabase } from './support/database';
import { testConfig } from './support/config';
import { totpCodeFromUri } from './support/totp';

export const TEST_PASSWORD = 'korrekt-hast-batteri-häftklammer';

export interface TestTenant {
  id: string;
  slug: string;
  name: string;
}
export interface TestOrganisation {
  id: string;
  tenantId: string;
  type: OrganisationType;
}
export interface TestMember {
  userId: string;
  email: string;
  membershipId: string;
  organisationId: string;
  tenantId: string;
  role: Role;
  /** Cookie and CSRF headers of a fully signed-in session working as this membership. */
  headers: Record<string, string>;
  totpUri: string | null;
}

/**
 * One real app on one real database per test file, and factories that create a fresh tenant
 * per test, so tests never see each other's rows.
 */
export class TestApp {
  private constructor(
    readonly app: FastifyInstance,
    readonly database: Database,
    readonly config: Config,
    readonly secrets: Secrets,
  ) {}

  /** scrypt is deliberately slow: members share one hash of TEST_PASSWORD per file, made by better-auth's own hasher. */
  private passwordHash: Promise<string> | null = null;
  private testPasswordHash(): Promise<string> {
    this.passwordHash ??= hashDemoPassword(this.auth, TEST_PASSWORD);
    return this.passwordHash;
  }

  /** `ownDatabase`: on PostgreSQL, a database of this file's own (see openTestDatabase); for the demo's tests. */
  static async start(configOverrides: Record<string, string> = {}, options: { ownDatabase?: boolean } = {}): Promise<TestApp> {
    const database = await openTestDatabase({ own: options.ownDatabase });
    // Tests sign in many times from one address; the sign-in rate limit has its own test (auth-rate-limit.test.ts).
    const config = testConfig({ SAMVERKA_SIGN_IN_RATE_LIMIT: '100000', ...configOverrides });
    const secrets = generateSecretsForTest();
    const app = await buildApp({ config, database, secrets, logger: false });
    await app.ready();
    return new TestApp(app, database, config, secrets);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }

  get cipher() {
    return createFieldCipher(this.secrets.encryptionKey);
  }
  get blindIndex() {
    return createBlindIndex(this.secrets.blindIndexKey);
  }
  /** A second better-auth instance on the same database and secret, for direct API calls in tests. */
  get auth() {
    return createAuth({ db: this.database.db, config: this.config, secrets: this.secrets });
  }

  async tenant(name = 'Testkommun'): Promise<TestTenant> {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    return createTenant(this.database.db, { slug, name: `${name} ${slug}` });
  }

  async organisation(tenant: TestTenant, type: OrganisationType = 'socialtjanst', overrides: { name?: string; isAuthority?: boolean } = {}): Promise<TestOrganisation> {
    const isAuthority = overrides.isAuthority ?? ['skola', 'socialtjanst', 'polis', 'fritid', 'halso_sjukvard'].includes(type);
    return inContext(this.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const [row] = await tx
        .insert(organisation)
        .values({ tenantId: tenant.id, name: overrides.name ?? `${type} ${randomUUID().slice(0, 4)}`, type, isAuthority })
        .returning();
      return { id: row!.id, tenantId: tenant.id, type };
    });
  }

  /** Creates a user with a membership, signs them in (with TOTP when the role needs it) and chooses the membership. */
  async member(tenant: TestTenant, org: TestOrganisation, role: Role, options: { email?: string; withTwoFactor?: boolean } = {}): Promise<TestMember> {
    const email = options.email ?? `${role}-${randomUUID().slice(0, 8)}@test.samverka.se`;
    const auth = this.auth;
    const user = await createUserAccount(this.database.db, auth, { email, name: `Test ${role}` });
    await setDemoPasswordHash(auth, user.id, await this.testPasswordHash());
    const membershipId = await this.addMembership(tenant, org, user.id, role);
    let cookie = await this.passwordSignIn(email);
    let totpUri: string | null = null;
    if (options.withTwoFactor ?? roleRequiresTwoFactor(role)) {
      totpUri = await this.enrolTotp(cookie);
      cookie = await this.fullSignIn(email, totpUri);
    }
    const headers = { cookie, 'x-samverka-csrf': '1' };
    const chosen = await this.app.inject({ method: 'PUT', url: '/api/session/membership', headers, payload: { membershipId } });
    if (chosen.statusCode !== 200) throw new Error(`choosing membership failed: ${chosen.body}`);
    return { userId: user.id, email, membershipId, organisationId: org.id, tenantId: tenant.id, role, headers, totpUri };
  }

  async addMembership(tenant: TestTenant, org: TestOrganisation, userId: string, role: Role): Promise<string> {
    return inContext(this.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const [row] = await tx.insert(membership).values({ tenantId: tenant.id, userId, organisationId: org.id, role }).returning();
      return row!.id;
    });
  }

  /** Signs in with e-mail and password only; returns the cookie header (a two-factor pending cookie when TOTP is on). */
  async passwordSignIn(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await this.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in failed (${response.statusCode}): ${response.body}`);
    return cookieHeader(response);
  }

  async fullSignIn(email: string, totpUri: string, password = TEST_PASSWORD): Promise<string> {
    const pending = await this.passwordSignIn(email, password);
    const verified = await this.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie: pending },
      payload: { code: await totpCodeFromUri(totpUri) },
    });
    if (verified.statusCode !== 200) throw new Error(`TOTP verification failed: ${verified.body}`);
    return mergeCookies(pending, cookieHeader(verified));
  }

  async enrolTotp(cookie: string): Promise<string> {
    const enabled = await this.app.inject({ method: 'POST', url: '/api/auth/two-factor/enable', headers: { cookie }, payload: { password: TEST_PASSWORD } });
    if (enabled.statusCode !== 200) throw new Error(`enabling two-factor failed: ${enabled.body}`);
    const { totpURI } = enabled.json() as { totpURI: string };
    const verified = await this.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie },
      payload: { code: await totpCodeFromUri(totpURI) },
    });
    if (verified.statusCode !== 200) throw new Error(`confirming two-factor failed: ${verified.body}`);
    return totpURI;
  }

  /** Registers a person directly (not through the API, so no audit event). A random valid personnummer unless given. */
  async person(tenant: TestTenant, overrides: Partial<TestPersonInput> = {}): Promise<TestPerson> {
    const input: TestPersonInput = {
      identityNumber: overrides.identityNumber ?? randomIdentityNumber(),
      firstName: overrides.firstName ?? 'Testa',
      lastName: overrides.lastName ?? `Testsson-${randomUUID().slice(0, 6)}`,
      schoolId: overrides.schoolId ?? null,
      protectedIdentity: overrides.protectedIdentity ?? 'none',
      guardianIds: overrides.guardianIds ?? [],
    };
    const { id } = await inContext(this.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      createPerson(tx, tenant.id, { cipher: this.cipher, blindIndex: this.blindIndex }, input),
    );
    return { id, tenantId: tenant.id, ...input };
  }

  /** The tenant's audit events in the order they were written (read under the tenant's RLS context). */
  async auditEvents(tenant: { id: string }, action?: string): Promise<AuditEventRecord[]> {
    return inContext(this.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.tenantId, tenant.id), action ? eq(auditEvent.action, action) : undefined))
        .orderBy(asc(auditEvent.occurredAt), asc(auditEvent.lane), asc(auditEvent.seq)),
    );
  }
}

export type AuditEventRecord = typeof auditEvent.$inferSelect;

export interface TestPersonInput {
  identityNumber: string;
  firstName: string;
  lastName: string;
  schoolId: string | null;
  protectedIdentity: ProtectedIdentity;
  guardianIds: string[];
}
export interface TestPerson extends TestPersonInput {
  id: string;
  tenantId: string;
}

/**
 * A random valid personnummer, YYYYMMDDNNNC (twelve digits, Luhn check digit), born between
 * `fromYear` and `toYear`. Collisions are possible but vanishingly rare within one test's tenant.
 */
export function randomIdentityNumber(fromYear = 2007, toYear = 2016): string {
  const year = fromYear + Math.floor(Math.random() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28);
  // Serial 000 is never issued, and the personnummer package rightly refuses it.
  const serial = 1 + Math.floor(Math.random() * 999);
  const nine = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i += 1) {
    const product = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return `${String(year).slice(0, 2)}${nine}${(10 - (sum % 10)) % 10}`;
}

/** Turns a response's Set-Cookie headers into a Cookie request header. */
export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

function mergeCookies(...headers: string[]): string {
  const jar = new Map<string, string>();
  for (const header of headers) {
    for (const part of header.split('; ').filter(Boolean)) {
      const [name, ...value] = part.split('=');
      jar.set(name!, value.join('='));
    }
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
