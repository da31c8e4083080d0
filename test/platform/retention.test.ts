import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { TestApp, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseFactor, concern, consent, consentParty, organisation, person, personNote, retentionRun, sspfCase, sspfSetting, tenant as tenantTable } from '../../src/server/db/schema';
import { openDatabase } from '../../src/server/db/client';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database';
import { runRetention } from '../../src/server/modules/retention/run-retention';
import { runNightlyRetentionIfDue, todaysRunTime } from '../../src/server/modules/retention/nightly';
import { day, insertCase, insertConcern, insertConsent, insertFactor, yearsAgo } from './retention-support';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const inTenant = <T>(tenant: TestTenant, work: Parameters<typeof inContext<T>>[2]) => inContext(t.database.db, { tenantId: tenant.id, userId: null }, work);
const count = async (tenant: TestTenant, table: typeof sspfCase | typeof consent | typeof concern | typeof person | typeof caseFactor | typeof consentParty) =>
  inTenant(tenant, async (tx) => {
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.tenantId, tenant.id));
    return Number(row!.n);
  });
const exists = async (tenant: TestTenant, table: typeof sspfCase | typeof consent | typeof concern | typeof person, id: string) =>
  inTenant(tenant, async (tx) => (await tx.select({ id: table.id }).from(table).where(and(eq(table.tenantId, tenant.id), eq(table.id, id)))).length === 1);
const run = (tenant: TestTenant, dryRun = false, now?: Date) => runRetention(t.database, { tenantId: tenant.id, dryRun, now }).then((r) => r[0]!);

/** The administrator confirms the periods in force: until then nothing is deleted (retention-confirm.test.ts). */
async function confirm(admin: { headers: Record<string, string> }) {
  const response = await t.app.inject({ method: 'POST', url: '/api/retention-settings/confirmation', headers: admin.headers });
  expect(response.statusCode).toBe(200);
}

async function setup() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const admin = await t.member(tenant, social, 'administrator');
  await confirm(admin);
  return { tenant, social, admin };
}

