import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_TENANT } from '../../src/server/modules/demo/demo-data';
import type { OfferList, PublicOfferList } from '../../src/shared/offers';
import { comingSummer } from '../../src/server/modules/demo/story/offers';

// The demo's insatskatalog (issue 15 §3): offers from the association, BVC, the business and the
// municipality's youth centre, added by their own staff through the routes; most of them public.
let t: TestApp;
let tenantId: string;
beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  tenantId = (await seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret })).tenantId;
}, 300_000);
afterAll(async () => t.close());

async function demoCoordinator(): Promise<TestMember> {
  const [row] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
    tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, 'socialtjanst'))).limit(1),
  );
  const [demoTenant] = await t.database.asOwner((db) => db.select().from(tenant).where(eq(tenant.id, tenantId)));
  return t.member({ id: tenantId, slug: demoTenant!.slug, name: demoTenant!.name }, { id: row!.id, tenantId, type: 'socialtjanst' }, 'koordinator');
}

describe('the demo offers', () => {
  it('has offers from four kinds of provider; the public page shows the public ones without naming anyone', async () => {
    const coordinator = await demoCoordinator();
    const read = async () => (await t.app.inject({ method: 'GET', url: '/api/offers', headers: coordinator.headers })).json() as OfferList;
    const list = await read();
    expect(new Set(list.offers.map((o) => o.providerName))).toEqual(new Set(['IK Demo Fotboll', 'BVC Demo (Region Gävleborg, demo)', 'Demobageriet AB', 'Fritidsgården Demo']));
    expect(list.offers.find((o) => o.kind === 'utokade_hembesok')).toMatchObject({ public: false, hasRoom: false });
    expect(list.offers.find((o) => o.kind === 'mentorskap')).toMatchObject({ hasRoom: true, capacity: 8, taken: 6 });

    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${DEMO_TENANT.slug}/offers` });
    const publicList = response.json() as PublicOfferList;
    expect(publicList.total).toBe(list.offers.filter((o) => o.public).length);
    expect(publicList.offers.map((o) => o.kind)).not.toContain('utokade_hembesok');
    for (const name of list.offers.flatMap((o) => (o.contactPerson ? [o.contactPerson] : []))) expect(response.body).not.toContain(name);
    // The youth centre's open evening is found on a Friday for a 15-year-old.
    const friday = (await t.app.inject({ method: 'GET', url: `/api/public/tenants/${DEMO_TENANT.slug}/offers?weekday=5&age=15` })).json() as PublicOfferList;
    expect(friday.offers.map((o) => o.title)).toContain('Öppen kväll på fritidsgården');

    // The bakery's summer jobs have the coming summer as their period, on the public page too.
    const bakery = list.offers.find((o) => o.title === 'Feriejobb i bageriet');
    expect(bakery).toMatchObject({ availableFrom: expect.stringMatching(/^\d{4}-06-15$/), availableUntil: expect.stringMatching(/^\d{4}-08-14$/), ended: false });
    expect(bakery!.availableFrom!.slice(0, 4)).toBe(bakery!.availableUntil!.slice(0, 4));
    expect(publicList.offers.find((o) => o.title === 'Feriejobb i bageriet')).toMatchObject({ availableFrom: bakery!.availableFrom, availableUntil: bakery!.availableUntil });
    expect(comingSummer('2026-12-07')).toEqual({ availableFrom: '2027-06-15', availableUntil: '2027-08-14' });
    expect(comingSummer('2027-07-01')).toEqual({ availableFrom: '2027-06-15', availableUntil: '2027-08-14' });
    expect(comingSummer('2027-08-15')).toEqual({ availableFrom: '2028-06-15', availableUntil: '2028-08-14' });

    // Seeding again tells nothing twice.
    await seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
    expect((await read()).offers).toHaveLength(list.offers.length);
  });
});
