import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestApp, type TestMember, type TestPerson, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseMember, concern, concernEvent, sspfCase } from '../../src/server/db/schema';
import { appendAuditEvents, type AuditEntry } from '../../src/server/audit/append';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import type { Attention } from '../../src/shared/attention';
import type { LogReview, LogReviewFlag, LogReviewFlagKind, LogReviewSettings } from '../../src/shared/log-review';

// The log reviewer's systematic review (issue 11 §2): each flag from constructed events, its threshold,
// marking reviewed, and who may see and mark.

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const TZ = 'Europe/Stockholm';
const dateIn = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The instant of a wall-clock time in Stockholm, `daysAgo` days before today there. */
function stockholm(daysAgo: number, hour: number, minute = 0): Date {
  const [y, m, d] = dateIn(new Date()).split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d - daysAgo, hour, minute);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(guess))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (wall - guess));
}

/** Appends events as `userId` at a chosen time, through the real append (so the chains stay valid): only Date is faked. */
async function appendAt(tenant: TestTenant, userId: string | null, at: Date, entries: AuditEntry[]): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      appendAuditEvents(tx, { tenantId: tenant.id, userId, organisationId: null, role: 'handlaggare', ip: null, userAgent: null }, entries),
    );
  } finally {
    vi.useRealTimers();
  }
}

const readOf = (person: { id: string }, outcome: AuditEntry['outcome'] = 'allowed'): AuditEntry => ({ action: 'person.read', resourceType: 'person', resourceId: person.id, personId: person.id, outcome });

async function account(name: string): Promise<string> {
  const created = await createUserAccount(t.database.db, t.auth, { email: `${randomUUID().slice(0, 8)}@test.samverka.se`, name });
  return created.id;
}

async function world() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const reviewer = await t.member(tenant, await t.organisation(tenant, 'annan', { name: 'Kommunledningen' }), 'loggranskare');
  return { tenant, social, reviewer };
}

async function review(member: TestMember): Promise<LogReview> {
  const response = await t.app.inject({ method: 'GET', url: '/api/audit-log/review', headers: member.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as LogReview;
}

const ofKind = (flags: LogReviewFlag[], kind: LogReviewFlagKind) => flags.filter((flag) => flag.kind === kind);

async function setThresholds(member: TestMember, settings: Partial<LogReviewSettings>) {
  const current = (await review(member)).settings;
  return t.app.inject({ method: 'PUT', url: '/api/audit-log/review/settings', headers: member.headers, payload: { ...current, ...settings } });
}

const mark = (member: TestMember, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/audit-log/review/marks', headers: member.headers, payload });

async function caseTeam(tenant: TestTenant, orgId: string, person: TestPerson, directorUserId: string, members: { userId: string; removedAt?: Date }[]) {
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx.insert(sspfCase).values({ tenantId: tenant.id, personId: person.id, directorUserId, ownerOrganisationId: orgId }).returning({ id: sspfCase.id });
    for (const member of members) {
      await tx.insert(caseMember).values({ tenantId: tenant.id, caseId: row!.id, userId: member.userId, organisationId: orgId, caseRole: 'mentor', addedBy: directorUserId, removedAt: member.removedAt ?? null });
    }
  });
}

async function handledConcern(tenant: TestTenant, orgId: string, person: TestPerson, assignedUserId: string, stepBy: string) {
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(concern)
      .values({ tenantId: tenant.id, kind: 'person', receiptHash: `h-${randomUUID()}`, receivingOrganisationId: orgId, descriptionEncrypted: 'x', personId: person.id, assignedUserId })
      .returning({ id: concern.id });
    await tx.insert(concernEvent).values({ tenantId: tenant.id, concernId: row!.id, type: 'assessed', actorUserId: stepBy });
  });
}

