import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_FIELD_REPORTS } from '../../src/server/modules/demo/story/field-reports';
import type { OrganisationType } from '../../src/shared/organisations';

// The demo's field reports (issue 13 §8), filed through the same route as the phone: visible by
// their visibility, the police's for authorities only.
let t: TestApp;
let tenantId: string;
beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  tenantId = (await seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret })).tenantId;
}, 300_000);
afterAll(async () => t.close());

async function demoMember(type: OrganisationType, role: Parameters<TestApp['member']>[2]): Promise<TestMember> {
  const [row] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
    tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, type))).limit(1),
  );
  const [demoTenant] = await t.database.asOwner((db) => db.select().from(tenant).where(eq(tenant.id, tenantId)));
  return t.member({ id: tenantId, slug: demoTenant!.slug, name: demoTenant!.name }, { id: row!.id, tenantId, type }, role);
}

describe('the demo field reports', () => {
  it('are filed by the field roles, two for the lägesbild, and the police report reaches authorities only', async () => {
    const list = async (member: TestMember) => (await t.app.inject({ method: 'GET', url: '/api/field-reports', headers: member.headers })).json().reports as Array<{ place: { name: string }; forSituationPicture: boolean; visibility: string; observations: string }>;
    const coordinator = await demoMember('annan', 'koordinator');
    const all = await list(coordinator);
    expect(all).toHaveLength(DEMO_FIELD_REPORTS.length);
    expect(all.filter((r) => r.forSituationPicture).map((r) => r.place.name).sort()).toEqual(['Stortorget', 'Sätra centrum']);
    const association = await demoMember('forening', 'foreningsnyckelperson');
    const seen = await list(association);
    expect(seen).toHaveLength(DEMO_FIELD_REPORTS.length - 1);
    expect(seen.some((r) => r.visibility === 'authorities')).toBe(false);
    // A demo text names nobody and holds no personnummer (the route would refuse one).
    expect(all.every((r) => !/\d{6}[-+]?\d{4}/.test(r.observations))).toBe(true);
    // Seeding again tells nothing twice.
    await seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
    expect(await list(coordinator)).toHaveLength(DEMO_FIELD_REPORTS.length);
  });
});
