import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation, tenant } from '../../src/server/db/schema';
import type { OrganisationType } from '../../src/shared/organisations';
import type { Role } from '../../src/shared/roles';
import type { ReferralList } from '../../src/shared/referrals';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';

// The demo's referrals (issue 15 §4, §6, §7): Alex's plan refers to the mentor programme and a summer
// job; the bakery accepted; BVC referred a mother to ABC without a case. Told through the routes.
let t: TestApp;
let tenantId: string;
const seed = () => seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  tenantId = (await seed()).tenantId;
}, 300_000);
afterAll(async () => t.close());

async function demoMember(type: OrganisationType, role: Role): Promise<TestMember> {
  const [row] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
    tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, type))).limit(1),
  );
  const [demoTenant] = await t.database.asOwner((db) => db.select().from(tenant).where(eq(tenant.id, tenantId)));
  return t.member({ id: tenantId, slug: demoTenant!.slug, name: demoTenant!.name }, { id: row!.id, tenantId, type }, role);
}
const inbox = async (member: TestMember, box = 'inkommande') => (await t.app.inject({ method: 'GET', url: `/api/referrals?box=${box}`, headers: member.headers })).json() as ReferralList;

describe('the demo referrals', () => {
  it('the association accepted Alex’s mentor referral, the bakery accepted the summer job seeing only an age band, BVC referred a parent without a case', async () => {
    const club = await inbox(await demoMember('forening', 'foreningsnyckelperson'));
    expect(club.referrals).toHaveLength(1);
    expect(club.referrals[0]).toMatchObject({ offerTitle: 'Mentorprogrammet i IK Demo Fotboll', status: 'accepterad', person: { firstName: 'Alex' } });
    const bakery = await inbox(await demoMember('naringsliv', 'naringsidkare'));
    expect(bakery.referrals[0]).toMatchObject({ offerTitle: 'Feriejobb i bageriet', status: 'accepterad', person: { firstName: null } });
    const bvc = await demoMember('halso_sjukvard', 'mvc_bvc');
    expect((await inbox(bvc, 'skickade')).referrals[0]).toMatchObject({ subject: 'foralder', caseId: null, parentConsent: { method: 'muntligt' } });
    await seed();
    expect((await inbox(await demoMember('forening', 'foreningsnyckelperson'))).referrals).toHaveLength(1);
  });
});
