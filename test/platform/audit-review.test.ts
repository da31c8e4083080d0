import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestMember } from '../factories';

// Loggkontroll: the access-log reviewer searches, pages, exports and reviews one person's history.

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...member.headers, ...headers } });

/** A tenant where an officer and a teacher have read two children, one read denied. */
async function reviewedTenant() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten Väst' });
  const school = await t.organisation(tenant, 'skola', { name: 'Åsskolan' });
  const officer = await t.member(tenant, social, 'handlaggare');
  const teacher = await t.member(tenant, school, 'skolpersonal');
  const reviewer = await t.member(tenant, await t.organisation(tenant, 'annan', { name: 'Kommunledningen' }), 'loggranskare');
  const pupil = await t.person(tenant, { firstName: 'Vera', lastName: 'Holm', schoolId: school.id });
  const other = await t.person(tenant, { firstName: 'Otto', lastName: 'Sund' });
  const evilAgent = '=HYPERLINK("http://example.invalid";"klicka"); Mozilla';
  await get(officer, `/api/persons/${pupil.id}`, { 'user-agent': evilAgent });
  await get(teacher, `/api/persons/${pupil.id}`);
  await get(officer, `/api/persons/${other.id}`);
  await get(teacher, `/api/persons/${other.id}`); // denied: not a pupil of the school
  return { tenant, social, school, officer, teacher, reviewer, pupil, other, evilAgent };
}

