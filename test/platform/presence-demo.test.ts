import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { isoWeekOf, localDateOf } from '../../src/shared/stockholm-time';
import type { OrganisationType } from '../../src/shared/organisations';

// The demo's presence plan (issue 13 §8), told through the app's routes: a Friday-night gap at
// Stortorget, and police presence that only authorities see.
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

describe('the demo presence plan', () => {
  it('shows the Friday-night gap at Stortorget, and keeps the police presence from the association', async () => {
    const week = isoWeekOf(localDateOf(new Date()));
    const coordinator = await demoMember('annan', 'koordinator');
    const coverage = (await t.app.inject({ method: 'GET', url: `/api/presence/coverage?week=${week}`, headers: coordinator.headers })).json();
    const torget = coverage.places.find((p: { name: string }) => p.name === 'Stortorget');
    expect(torget.gaps.map((g: { text: string }) => g.text)).toContain('Fredag 20–24, Stortorget: ingen planerad närvaro, många unga');
    const centrum = coverage.areas.find((a: { name: string }) => a.name === 'Centrum');
    expect(centrum.gaps.some((g: { weekday: number; fromHour: number }) => g.weekday === 5 && g.fromHour <= 20)).toBe(true);

    const police = (entries: { staffRole: string }[]) => entries.filter((entry) => entry.staffRole === 'omradespolis');
    const list = (member: TestMember) => t.app.inject({ method: 'GET', url: '/api/presence', headers: member.headers }).then((r) => r.json().entries);
    expect(police(await list(coordinator))).toHaveLength(1);
    const association = await demoMember('forening', 'foreningsnyckelperson');
    expect(police(await list(association))).toHaveLength(0);
    const week2 = (await t.app.inject({ method: 'GET', url: `/api/presence/week?week=${week}`, headers: association.headers })).json();
    expect(JSON.stringify(week2)).not.toContain('omradespolis');
    expect(JSON.stringify(week2)).toContain('nattvandrare');
  });
});
