import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_KEY_PERSONS } from '../../src/server/modules/demo/story/key-persons';
import { OPERATIONAL_GROUP, STEERING_GROUP } from '../../src/server/modules/demo/story/forums';
import { isValidOrganisationNumber, type Directory } from '../../src/shared/directory';
import type { OrganisationType } from '../../src/shared/organisations';

// The demo's directory (issue 15 §1): key persons recorded by the coordinator through the routes, and
// organisationsnummer for the association and the business that pass the checksum.
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

describe('the demo directory', () => {
  it('lists the key persons for every member, with the association’s and the business’s organisationsnummer', async () => {
    const teacher = await demoMember('skola', 'skolpersonal');
    const read = async () => (await t.app.inject({ method: 'GET', url: '/api/directory', headers: teacher.headers })).json() as Directory;
    const directory = await read();
    const persons = directory.organisations.flatMap((o) => o.keyPersons);
    expect(persons.map((p) => p.name).sort()).toEqual(DEMO_KEY_PERSONS.map((p) => p.name).sort());
    expect(persons.every((p) => p.legalBasis.length > 0)).toBe(true);
    const numbers = directory.organisations.filter((o) => o.organisationNumber !== null);
    expect(numbers.map((o) => o.type).sort()).toEqual(['forening', 'naringsliv']);
    expect(numbers.every((o) => isValidOrganisationNumber(o.organisationNumber!))).toBe(true);
    const police = (await t.app.inject({ method: 'GET', url: '/api/directory?role=kommunpolis', headers: teacher.headers })).json() as Directory;
    expect(police.organisations.flatMap((o) => o.keyPersons.map((p) => p.name))).toEqual(['Peter Kommunpolis (demo)']);
    // Seeding again tells nothing twice.
    await seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
    expect((await read()).organisations.flatMap((o) => o.keyPersons)).toHaveLength(DEMO_KEY_PERSONS.length);
  });

  it('shows the Samverka forums a key person is a member of, found by the forum’s name too, next to those typed by name', async () => {
    const teacher = await demoMember('skola', 'skolpersonal');
    const read = async (query = '') => (await t.app.inject({ method: 'GET', url: `/api/directory${query}`, headers: teacher.headers })).json() as Directory;
    const persons = (await read()).organisations.flatMap((o) => o.keyPersons);
    const byName = (name: string) => persons.find((p) => p.name === name)!;
    expect(byName('Rut Rektor (demo)').memberOf.map((f) => f.name)).toEqual([STEERING_GROUP]);
    expect(byName('Rut Rektor (demo)').forums).toEqual(['Rektorsgruppen i Gävle']);
    expect(byName('Elin Elevhälsa (demo)').memberOf.map((f) => f.name)).toEqual([OPERATIONAL_GROUP]);
    expect(byName('Nora Nyckelperson (demo)').memberOf).toEqual([]);
    const found = await read(`?q=${encodeURIComponent('Operativ grupp (SSPF) Gävle')}`);
    expect(found.organisations.flatMap((o) => o.keyPersons.map((p) => p.name))).toEqual(['Elin Elevhälsa (demo)']);
  });
});