describe('searching the access log', () => {
  it('lists events newest first with the names a reviewer needs', async () => {
    const w = await reviewedTenant();
    const response = await get(w.reviewer, '/api/audit-log/events');
    expect(response.statusCode).toBe(200);
    const { events, nextCursor } = response.json();
    expect(nextCursor).toBeNull();
    expect(events.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toEqual([
      'person.read:denied',
      'person.read:allowed',
      'person.read:allowed',
      'person.read:allowed',
    ]);
    expect(events[3]).toMatchObject({
      actor: { userId: w.officer.userId, name: 'Test handlaggare', email: w.officer.email },
      organisation: { id: w.social.id, name: 'Socialtjänsten Väst' },
      role: 'handlaggare',
      resourceType: 'person',
      person: { id: w.pupil.id, name: 'Vera Holm' },
      legalBasis: null,
      outcome: 'allowed',
      userAgent: w.evilAgent,
    });
    expect(events[0]).toMatchObject({ actor: { userId: w.teacher.userId }, organisation: { name: 'Åsskolan' }, person: { name: 'Otto Sund' }, outcome: 'denied' });
  });

  it('filters by user, person, organisation, action, outcome and time', async () => {
    const w = await reviewedTenant();
    const count = async (query: string) => {
      const response = await get(w.reviewer, `/api/audit-log/events?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().events.length;
    };
    expect(await count(`userId=${w.teacher.userId}`)).toBe(2);
    expect(await count(`personId=${w.pupil.id}`)).toBe(2);
    expect(await count(`organisationId=${w.social.id}`)).toBe(2);
    expect(await count(`outcome=denied`)).toBe(1);
    expect(await count(`action=person.read&outcome=allowed&userId=${w.officer.userId}`)).toBe(2);
    expect(await count(`action=person.update`)).toBe(0);
    const reads = await t.auditEvents(w.tenant, 'person.read');
    const from = encodeURIComponent(reads[1]!.occurredAt.toISOString());
    const to = encodeURIComponent(new Date(reads[3]!.occurredAt.getTime()).toISOString());
    // from inclusive, to exclusive
    expect(await count(`action=person.read&from=${from}&to=${to}`)).toBe(reads.filter((e) => e.occurredAt >= reads[1]!.occurredAt && e.occurredAt < reads[3]!.occurredAt).length);
    const backwards = await get(w.reviewer, `/api/audit-log/events?from=${to}&to=${from}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.to).toBeDefined();
  });

  it('pages with a cursor through every event exactly once', async () => {
    const w = await reviewedTenant();
    const seen: string[] = [];
    let url = '/api/audit-log/events?action=person.read&limit=3';
    for (let page = 0; page < 5; page += 1) {
      const body = (await get(w.reviewer, url)).json();
      seen.push(...body.events.map((e: { id: string }) => e.id));
      if (!body.nextCursor) break;
      url = `/api/audit-log/events?action=person.read&limit=3&cursor=${body.nextCursor}`;
    }
    const all = await t.auditEvents(w.tenant, 'person.read');
    expect(seen).toEqual(all.map((e) => e.id).reverse());
    const bad = await get(w.reviewer, '/api/audit-log/events?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.cursor).toMatch(/Sidmarkören/);
  });

  it('audits each search, with the personId when the search was about a person', async () => {
    const w = await reviewedTenant();
    await get(w.reviewer, '/api/audit-log/events?outcome=denied');
    await get(w.reviewer, `/api/audit-log/events?personId=${w.pupil.id}`);
    const searches = await t.auditEvents(w.tenant, 'audit_log.search');
    expect(searches.map((e) => [e.actorRole, e.personId, e.details])).toEqual([
      ['loggranskare', null, { filters: { outcome: 'denied' }, page: 'first', count: 1 }],
      ['loggranskare', w.pupil.id, { filters: { personId: w.pupil.id }, page: 'first', count: 2 }],
    ]);
  });

  it('is for the reviewer only, and only within their own tenant', async () => {
    const w = await reviewedTenant();
    const other = await reviewedTenant();
    const admin = await t.member(w.tenant, w.social, 'administrator');
    for (const member of [admin, w.officer]) {
      for (const url of ['/api/audit-log/events', '/api/audit-log/export', `/api/audit-log/persons/${w.pupil.id}/events`, '/api/audit-log/verification']) {
        expect((await get(member, url)).statusCode, url).toBe(403);
      }
    }
    const denied = (await t.auditEvents(w.tenant)).filter((e) => e.action.startsWith('audit_log.'));
    expect(denied).toHaveLength(8);
    expect(denied.every((e) => e.outcome === 'denied')).toBe(true);

    const foreign = await get(w.reviewer, `/api/audit-log/events?personId=${other.pupil.id}`);
    expect(foreign.json().events).toEqual([]);
    const history = await get(w.reviewer, `/api/audit-log/persons/${other.pupil.id}/events`);
    // Only our own review of that id (the search just made) is there: nothing of the other tenant.
    expect(history.json().person).toBeNull();
    expect(history.json().events.map((e: { action: string; actor: { userId: string } }) => [e.action, e.actor.userId])).toEqual([['audit_log.search', w.reviewer.userId]]);
  });
});

describe("a person's access history", () => {
  it('answers who has read about the child, and records the review in that history', async () => {
    const w = await reviewedTenant();
    const first = await get(w.reviewer, `/api/audit-log/persons/${w.other.id}/events`);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.person).toEqual({ id: w.other.id, firstName: 'Otto', lastName: 'Sund', birthDate: expect.any(String) });
    expect(body.events.map((e: { actor: { userId: string }; outcome: string }) => [e.actor.userId, e.outcome])).toEqual([
      [w.teacher.userId, 'denied'],
      [w.officer.userId, 'allowed'],
    ]);
    const second = (await get(w.reviewer, `/api/audit-log/persons/${w.other.id}/events?limit=1`)).json();
    expect(second.events[0]).toMatchObject({ action: 'audit_log.person_history', role: 'loggranskare', person: { id: w.other.id } });
    expect(second.nextCursor).not.toBeNull();
  });
});

describe('CSV export', () => {
  it('exports a search as UTF-8 CSV with BOM, escaped for Excel, and audits the export', async () => {
    const w = await reviewedTenant();
    const response = await get(w.reviewer, `/api/audit-log/export?action=person.read`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="loggkontroll-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers['x-samverka-truncated']).toBe('false');
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines[0]).toMatch(/^Tidpunkt \(svensk tid\);Användare;E-post;Organisation;Roll;Händelse;/);
    expect(lines[4]).toContain(';Socialtjänsten Väst;Socialsekreterare (handläggare);Läste person;person.read;');
    expect(lines[4]).toContain(';Vera Holm;');
    // The user agent holds a separator, quotes and a formula: quoted, quotes doubled, formula defused.
    expect(lines[4]).toContain(`;"'=HYPERLINK(""http://example.invalid"";""klicka""); Mozilla";`);
    expect(lines[1]).toContain(';Nekad;');

    const english = await get(w.reviewer, `/api/audit-log/export?action=person.read&separator=comma`, { 'accept-language': 'en' });
    const englishLines = english.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(englishLines[0]).toMatch(/^Time \(Swedish time\),User,E-mail,Organisation,Role,Event,/);
    expect(englishLines[4]).toContain(`,"'=HYPERLINK(""http://example.invalid"";""klicka""); Mozilla",`);

    const exports = await t.auditEvents(w.tenant, 'audit_log.export');
    expect(exports.map((e) => e.details)).toEqual([
      { filters: { action: 'person.read' }, rows: 4, truncated: false },
      { filters: { action: 'person.read' }, rows: 4, truncated: false },
    ]);
  });
});
