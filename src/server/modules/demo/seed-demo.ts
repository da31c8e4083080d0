import { and, eq } from 'drizzle-orm';
import type { Auth } from '../../auth/auth';
import type { Database, Tx } from '../../db/client';
import { inContext } from '../../db/context';
import { membership, organisation, person, tenant, user } from '../../db/schema';
import { appendAuditEvent, type AuditActor } from '../../audit/append';
import type { BlindIndex, FieldCipher } from '../../crypto/field-cipher';
import { createTenant, findTenantBySlug } from '../tenants/create-tenant';
import { createUserAccount } from '../users/create-user';
import { createPerson } from '../persons/create-person';
import { writeConcernSettings } from '../concerns/tenant-directory';
import { parseIdentityNumber } from '../../../shared/personnummer';
import { roleRequiresTwoFactor } from '../../../shared/roles';
import type { OrganisationType } from '../../../shared/organisations';
import { DEMO_ORGANISATIONS, DEMO_PERSONS, DEMO_TENANT, DEMO_USERS, demoEmail, type DemoUser } from './demo-data';
import { demoCredentials, type DemoCredentials } from './demo-credentials';
import { enrolDemoTotp, hashDemoPassword, setDemoPasswordHash } from './demo-sign-in-setup';
import { ensureSspfDemo } from './seed-sspf';

export interface DemoSeedDeps {
  database: Database;
  auth: Auth;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  authSecret: string;
  /** Called after each step: for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSeedResult {
  tenantId: string;
  /** 'created' on the first run, 'refreshed' when the auth secret (so the demo credentials) changed or the SSPF part was added, else 'unchanged'. */
  outcome: 'created' | 'refreshed' | 'unchanged';
  credentials: DemoCredentials;
}

interface DemoMarker {
  /** `sspf`: the SSPF case and concern are in (a demo seeded before they existed gets them on its next start). */
  demo?: { complete?: boolean; credentialsFingerprint?: string; sspf?: boolean };
}

export const DEMO_SEED_STEPS = DEMO_USERS.length + 2;

/**
 * Seeds the demo tenant once. Each step looks before it writes, so a run interrupted half-way is
 * completed by the next one; a finished demo is marked in the tenant's settings and costs one
 * query on later starts.
 */
/**
 * What the public concern form, the association guide and the poster show. The numbers are in the
 * series the Swedish telecom regulator (PTS) reserves for fiction, so nobody is called by mistake.
 */
const DEMO_CONCERN_SETTINGS = {
  socialServicesPhone: '070-174 06 50',
  contact: {
    name: 'Socialtjänstens mottagning (demo)',
    phone: '070-174 06 51',
    email: 'mottagning@demo.samverka.se',
    hours: 'Vardagar 8–16',
  },
};

export async function seedDemo(deps: DemoSeedDeps): Promise<DemoSeedResult> {
  const { database, auth } = deps;
  const db = database.db;
  const credentials = demoCredentials(deps.authSecret);
  const existing = await findTenantBySlug(db, DEMO_TENANT.slug);
  const marker = ((existing?.settings ?? {}) as DemoMarker).demo;
  if (existing && marker?.complete) {
    if (marker.credentialsFingerprint === credentials.fingerprint && marker.sspf) {
      return { tenantId: existing.id, outcome: 'unchanged', credentials };
    }
    if (!marker.sspf) await ensureSspf(deps, existing.id, await ensureOrganisations(db, existing.id));
    if (marker.credentialsFingerprint !== credentials.fingerprint) await enrolDemoUsers(deps, existing.id, null, credentials);
    await markComplete(deps, existing.id, credentials);
    return { tenantId: existing.id, outcome: 'refreshed', credentials };
  }

  const tenantId = existing?.id ?? (await createTenant(db, DEMO_TENANT)).id;
  const organisationIds = await ensureOrganisations(db, tenantId);
  let done = 1;
  deps.onProgress?.(done, DEMO_SEED_STEPS);
  await enrolDemoUsers(deps, tenantId, organisationIds, credentials, () => deps.onProgress?.(++done, DEMO_SEED_STEPS));
  await ensureSspf(deps, tenantId, organisationIds);
  await inContext(db, { tenantId, userId: null }, (tx) => writeConcernSettings(tx, tenantId, DEMO_CONCERN_SETTINGS));
  await markComplete(deps, tenantId, credentials);
  deps.onProgress?.(DEMO_SEED_STEPS, DEMO_SEED_STEPS);
  return { tenantId, outcome: 'created', credentials };
}