describe('retention (gallring)', () => {
  it('deletes a case closed six years ago with its children, keeps one closed four years ago, and audits counts only', async () => {
    const { tenant, social } = await setup();
    const old = await t.person(tenant);
    const recent = await t.person(tenant);
    const oldCase = await insertCase(t, tenant, { personId: old.id, organisationId: social.id, closedAt: yearsAgo(6) });
    await insertFactor(t, tenant, oldCase, social.id, 'Skolk');
    const recentCase = await insertCase(t, tenant, { personId: recent.id, organisationId: social.id, closedAt: yearsAgo(4) });

    const result = await run(tenant);
    expect(result.counts.case).toBe(1);
    expect(await exists(tenant, sspfCase, oldCase)).toBe(false);
    expect(await exists(tenant, sspfCase, recentCase)).toBe(true);
    expect(await count(tenant, caseFactor)).toBe(0); // cascaded with its case
    // The persons were registered just now: they stay, with nothing left or not.
    expect(await count(tenant, person)).toBe(2);

    const [event] = await t.auditEvents(tenant, 'retention.run');
    expect(event!.actorUserId).toBeNull();
    expect(event!.personId).toBeNull();
    expect(event!.details).toMatchObject({ dryRun: false, counts: { case: 1, concern: 0, consent: 0, person: 0 } });
    expect(JSON.stringify(event!.details)).not.toContain(old.lastName);
    const runs = await inTenant(tenant, (tx) => tx.select().from(retentionRun).where(eq(retentionRun.tenantId, tenant.id)));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.summary).toMatchObject({ case: 1 });
  });

  it('follows a changed setting: at two years the four-year-old case goes too', async () => {
    const { tenant, social, admin } = await setup();
    const child = await t.person(tenant);
    const fourYears = await insertCase(t, tenant, { personId: child.id, organisationId: social.id, closedAt: yearsAgo(4) });
    expect((await run(tenant, true)).counts.case).toBe(0);

    const put = await t.app.inject({ method: 'PUT', url: '/api/retention-settings', headers: admin.headers, payload: { case: 2, concern: 5, consent: 5, person: 5 } });
    expect(put.statusCode).toBe(200);
    expect(put.json().years.case).toBe(2);
    // A changed period must be confirmed again before it deletes anything.
    expect(await run(tenant)).toMatchObject({ refused: true, counts: { case: 0 } });
    expect(await exists(tenant, sspfCase, fourYears)).toBe(true);
    await confirm(admin);
    expect((await run(tenant)).counts.case).toBe(1);
    expect(await exists(tenant, sspfCase, fourYears)).toBe(false);
    expect((await t.auditEvents(tenant, 'retention.settings.update'))[0]!.details).toMatchObject({ before: { case: 5 }, after: { case: 2 } });
  });

  it('validates the settings (1..50 years, every type) and lets only the administrator change them', async () => {
    const { tenant, social, admin } = await setup();
    const got = await t.app.inject({ method: 'GET', url: '/api/retention-settings', headers: admin.headers });
    expect(got.statusCode).toBe(200);
    expect(got.json().years).toEqual({ case: 5, concern: 5, consent: 5, person: 5 });
    for (const bad of [{ case: 0, concern: 5, consent: 5, person: 5 }, { case: 51, concern: 5, consent: 5, person: 5 }, { case: 5, concern: 5, consent: 5 }]) {
      const response = await t.app.inject({ method: 'PUT', url: '/api/retention-settings', headers: admin.headers, payload: bad });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const coordinator = await t.member(tenant, social, 'koordinator');
    const denied = await t.app.inject({ method: 'PUT', url: '/api/retention-settings', headers: coordinator.headers, payload: { case: 1, concern: 1, consent: 1, person: 1 } });
    expect(denied.statusCode).toBe(403);
    expect(await t.auditEvents(tenant, 'retention.settings.update')).toMatchObject([{ outcome: 'denied', actorUserId: coordinator.userId }]);
  });

  it('a dry run deletes nothing and reports the same counts a real run then deletes', async () => {
    const { tenant, social } = await setup();
    const child = await t.person(tenant);
    await insertCase(t, tenant, { personId: child.id, organisationId: social.id, closedAt: yearsAgo(7) });
    await insertConcern(t, tenant, { organisationId: social.id, personId: child.id, closedAt: yearsAgo(6) });
    await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: day(yearsAgo(6)) });
    // Nothing else is left about the child, and the record itself was last changed long ago.
    await inTenant(tenant, (tx) => tx.update(person).set({ updatedAt: yearsAgo(6) }).where(and(eq(person.tenantId, tenant.id), eq(person.id, child.id))));
    await inTenant(tenant, (tx) => tx.insert(personNote).values({ tenantId: tenant.id, personId: child.id, authorUserId: 'x', bodyEncrypted: 'x' }));

    const dry = await run(tenant, true);
    expect(dry.counts).toEqual({ case: 1, concern: 1, consent: 1, consentDocument: 0, person: 1 });
    expect(await count(tenant, sspfCase)).toBe(1);
    expect(await count(tenant, concern)).toBe(1);
    expect(await count(tenant, consent)).toBe(1);
    expect(await count(tenant, person)).toBe(1);

    const real = await run(tenant);
    expect(real.counts).toEqual(dry.counts);
    expect(await count(tenant, sspfCase)).toBe(0);
    expect(await count(tenant, concern)).toBe(0);
    expect(await count(tenant, consent)).toBe(0);
    expect(await count(tenant, consentParty)).toBe(0);
    expect(await count(tenant, person)).toBe(0);
    const events = await t.auditEvents(tenant, 'retention.run');
    expect(events.map((e) => (e.details as { dryRun: boolean }).dryRun)).toEqual([true, false]);
  });

  it('keeps a consent an open case relies on, and a guardian of a child who still has a case', async () => {
    const { tenant, social } = await setup();
    const guardian = await t.person(tenant, { firstName: 'Vera' });
    const child = await t.person(tenant, { guardianIds: [guardian.id] });
    const relied = await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: day(yearsAgo(6)) });
    await insertCase(t, tenant, { personId: child.id, organisationId: social.id, consentId: relied });
    const loose = await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id], validTo: '2030-01-01', withdrawnAt: yearsAgo(6) });
    await inTenant(tenant, (tx) => tx.update(person).set({ updatedAt: yearsAgo(10) }).where(eq(person.tenantId, tenant.id)));

    const result = await run(tenant);
    expect(result.counts).toMatchObject({ consent: 1, person: 0 });
    expect(await exists(tenant, consent, relied)).toBe(true);
    expect(await exists(tenant, consent, loose)).toBe(false);
    expect(await exists(tenant, person, guardian.id)).toBe(true);
  });

  it("touches only its own tenant's rows", async () => {
    const a = await setup();
    const b = await setup();
    const childA = await t.person(a.tenant);
    const childB = await t.person(b.tenant);
    await insertCase(t, a.tenant, { personId: childA.id, organisationId: a.social.id, closedAt: yearsAgo(9) });
    const caseB = await insertCase(t, b.tenant, { personId: childB.id, organisationId: b.social.id, closedAt: yearsAgo(9) });

    const results = await runRetention(t.database, { tenantId: a.tenant.id, dryRun: false });
    expect(results.map((r) => r.tenantId)).toEqual([a.tenant.id]);
    expect(results[0]!.counts.case).toBe(1);
    expect(await exists(b.tenant, sspfCase, caseB)).toBe(true);
    expect(await t.auditEvents(b.tenant, 'retention.run')).toEqual([]);
  });

  it('runs nightly once, after 02:00 Stockholm time', async () => {
    const { tenant, social } = await setup();
    const child = await t.person(tenant);
    await insertCase(t, tenant, { personId: child.id, organisationId: social.id, closedAt: yearsAgo(9) });
    // 2026-01-15: winter time, UTC+1, so 02:00 in Stockholm is 01:00 UTC; in July it is 00:00 UTC.
    expect(todaysRunTime(new Date('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-01-15T01:00:00.000Z');
    expect(todaysRunTime(new Date('2026-07-15T12:00:00Z')).toISOString()).toBe('2026-07-15T00:00:00.000Z');

    const today = todaysRunTime(new Date());
    expect(await runNightlyRetentionIfDue(t.database, new Date(today.getTime() - 60_000), [tenant.id])).toBe(0);
    expect(await runNightlyRetentionIfDue(t.database, new Date(today.getTime() + 60_000), [tenant.id])).toBe(1);
    expect(await runNightlyRetentionIfDue(t.database, new Date(today.getTime() + 3_600_000), [tenant.id])).toBe(0);
    expect(await count(tenant, sspfCase)).toBe(0);
  });
});

