import { and, eq, inArray } from 'drizzle-orm';
import type { Auth } from '../../auth/auth';
import { loadConfig, type Config } from '../../config';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { membership, organisation, tenant, user } from '../../db/schema';
import type { BlindIndex, FieldCipher } from '../../crypto/field-cipher';
import { createTenant, findTenantBySlug } from '../tenants/create-tenant';
import { createUserAccount } from '../users/create-user';
import { writeConcernSettings } from '../concerns/tenant-directory';
import { todayInSweden } from '../consents/consent-rules';
import { roleRequiresTwoFactor, type Role } from '../../../shared/roles';
import type { OrganisationType } from '../../../shared/organisations';
import { DEMO_TENANT, DEMO_USERS, demoEmail } from './demo-data';
import { ensureMembership, ensureOrganisations, ensureUser } from './demo-stage';
import { ensureSandviken, type SandvikenStage } from './sandviken-stage';
import { demoCredentials, type DemoCredentials } from './demo-credentials';
import { enrolDemoTotp, hashDemoPassword, setDemoPasswordHash } from './demo-sign-in-setup';
import { StoryDriver } from './story-driver';
import { storyInstant } from './story-time';
import { DEMO_CHAPTERS } from './story/chapters';
import type { StoryContext } from './story/chapter';

export interface DemoSeedDeps {
  database: Database;
  auth: Auth;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  authSecret: string;
  /** What the story's requests run with (the modules read it); the defaults when not given. */
  config?: Config;
  /** Called after each step: for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSeedResult {
  tenantId: string;
  /** 'created' on the first run, 'refreshed' when the auth secret (so the demo credentials) changed or a chapter of the story was added, else 'unchanged'. */
  outcome: 'created' | 'refreshed' | 'unchanged';
  credentials: DemoCredentials;
}

interface DemoMarker {
  /** `chapters`: the chapters of the story told (a demo seeded before a chapter existed gets it on its next start). */
  demo?: { complete?: boolean; credentialsFingerprint?: string; chapters?: string[] };
}

/** The organisations, each user, each chapter of the story. */
export const DEMO_SEED_STEPS = 1 + DEMO_USERS.length + DEMO_CHAPTERS.length;

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

/**
 * Seeds the demo tenant once: the tenant, its organisations and users (set up directly: they are
 * the stage), then the story (./story), told through the application's own routes by the demo users
 * as of the days it happened. Each step looks before it writes, so a run interrupted half-way is
 * completed by the next one; a finished demo is marked in the tenant's settings and costs one query
 * on later starts.
 */
export async function seedDemo(deps: DemoSeedDeps): Promise<DemoSeedResult> {
  const { database, auth } = deps;
  const db = database.db;
  const credentials = demoCredentials(deps.authSecret);
  const existing = await findTenantBySlug(db, DEMO_TENANT.slug);
  const marker = ((existing?.settings ?? {}) as DemoMarker).demo;
  if (existing && marker?.complete) {
    const sameCredentials = marker.credentialsFingerprint === credentials.fingerprint;
    const untold = DEMO_CHAPTERS.filter((chapter) => !marker.chapters?.includes(chapter.key));
    if (sameCredentials && untold.length === 0) return { tenantId: existing.id, outcome: 'unchanged', credentials };
    const organisationIds = untold.length > 0 ? await ensureOrganisations(db, existing.id) : null;
    // A chapter added since may bring a new demo user (the exchange officer): enrol with memberships then.
    if (!sameCredentials || organisationIds) await enrolDemoUsers(deps, existing.id, organisationIds, credentials);
    if (organisationIds) await tellStory(deps, existing.id, organisationIds, credentials, await ensureSandviken(deps, credentials));
    else if (!sameCredentials) await ensureSandviken(deps, credentials);
    await markComplete(deps, existing.id, credentials);
    return { tenantId: existing.id, outcome: 'refreshed', credentials };
  }

  const tenantId = existing?.id ?? (await createTenant(db, DEMO_TENANT)).id;
  const organisationIds = await ensureOrganisations(db, tenantId);
  let done = 1;
  deps.onProgress?.(done, DEMO_SEED_STEPS);
  await enrolDemoUsers(deps, tenantId, organisationIds, credentials, () => deps.onProgress?.(++done, DEMO_SEED_STEPS));
  await inContext(db, { tenantId, userId: null }, (tx) => writeConcernSettings(tx, tenantId, DEMO_CONCERN_SETTINGS));
  const sandviken = await ensureSandviken(deps, credentials);
  await tellStory(deps, tenantId, organisationIds, credentials, sandviken, () => deps.onProgress?.(++done, DEMO_SEED_STEPS));
  await markComplete(deps, tenantId, credentials);
  deps.onProgress?.(DEMO_SEED_STEPS, DEMO_SEED_STEPS);
  return { tenantId, outcome: 'created', credentials };
}