describe('access outside the case', () => {
  it('flags a read by someone neither on the team nor handling the concern; not the team, the director or the handlers', async () => {
    const w = await world();
    const child = await t.person(w.tenant, { firstName: 'Alva', lastName: 'Berg' });
    const [director, member, assignee, assessor, outsider, removed] = await Promise.all(
      ['Diana Direktör', 'Mats Medlem', 'Hanna Handläggare', 'Mona Mottagning', 'Olle Utanför', 'Rut Borttagen'].map(account),
    );
    await caseTeam(w.tenant, w.social.id, child, director!, [{ userId: member! }, { userId: removed!, removedAt: stockholm(3, 9) }]);
    await handledConcern(w.tenant, w.social.id, child, assignee!, assessor!);
    const at = stockholm(2, 10);
    for (const userId of [director, member, assignee, assessor, outsider, removed]) await appendAt(w.tenant, userId!, at, [readOf(child), readOf(child)]);
    // The reviewer's own look at the child's history is not an access to flag.
    await t.app.inject({ method: 'GET', url: `/api/audit-log/persons/${child.id}/events`, headers: w.reviewer.headers });

    const flags = ofKind((await review(w.reviewer)).open, 'outsider');
    expect(flags.map((flag) => flag.user?.id).sort()).toEqual([outsider, removed].sort());
    const day = dateIn(at);
    expect(flags.find((flag) => flag.user?.id === outsider)).toMatchObject({
      key: `outsider:${outsider}:${child.id}:${day}`,
      user: { id: outsider, name: 'Olle Utanför' },
      person: { id: child.id, name: 'Alva Berg' },
      day,
      count: 2,
      firstAt: at.toISOString(),
      events: { userId: outsider, personId: child.id },
      review: null,
    });

    // The flag opens the events behind it: Loggkontroll's search with its filter finds exactly the two reads.
    const { events } = flags[0]!;
    const search = await t.app.inject({ method: 'GET', url: `/api/audit-log/events?${new URLSearchParams(events as Record<string, string>)}`, headers: w.reviewer.headers });
    expect(search.json().events).toHaveLength(2);
  });
});

describe('many persons in a short time', () => {
  it('flags a user who read N persons within M minutes, and the thresholds change what is flagged', async () => {
    const w = await world();
    const persons = await Promise.all([1, 2, 3, 4, 5].map(() => t.person(w.tenant)));
    const [quick, slow] = await Promise.all(['Snabba Sara', 'Lugna Lars'].map(account));
    for (const [i, person] of persons.entries()) {
      await appendAt(w.tenant, quick!, stockholm(3, 10, i), [readOf(person)]);
      await appendAt(w.tenant, slow!, stockholm(3, 10 + i, 0), [readOf(person)]);
    }
    expect((await setThresholds(w.reviewer, { bulkPersons: 5, bulkMinutes: 5 })).statusCode).toBe(200);
    const flagged = ofKind((await review(w.reviewer)).open, 'bulk');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ key: `bulk:${quick}:${dateIn(stockholm(3, 10))}`, user: { name: 'Snabba Sara' }, count: 5, firstAt: stockholm(3, 10).toISOString() });
    expect(flagged[0]!.events).toEqual({ userId: quick, from: stockholm(3, 10).toISOString(), to: stockholm(3, 10, 5).toISOString() });

    // Five persons over four minutes: a three-minute window holds three of them.
    await setThresholds(w.reviewer, { bulkMinutes: 3 });
    expect(ofKind((await review(w.reviewer)).open, 'bulk')).toHaveLength(0);
    await setThresholds(w.reviewer, { bulkPersons: 3 });
    const lower = ofKind((await review(w.reviewer)).open, 'bulk');
    expect(lower.map((flag) => [flag.user?.id, flag.count])).toEqual([[quick, 3]]);
  });
});

