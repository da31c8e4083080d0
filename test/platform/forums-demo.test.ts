import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation, tenant } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { OPERATIONAL_GROUP, STEERING_GROUP } from '../../src/server/modules/demo/story/forums';
import { sendDueReminders } from '../../src/server/modules/reminders/send-reminders';
import type { Forum, ForumList, Meeting } from '../../src/shared/forums';
import { allNotifications } from './notifications-support';

// The demo's forums (issue 15 §2): a styrgrupp and an operativ grupp, two meetings each, told through
// the routes by the coordinator, with the minutes approved by the named justerare.
let t: TestApp;
let tenantId: string;
const seed = () => seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  tenantId = (await seed()).tenantId;
}, 300_000);
afterAll(async () => t.close());

/** A second coordinator of the municipality: a manager of forums, on no case team. */
async function otherCoordinator(): Promise<TestMember> {
  const [row] = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
    tx.select({ id: organisation.id }).from(organisation).where(and(eq(organisation.tenantId, tenantId), eq(organisation.type, 'annan'))).limit(1),
  );
  const [demoTenant] = await t.database.asOwner((db) => db.select().from(tenant).where(eq(tenant.id, tenantId)));
  return t.member({ id: tenantId, slug: demoTenant!.slug, name: demoTenant!.name }, { id: row!.id, tenantId, type: 'annan' }, 'koordinator');
}

describe('the demo forums', () => {
  it('has a styrgrupp and an operativ grupp with an approved and a recent meeting each, open and overdue decisions, and Alex’s case by reference only', async () => {
    const reader = await otherCoordinator();
    const get = async <T>(url: string) => (await t.app.inject({ method: 'GET', url, headers: reader.headers })).json() as T;
    const list = await get<ForumList>('/api/forums');
    expect(list.forums.map((f) => [f.name, f.type])).toEqual([
      [OPERATIONAL_GROUP, 'operativ_grupp'],
      [STEERING_GROUP, 'styrgrupp'],
    ]);
    for (const summary of list.forums) {
      const forum = await get<Forum>(`/api/forums/${summary.id}`);
      expect(forum.meetings).toHaveLength(2);
      expect(forum.meetings.map((m) => m.approved)).toEqual([false, true]); // newest first: the recent one waits
      expect(forum.openDecisions.some((d) => d.overdue)).toBe(true);
      const [recent, past] = forum.meetings;
      const first = await get<Meeting>(`/api/forums/${forum.id}/meetings/${past!.id}`);
      expect(first.approvedByName).toMatch(/\(demo\)$/);
      const second = await get<Meeting>(`/api/forums/${forum.id}/meetings/${recent!.id}`);
      expect(second.followUp.length).toBeGreaterThan(0);
      if (forum.type === 'operativ_grupp') {
        const item = first.agenda.find((i) => i.link?.kind === 'sspf_case')!;
        // This coordinator is on no case team: the reference, nothing behind it.
        expect(item.link).toMatchObject({ visible: false, href: null });
        expect(item.link!.label).toMatch(/^SSPF-[0-9A-F]{8}$/);
        expect(new Date(recent!.startsAt).getTime()).toBeGreaterThan(Date.now());
      } else {
        expect(first.agenda.map((i) => i.link?.kind)).toEqual(['lagesbild_week', 'place_action', 'offer', 'offer']);
        expect(first.agenda.every((i) => i.link!.label !== '')).toBe(true);
        expect(first.decisions.map((d) => d.status).sort()).toEqual(['done', 'in_progress', 'open']);
      }
    }
    // The overdue decisions remind once: the fritidsledare (owner) and the chair (the housing company's has no account).
    expect(await sendDueReminders(t.database, new Date(), [tenantId])).toBeGreaterThanOrEqual(2);
    expect((await allNotifications(t, { id: tenantId } as never)).filter((n) => n.kind === 'forum.decision_overdue')).toHaveLength(2);

    // Seeding again tells nothing twice.
    await seed();
    expect((await get<ForumList>('/api/forums')).forums).toHaveLength(2);
  });
});
