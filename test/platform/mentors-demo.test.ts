import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { mentorMatch, mentorMeeting, organisation, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import type { MentorList } from '../../src/shared/mentors';

// The demo's mentor programme (issue 15 §5): Mona (valid check, her own account) matched to Alex's
// mentorskap action with two logged meetings; Erik, whose check was made thirteen months ago, expired.
let t: TestApp;
let tenantId: string;
const seed = () => seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  tenantId = (await seed()).tenantId;
}, 300_000);
afterAll(async () => t.close());

async function demoCoordinator(): Promise<TestMember> {
  const [row] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
    tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, 'socialtjanst'))).limit(1),
  );
  const [demoTenant] = await t.database.asOwner((db) => db.select().from(tenant).where(eq(tenant.id, tenantId)));
  return t.member({ id: tenantId, slug: demoTenant!.slug, name: demoTenant!.name }, { id: row!.id, tenantId, type: 'socialtjanst' }, 'koordinator');
}

describe('the demo mentors', () => {
  it('has a valid mentor matched to Alex with two meetings, and one whose check has expired; seeding again adds nothing', async () => {
    const coordinator = await demoCoordinator();
    const read = async () => (await t.app.inject({ method: 'GET', url: '/api/mentors', headers: coordinator.headers })).json() as MentorList;
    const list = await read();
    expect(list.mentors.map((m) => [m.name, m.vettingStatus, m.matchCount])).toEqual([
      ['Erik Exempel (demo)', 'utgangen', 0],
      ['Mona Mentor (demo)', 'giltig', 1],
    ]);
    const matches = await t.database.asOwner((db) => db.select().from(mentorMatch).where(eq(mentorMatch.tenantId, tenantId)));
    expect(matches).toHaveLength(1);
    const meetings = await t.database.asOwner((db) => db.select().from(mentorMeeting).where(eq(mentorMeeting.tenantId, tenantId)));
    expect(meetings).toHaveLength(2);
    expect(meetings.every((m) => !m.noteEncrypted.includes('Alex'))).toBe(true);

    await seed();
    expect((await read()).mentors).toHaveLength(2);
  });
});