describe('access at night', () => {
  it('flags accesses in the night window in Stockholm time, one flag per user and night, and follows the window set', async () => {
    const w = await world();
    const child = await t.person(w.tenant);
    const owl = await account('Nattugglan Nils');
    await appendAt(w.tenant, owl, stockholm(3, 23, 30), [readOf(child)]);
    await appendAt(w.tenant, owl, stockholm(2, 1, 15), [readOf(child)]);
    await appendAt(w.tenant, owl, stockholm(2, 12, 0), [readOf(child)]);

    const nights = ofKind((await review(w.reviewer)).open, 'night');
    expect(nights).toHaveLength(1);
    expect(nights[0]).toMatchObject({
      key: `night:${owl}:${dateIn(stockholm(3, 12))}`,
      count: 2,
      firstAt: stockholm(3, 23, 30).toISOString(),
      lastAt: stockholm(2, 1, 15).toISOString(),
      events: { userId: owl, from: stockholm(3, 22).toISOString(), to: stockholm(2, 6).toISOString() },
    });

    // Midnight to five: only the read at 01:15 is in the night, and that night began on its own date.
    expect((await setThresholds(w.reviewer, { nightStartHour: 0, nightEndHour: 5 })).statusCode).toBe(200);
    const narrower = ofKind((await review(w.reviewer)).open, 'night');
    expect(narrower.map((flag) => [flag.key, flag.count])).toEqual([[`night:${owl}:${dateIn(stockholm(2, 12))}`, 1]]);
  });
});

describe('refused attempts', () => {
  it('flags denied events per user and day, with the search for them', async () => {
    const w = await world();
    const child = await t.person(w.tenant);
    const prober = await account('Prövande Petra');
    await appendAt(w.tenant, prober, stockholm(2, 14), [readOf(child, 'denied'), readOf(child, 'denied')]);
    await appendAt(w.tenant, prober, stockholm(2, 15), [readOf(child)]);
    const denied = ofKind((await review(w.reviewer)).open, 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ key: `denied:${prober}:${dateIn(stockholm(2, 14))}`, count: 2, person: null, events: { userId: prober, outcome: 'denied' } });
    const search = await t.app.inject({ method: 'GET', url: `/api/audit-log/events?${new URLSearchParams(denied[0]!.events as Record<string, string>)}`, headers: w.reviewer.headers });
    expect(search.json().events).toHaveLength(2);
  });
});

