import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseMember, sspfCase } from '../../src/server/db/schema';
import { CASE_PAGE_SIZE_DEFAULT, encodeCaseListCursor, type CaseSummary } from '../../src/shared/cases';
import { giveConsent, openCase, youngPerson } from './cases-support';

/**
 * The case list reads a page at a time (issue 12 §3): a keyset cursor over (updated_at desc, id desc),
 * the page cut in SQL before the per-case work, and one audit event per person shown on the page.
 */

let t: TestApp;
let tenant: TestTenant;
let coordinator: TestMember;
let teacher: TestMember;
/** The coordinator's cases in the order the list must give them (newest change first, then id desc). */
let expected: { id: string; personId: string }[] = [];
/** The one case the teacher sees something of. */
let teachersCase = '';

interface Page {
  cases: CaseSummary[];
  nextCursor: string | null;
}

/**
 * When each case last changed, set directly so the order is known. Two cases share one instant (the
 * id decides), and two differ by microseconds within one millisecond, straddling a page boundary at
 * limit 3: a cursor cut to the millisecond would skip the second.
 */
const UPDATED_AT = [
  '2026-03-01T10:00:00.000000Z',
  '2026-03-01T09:00:00.000000Z',
  '2026-03-01T08:00:00.123456Z',
  '2026-03-01T08:00:00.123400Z',
  '2026-03-01T07:00:00.000000Z',
  '2026-03-01T06:00:00.000000Z',
  '2026-03-01T06:00:00.000000Z',
];

beforeAll(async () => {
  t = await TestApp.start();
  tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const school = await t.organisation(tenant, 'skola');
  coordinator = await t.member(tenant, social, 'koordinator');
  teacher = await t.member(tenant, school, 'skolpersonal');
  const opened: { id: string; personId: string }[] = [];
  for (let i = 0; i < UPDATED_AT.length; i += 1) {
    const person = await youngPerson(t, tenant);
    const response = await openCase(t, coordinator, { personId: person.id });
    expect(response.statusCode, response.body).toBe(201);
    opened.push({ id: response.json().id as string, personId: person.id });
    // The teacher sits on every team, but only the last case's consent names the school.
    if (i === UPDATED_AT.length - 1) await giveConsent(t, coordinator, person, { organisationIds: [social.id, school.id], categories: ['skola'] });
  }
  teachersCase = opened.at(-1)!.id;
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    for (const [i, c] of opened.entries()) {
      await tx.update(sspfCase).set({ updatedAt: sql`${UPDATED_AT[i]}::timestamptz` }).where(and(eq(sspfCase.tenantId, tenant.id), eq(sspfCase.id, c.id)));
      await tx.insert(caseMember).values({ tenantId: tenant.id, caseId: c.id, userId: teacher.userId, organisationId: school.id, caseRole: 'klassföreståndare', addedBy: coordinator.userId });
    }
  });
  // Newest change first; at the same instant the greater id first (uuid order is the order of its lowercase hex).
  expected = opened
    .map((c, i) => ({ ...c, at: UPDATED_AT[i]! }))
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
    .map(({ id, personId }) => ({ id, personId }));
}, 120_000);
afterAll(async () => t?.close());