/** `samverka retention run` as an operator runs it: a child process on a database of its own. */
describe('samverka retention run', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'samverka-retention-'));
    const url = await createScratchDatabase('retention_cli');
    env = url
      ? {
          DATABASE_URL: url,
          SAMVERKA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
          SAMVERKA_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
          SAMVERKA_AUTH_SECRET: randomBytes(32).toString('base64url'),
        }
      : { SAMVERKA_DATA_DIR: join(dir, 'data') };
  });
  afterAll(async () => {
    await dropScratchDatabases('retention_cli');
    rmSync(dir, { recursive: true, force: true });
  });

  const samverka = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), ...args], {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'silent', SAMVERKA_DEMO: 'false', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      child.stdin.end();
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  /** Writes an old closed case straight into the CLI's database (the CLI is not running: the embedded files are free). */
  async function oldClosedCase(slug: string): Promise<void> {
    const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 } : { kind: 'embedded', dataDir: join(dir, 'data', 'pgdata') }, { migrate: false });
    try {
      const [row] = await database.db.select({ id: tenantTable.id }).from(tenantTable).where(eq(tenantTable.slug, slug));
      const tenantId = row!.id;
      await inContext(database.db, { tenantId, userId: null }, async (tx) => {
        const [org] = await tx.insert(organisation).values({ tenantId, name: 'Socialtjänsten', type: 'socialtjanst', isAuthority: true }).returning();
        const personId = randomUUID();
        await tx.insert(person).values({ tenantId, id: personId, identityNumberEncrypted: 'x', identityNumberIndex: randomUUID(), firstName: 'A', lastName: 'B', birthDate: '2010-01-01' });
        await tx.insert(sspfCase).values({ tenantId, personId, status: 'avslutad', directorUserId: 'x', ownerOrganisationId: org!.id, closedAt: yearsAgo(8) });
      });
    } finally {
      await database.close();
    }
  }

  /** An administrator's confirmation of the periods, written straight into the CLI's database. */
  async function confirmPeriods(slug: string): Promise<void> {
    const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 } : { kind: 'embedded', dataDir: join(dir, 'data', 'pgdata') }, { migrate: false });
    try {
      const [row] = await database.db.select({ id: tenantTable.id }).from(tenantTable).where(eq(tenantTable.slug, slug));
      await inContext(database.db, { tenantId: row!.id, userId: null }, (tx) =>
        tx.insert(sspfSetting).values({ tenantId: row!.id, retentionConfirmedAt: new Date(), retentionConfirmedBy: 'admin' }),
      );
    } finally {
      await database.close();
    }
  }

  it('prints what a dry run would delete per tenant and type, deletes nothing, and refuses an unknown tenant', async () => {
    expect((await samverka(['tenant', 'create', '--slug', 'gallra', '--name', 'Gallringsby'])).status).toBe(0);
    expect((await samverka(['tenant', 'create', '--slug', 'orord', '--name', 'Orörda'])).status).toBe(0);
    await oldClosedCase('gallra');

    const help = await samverka(['retention', 'run', '--help']);
    expect(help.stdout).toContain('Usage: samverka retention run');
    const dry = await samverka(['retention', 'run', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('gallra (Gallringsby): would delete (periods: case 5 y, concern 5 y, consent 5 y, person 5 y)');
    expect(dry.stdout).toMatch(/gallra[^\n]*\n  cases: 1\n/);
    expect(dry.stdout).toMatch(/orord[^\n]*\n  cases: 0\n/);
    expect(dry.stdout).toContain('Dry run: nothing was deleted. 1 records in 2 tenants are due.');

    const again = await samverka(['retention', 'run', '--dry-run', '--tenant', 'gallra']);
    expect(again.stdout).toContain('  cases: 1\n');
    expect(again.stdout).not.toContain('orord');

    // Not confirmed by an administrator: a real run is refused and deletes nothing (the dry runs above still counted).
    const refused = await samverka(['retention', 'run', '--tenant', 'gallra']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Retention for gallra is NOT CONFIRMED');
    const all = await samverka(['retention', 'run']);
    expect(all.status).toBe(1);
    expect(all.stdout).toContain('gallra (Gallringsby): refused.');
    expect(all.stdout).toContain('2 tenants refused: their retention periods are not confirmed.');

    await confirmPeriods('gallra');
    const real = await samverka(['retention', 'run', '--tenant', 'gallra']);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toContain('gallra (Gallringsby): deleted');
    expect(real.stdout).toContain('1 records deleted in 1 tenants.');
    expect((await samverka(['retention', 'run', '--dry-run', '--tenant', 'gallra'])).stdout).toContain('  cases: 0\n');

    const unknown = await samverka(['retention', 'run', '--tenant', 'finns-inte']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No tenant with the slug finns-inte');
  }, 300_000);
});