async function ensureOrganisations(db: Database['db'], tenantId: string): Promise<Record<OrganisationType, string>> {
  return inContext(db, { tenantId, userId: null }, async (tx) => {
    const ids = {} as Record<OrganisationType, string>;
    for (const wanted of DEMO_ORGANISATIONS) {
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

/**
 * Creates (when `organisationIds` is given) and signs up every demo user: the shared password, the
 * shared TOTP secret for roles that need a second factor, and exactly one membership.
 */
async function enrolDemoUsers(
  deps: DemoSeedDeps,
  tenantId: string,
  organisationIds: Record<OrganisationType, string> | null,
  credentials: DemoCredentials,
  afterEach?: () => void,
): Promise<void> {
  const passwordHash = await hashDemoPassword(deps.auth, credentials.password);
  for (const demoUser of DEMO_USERS) {
    const userId = await ensureUser(deps, demoUser);
    await setDemoPasswordHash(deps.auth, userId, passwordHash);
    if (roleRequiresTwoFactor(demoUser.role)) await enrolDemoTotp(deps.auth, userId, credentials.totpSecretBase32);
    if (organisationIds) await ensureMembership(deps.database.db, tenantId, userId, demoUser, organisationIds[demoUser.organisation]);
    afterEach?.();
  }
}

async function ensureUser(deps: DemoSeedDeps, demoUser: DemoUser): Promise<string> {
  const email = demoEmail(demoUser);
  const [found] = await deps.database.db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  if (found) return found.id;
  return (await createUserAccount(deps.database.db, deps.auth, { email, name: demoUser.name })).id;
}

async function ensureMembership(db: Database['db'], tenantId: string, userId: string, demoUser: DemoUser, organisationId: string): Promise<void> {
  await inContext(db, { tenantId, userId: null }, async (tx) => {
    const [found] = await tx
      .select({ id: membership.id })
      .from(membership)
      .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, userId)))
      .limit(1);
    if (!found) await tx.insert(membership).values({ tenantId, userId, organisationId, role: demoUser.role });
  });
}

/** Fictional young people and guardians; each creation is in the access log, like any other. */
async function ensurePersons(deps: DemoSeedDeps, tenantId: string, schoolId: string): Promise<Map<string, string>> {
  const seeder: AuditActor = { tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: 'samverka seed-demo' };
  return inContext(deps.database.db, { tenantId, userId: null }, async (tx) => {
    const ids = new Map<string, string>();
    for (const demoPerson of DEMO_PERSONS) {
      const existingId = await findPersonId(tx, deps, tenantId, demoPerson.identityNumber);
      if (existingId) {
        ids.set(demoPerson.key, existingId);
        continue;
      }
      const created = await createPerson(tx, tenantId, deps, {
        identityNumber: demoPerson.identityNumber,
        firstName: demoPerson.firstName,
        lastName: demoPerson.lastName,
        schoolId: demoPerson.pupil ? schoolId : null,
        protectedIdentity: demoPerson.protectedIdentity,
        guardianIds: demoPerson.guardians.map((key) => ids.get(key)!),
      });
      ids.set(demoPerson.key, created.id);
      await appendAuditEvent(tx, seeder, {
        action: 'person.create',
        resourceType: 'person',
        resourceId: created.id,
        personId: created.id,
        details: { source: 'demo' },
      });
    }
    return ids;
  });
}

/** The persons (the SSPF ones included), then Alex's case and Wilma's concern. */
async function ensureSspf(deps: DemoSeedDeps, tenantId: string, organisationIds: Record<OrganisationType, string>): Promise<void> {
  const personIds = await ensurePersons(deps, tenantId, organisationIds.skola);
  const guardianKeys = new Map(DEMO_PERSONS.map((p) => [p.key, p.guardians] as const));
  await inContext(deps.database.db, { tenantId, userId: null }, (tx) =>
    ensureSspfDemo(tx, { tenantId, cipher: deps.cipher, blindIndex: deps.blindIndex, organisationIds, personIds, guardianKeys }),
  );
}

async function findPersonId(tx: Tx, deps: DemoSeedDeps, tenantId: string, identityNumber: string): Promise<string | null> {
  const index = deps.blindIndex.compute(tenantId, parseIdentityNumber(identityNumber)!.canonical);
  const [found] = await tx
    .select({ id: person.id })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.identityNumberIndex, index)))
    .limit(1);
  return found?.id ?? null;
}

async function markComplete(deps: DemoSeedDeps, tenantId: string, credentials: DemoCredentials): Promise<void> {
  const [row] = await deps.database.db.select({ settings: tenant.settings }).from(tenant).where(eq(tenant.id, tenantId));
  const settings = { ...((row?.settings ?? {}) as Record<string, unknown>), demo: { complete: true, credentialsFingerprint: credentials.fingerprint, sspf: true } };
  await deps.database.db.update(tenant).set({ settings }).where(eq(tenant.id, tenantId));
}