async function page(member: TestMember, query: string): Promise<Page> {
  const response = await t.app.inject({ method: 'GET', url: `/api/cases?${query}`, headers: member.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

/** Walks the list to its end, at most `guard` pages; returns every page. */
async function walk(member: TestMember, limit: number, guard = 20): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const next: Page = await page(member, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages.push(next);
    cursor = next.nextCursor;
  } while (cursor && pages.length < guard);
  return pages;
}

describe('paging the case list', () => {
  it('page 1 has a next cursor, page 2 continues without duplicates or gaps, the last page ends the list', async () => {
    const pages = await walk(coordinator, 3);
    expect(pages.map((p) => p.cases.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true]);
    const ids = pages.flatMap((p) => p.cases.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.map((c) => c.id));
  });

  it.each([1, 2, 4, 7])('any page size walks the same order (limit %i)', async (limit) => {
    const pages = await walk(coordinator, limit);
    expect(pages.flatMap((p) => p.cases.map((c) => c.id))).toEqual(expected.map((c) => c.id));
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(pages.slice(0, -1).every((p) => p.cases.length === limit && p.nextCursor !== null)).toBe(true);
  });

  it('without a limit a page holds up to 50; a page that holds the rest says there is no more', async () => {
    expect(CASE_PAGE_SIZE_DEFAULT).toBe(50);
    const all = await page(coordinator, '');
    expect(all.cases.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(all.nextCursor).toBeNull();
  });

  it('a case the viewer sees nothing of leaves its page short, never ends the list early', async () => {
    // The teacher is on all seven teams and sees one case, among the last two: the pages before it are empty, yet go on.
    const pages = await walk(teacher, 2);
    const chunks = [expected.slice(0, 2), expected.slice(2, 4), expected.slice(4, 6), expected.slice(6)];
    expect(pages.map((p) => p.cases.map((c) => c.id))).toEqual(chunks.map((chunk) => chunk.filter((c) => c.id === teachersCase).map((c) => c.id)));
    expect(pages.slice(0, 2).every((p) => p.cases.length === 0)).toBe(true);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, false, true]);
  });

  it('each page appends one list event and one event per person shown, and the log reviewer finds them', async () => {
    const before = new Set((await t.auditEvents(tenant, 'case.list')).map((e) => e.id));
    const first = await page(coordinator, 'limit=3');
    const afterFirst = (await t.auditEvents(tenant, 'case.list')).filter((e) => !before.has(e.id));
    const ofPerson = afterFirst.filter((e) => e.personId !== null);
    expect(ofPerson.map((e) => e.personId).sort()).toEqual(first.cases.map((c) => c.personId).sort());
    expect(ofPerson.map((e) => e.resourceId).sort()).toEqual(first.cases.map((c) => c.id).sort());
    const listed = afterFirst.filter((e) => e.personId === null);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.details).toEqual({ count: 3, caseIds: first.cases.map((c) => c.id) });

    const seen = new Set(afterFirst.map((e) => e.id));
    const second = await page(coordinator, `limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`);
    const afterSecond = (await t.auditEvents(tenant, 'case.list')).filter((e) => !before.has(e.id) && !seen.has(e.id));
    expect(afterSecond.filter((e) => e.personId !== null).map((e) => e.personId).sort()).toEqual(second.cases.map((c) => c.personId).sort());
    expect(afterSecond.filter((e) => e.personId === null).map((e) => e.details)).toEqual([{ count: 3, caseIds: second.cases.map((c) => c.id) }]);

    // "Who has read about this child?": the person first shown on page 2 was read by the coordinator in a list.
    const reviewer = await t.member(tenant, await t.organisation(tenant, 'annan', { name: 'Kommunledningen' }), 'loggranskare');
    const personId = second.cases[0]!.personId;
    const history = await t.app.inject({ method: 'GET', url: `/api/audit-log/persons/${personId}/events`, headers: reviewer.headers });
    expect(history.statusCode, history.body).toBe(200);
    const events = history.json().events as { action: string; actor: { userId: string } | null }[];
    expect(events.some((e) => e.action === 'case.list' && e.actor?.userId === coordinator.userId)).toBe(true);
  });

  it('refuses a cursor it did not write and a limit outside 1..200 with a 400 on the field, before reading anything', async () => {
    const before = (await t.auditEvents(tenant, 'case.list')).length;
    const valid = (await page(coordinator, 'limit=3')).nextCursor!;
    const tampered = [
      'garbage!',
      'bm90LWpzb24',
      Buffer.from(JSON.stringify({ updatedAt: 'yesterday', id: expected[0]!.id })).toString('base64url'),
      Buffer.from(JSON.stringify({ updatedAt: UPDATED_AT[0], id: 'not-a-uuid' })).toString('base64url'),
      Buffer.from(JSON.stringify({ updatedAt: UPDATED_AT[0], id: expected[0]!.id, extra: 1 })).toString('base64url'),
      `${valid.slice(0, -4)}%24%24`,
      'A'.repeat(201),
    ];
    for (const cursor of tampered) {
      const response = await t.app.inject({ method: 'GET', url: `/api/cases?cursor=${cursor}`, headers: coordinator.headers });
      expect(response.statusCode, `${cursor}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.fields.cursor, cursor).toMatch(/\S/);
    }
    for (const limit of ['201', '0', '-1', 'many', '1.5']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/cases?limit=${limit}`, headers: coordinator.headers });
      expect(response.statusCode, `${limit}: ${response.body}`).toBe(400);
      expect(response.json().error.fields.limit, limit).toMatch(/\S/);
    }
    expect((await page(coordinator, 'limit=200')).cases).toHaveLength(expected.length);
    // The valid page read wrote 1 + 3 events, the 200 page 1 + 7; the refusals none.
    expect((await t.auditEvents(tenant, 'case.list')).length - before).toBe(4 + 1 + expected.length);
  });

  it('a well-formed cursor of the server\'s own making continues after the position it names', async () => {
    // The cursor is opaque to clients, but it is only a position: after the third case comes the fourth.
    const third = expected[2]!;
    const cursor = encodeCaseListCursor({ updatedAt: UPDATED_AT[2]!, id: third.id });
    const rest = await page(coordinator, `cursor=${cursor}`);
    expect(rest.cases.map((c) => c.id)).toEqual(expected.slice(3).map((c) => c.id));
  });
});