describe('marking a flag reviewed', () => {
  it('moves it from open to reviewed with who, when and the comment, audited; once only', async () => {
    const w = await world();
    const child = await t.person(w.tenant);
    const outsider = await account('Olle Utanför');
    await appendAt(w.tenant, outsider, stockholm(2, 10), [readOf(child)]);
    const [flag] = ofKind((await review(w.reviewer)).open, 'outsider');
    const before = (await t.app.inject({ method: 'GET', url: '/api/attention', headers: w.reviewer.headers })).json() as Attention;
    expect(before.cards.map((card) => card.id)).toEqual(['logReviews']);
    expect(before.cards[0]).toMatchObject({ total: 1, href: '/loggkontroll/granskning', items: [{ id: flag!.key, kind: 'outsider', userName: 'Olle Utanför', count: 1 }] });

    const marked = await mark(w.reviewer, { kind: 'outsider', key: flag!.key, comment: 'Vikarie på skolan, kontrollerat med rektor.' });
    expect(marked.statusCode, marked.body).toBe(201);
    const after = await review(w.reviewer);
    expect(after.open).toEqual([]);
    expect(after.reviewed).toHaveLength(1);
    expect(after.reviewed[0]!.review).toMatchObject({ reviewedBy: { id: w.reviewer.userId, name: 'Test loggranskare' }, comment: 'Vikarie på skolan, kontrollerat med rektor.' });
    const card = ((await t.app.inject({ method: 'GET', url: '/api/attention', headers: w.reviewer.headers })).json() as Attention).cards[0];
    expect(card).toMatchObject({ id: 'logReviews', total: 0, items: [] });

    const events = await t.auditEvents(w.tenant, 'audit_log.review_mark');
    expect(events.map((e) => [e.actorUserId, e.personId, e.resourceId, e.details])).toEqual([
      [w.reviewer.userId, child.id, marked.json().id, { kind: 'outsider', key: flag!.key, comment: 'Vikarie på skolan, kontrollerat med rektor.' }],
    ]);
    expect((await mark(w.reviewer, { kind: 'outsider', key: flag!.key, comment: 'Igen' })).statusCode).toBe(409);
  });

  it('refuses a key that does not fit its kind, an empty comment and a threshold out of range, with field messages', async () => {
    const w = await world();
    const badKey = await mark(w.reviewer, { kind: 'bulk', key: 'outsider:abc:2026-01-01', comment: 'x' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.fields.key).toBeDefined();
    const noComment = await mark(w.reviewer, { kind: 'denied', key: 'denied:-:2026-01-01', comment: '   ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.fields.comment).toBeDefined();
    const sameHours = await setThresholds(w.reviewer, { nightStartHour: 3, nightEndHour: 3 });
    expect(sameHours.statusCode).toBe(400);
    expect(sameHours.json().error.fields.nightEndHour).toBeDefined();
    expect((await setThresholds(w.reviewer, { bulkPersons: 1 })).statusCode).toBe(400);
  });
});

describe('who may review', () => {
  it('only the tenant’s log reviewer sees flags, sets thresholds and marks; changes are audited', async () => {
    const w = await world();
    const child = await t.person(w.tenant);
    const outsider = await account('Olle Utanför');
    await appendAt(w.tenant, outsider, stockholm(2, 10), [readOf(child)]);
    const [flag] = ofKind((await review(w.reviewer)).open, 'outsider');
    const coordinator = await t.member(w.tenant, w.social, 'koordinator');
    const admin = await t.member(w.tenant, w.social, 'administrator');
    for (const member of [coordinator, admin]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/audit-log/review', headers: member.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'PUT', url: '/api/audit-log/review/settings', headers: member.headers, payload: { bulkPersons: 50, bulkMinutes: 5, nightStartHour: 22, nightEndHour: 6, lookbackDays: 14 } })).statusCode).toBe(403);
      expect((await mark(member, { kind: 'outsider', key: flag!.key, comment: 'Inget att se här' })).statusCode).toBe(403);
      const page = (await t.app.inject({ method: 'GET', url: '/api/attention', headers: member.headers })).json() as Attention;
      expect(page.cards.map((card) => card.id)).not.toContain('logReviews');
    }
    const denials = (await t.auditEvents(w.tenant)).filter((e) => e.action.startsWith('audit_log.review') && e.outcome === 'denied');
    expect(denials).toHaveLength(6);

    // Another tenant's reviewer sees none of it, and a mark there does not touch this tenant's flag.
    const other = await world();
    const theirs = await review(other.reviewer);
    expect(JSON.stringify(theirs)).not.toContain(child.id);
    expect(theirs.open).toEqual([]);
    expect((await mark(other.reviewer, { kind: 'outsider', key: flag!.key, comment: 'Försök' })).statusCode).toBe(201);
    expect(ofKind((await review(w.reviewer)).open, 'outsider').map((f) => f.key)).toEqual([flag!.key]);

    expect((await setThresholds(w.reviewer, { lookbackDays: 30 })).statusCode).toBe(200);
    const updates = await t.auditEvents(w.tenant, 'audit_log.review_settings.update');
    expect(updates.filter((e) => e.outcome === 'allowed').map((e) => e.details)).toEqual([
      { before: { bulkPersons: 10, bulkMinutes: 10, nightStartHour: 22, nightEndHour: 6, lookbackDays: 14 }, after: { bulkPersons: 10, bulkMinutes: 10, nightStartHour: 22, nightEndHour: 6, lookbackDays: 30 } },
    ]);
    const reads = (await t.auditEvents(w.tenant, 'audit_log.review')).filter((e) => e.outcome === 'allowed');
    expect(new Set(reads.map((e) => e.actorUserId))).toEqual(new Set([w.reviewer.userId]));
  });
});