/**
 * Creates (when `organisationIds` is given) and signs up every demo user: the shared password, the
 * shared TOTP secret for roles that need a second factor, and exactly one membership.
 */
export async function enrolDemoUsers(
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

/**
 * Tells each chapter not yet told, in order, through one story driver (the app's routes, the demo
 * users signed in), opened only when a chapter needs it and closed (signed out) at the end.
 */
async function tellStory(
  deps: DemoSeedDeps,
  tenantId: string,
  organisationIds: Record<OrganisationType, string>,
  credentials: DemoCredentials,
  sandviken: SandvikenStage,
  afterEach?: () => void,
): Promise<void> {
  const userIds = await demoUserIds(deps.database.db);
  let driver: Promise<StoryDriver> | null = null;
  const context: StoryContext = {
    tenantId,
    sandviken,
    organisationIds,
    userIds,
    database: deps.database,
    blindIndex: deps.blindIndex,
    driver: () =>
      (driver ??= StoryDriver.open(
        { database: deps.database, auth: deps.auth, cipher: deps.cipher, blindIndex: deps.blindIndex, config: deps.config ?? storyConfig(deps.auth), credentials },
        userIds,
        todayInSweden(),
      )),
  };
  try {
    for (const chapter of DEMO_CHAPTERS) {
      if (!(await chapter.isTold(context))) await chapter.tell(context);
      afterEach?.();
    }
  } finally {
    if (driver) await (await (driver as Promise<StoryDriver>)).close();
  }
}

async function demoUserIds(db: Database['db']): Promise<Record<Role, string>> {
  const rows = await db.select({ id: user.id, email: user.email }).from(user).where(inArray(user.email, DEMO_USERS.map(demoEmail)));
  return Object.fromEntries(DEMO_USERS.map((u) => [u.role, rows.find((row) => row.email === demoEmail(u))!.id])) as Record<Role, string>;
}

async function markComplete(deps: DemoSeedDeps, tenantId: string, credentials: DemoCredentials): Promise<void> {
  const [row] = await deps.database.db.select({ settings: tenant.settings }).from(tenant).where(eq(tenant.id, tenantId));
  const chapters = DEMO_CHAPTERS.map((chapter) => chapter.key);
  const settings = { ...((row?.settings ?? {}) as Record<string, unknown>), demo: { complete: true, credentialsFingerprint: credentials.fingerprint, chapters } };
  await deps.database.db.update(tenant).set({ settings }).where(eq(tenant.id, tenantId));
}

/**
 * The configuration the story's routes run under when the caller gives none: the server's public URL as its
 * auth knows it, so the story's exchange messages carry the installation id (installationIdOf) of the server
 * that will serve them. A default URL would give them another id, and the server would treat its own tenants
 * as a remote installation.
 */
function storyConfig(auth: DemoSeedDeps['auth']): Config {
  const publicUrl = auth.options.baseURL;
  return loadConfig(typeof publicUrl === 'string' ? { SAMVERKA_PUBLIC_URL: publicUrl } : {});
}
