import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { TestApp, randomIdentityNumber, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import type { Db } from '../../src/server/db/client';
import { withActor } from '../../src/server/http/request-scope';
import { requireSession } from '../../src/server/http/session';
import { verifyTenantChain } from '../../src/server/audit/verify';
import { appendAuditEvents } from '../../src/server/audit/append';
import { canonicalParts, eventHash } from '../../src/server/audit/chain';
import { createHash } from 'node:crypto';

// The access log: every read of a person is recorded with who, where from and about whom; the
// record commits with the access or not at all; nobody can change it, and tampering is detected.

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const USER_AGENT = 'Mozilla/5.0 (Samverka test)';
const CLIENT_IP = '203.0.113.9';

async function setup() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const school = await t.organisation(tenant, 'skola');
  const otherSchool = await t.organisation(tenant, 'skola');
  const officer = await t.member(tenant, social, 'handlaggare');
  const child = await t.person(tenant, { firstName: 'Ida', schoolId: otherSchool.id });
  return { tenant, social, school, officer, child };
}

const read = (member: TestMember, personId: string) =>
  t.app.inject({ method: 'GET', url: `/api/persons/${personId}`, headers: { ...member.headers, 'user-agent': USER_AGENT }, remoteAddress: CLIENT_IP });

/** Runs SQL as the schema owner in one transaction, in the tenant's context (needed where the owner is not a superuser). */
function asOwner<T>(tenant: TestTenant, work: (owner: Db) => Promise<T>): Promise<T> {
  return t.database.asOwner((ownerDb) =>
    ownerDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenant.id}, true)`);
      return work(tx as unknown as Db);
    }),
  );
}

async function rejection(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    let current = error as { code?: string; message: string; cause?: unknown };
    while (current.cause && !current.code) current = current.cause as typeof current;
    return { code: current.code, message: current.message };
  }
  throw new Error('expected the database to refuse');
}

describe('audit on reads', () => {
  it('writes exactly one person.read event with actor, organisation, role, person, ip and user agent', async () => {
    const { tenant, social, officer, child } = await setup();
    const response = await read(officer, child.id);
    expect(response.statusCode).toBe(200);
    const events = await t.auditEvents(tenant);
    expect(events.map((e) => e.action)).toEqual(['person.read']);
    expect(events[0]).toMatchObject({
      actorUserId: officer.userId,
      actorOrganisationId: social.id,
      actorRole: 'handlaggare',
      resourceType: 'person',
      resourceId: child.id,
      personId: child.id,
      outcome: 'allowed',
      ip: CLIENT_IP,
      userAgent: USER_AGENT,
    });
  });

  it('writes a denied event for a denied read, although the request answers 404', async () => {
    const { tenant, school, child } = await setup();
    const teacher = await t.member(tenant, school, 'skolpersonal');
    const response = await read(teacher, child.id);
    expect(response.statusCode).toBe(404);
    const events = await t.auditEvents(tenant);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'person.read',
      actorUserId: teacher.userId,
      actorOrganisationId: school.id,
      actorRole: 'skolpersonal',
      personId: child.id,
      outcome: 'denied',
      ip: CLIENT_IP,
      userAgent: USER_AGENT,
    });
  });

  it('leaves neither the change nor its audit event behind when a request fails after auditing', async () => {
    const { tenant, officer, child } = await setup();
    // The update is audited and the name written before the unknown guardian is refused.
    const failed = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${child.id}`,
      headers: officer.headers,
      payload: { firstName: 'Halvskriven', guardianIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(failed.statusCode).toBe(400);
    expect((await read(officer, child.id)).json().firstName).toBe('Ida');
    expect(await t.auditEvents(tenant, 'person.update')).toEqual([]);

    // The same at the level of the request scope: audit, write, then throw.
    const request = { ip: CLIENT_IP, headers: { cookie: officer.headers.cookie } } as unknown as FastifyRequest;
    await requireSession(t.auth)(request);
    await expect(
      withActor(t.database, request, async (scope) => {
        await scope.audit({ action: 'person.notes.create', resourceType: 'person_note', personId: child.id });
        await scope.tx.execute(sql`insert into person_note (tenant_id, person_id, author_user_id, body_encrypted) values (${tenant.id}, ${child.id}, ${officer.userId}, 'v1.a.b.c')`);
        throw new Error('crash after the write');
      }),
    ).rejects.toThrow('crash after the write');
    const notes = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from person_note`));
    expect(notes.rows[0]!.n).toBe(0);
    expect((await t.auditEvents(tenant)).map((e) => e.action)).toEqual(['person.read']);
    // The rolled-back events took no sequence numbers: the chain has no gap.
    expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: 1, firstBrokenLink: null });
  });
});

describe('audit sent with the commit (scope.auditAtCommit)', () => {
  it('commits the event with the access, in the chain, and leaves nothing when the transaction fails at its end', async () => {
    const { tenant, officer, child } = await setup();
    const request = { ip: CLIENT_IP, headers: { cookie: officer.headers.cookie } } as unknown as FastifyRequest;
    await requireSession(t.auth)(request);
    await withActor(t.database, request, async (scope) => {
      scope.auditAtCommit({ action: 'person.read', resourceType: 'person', resourceId: child.id, personId: child.id });
    });
    expect((await t.auditEvents(tenant)).map((e) => e.action)).toEqual(['person.read']);

    // A write, then an event left for the commit that the database refuses (a person id that is no UUID):
    // neither the write nor the event stays.
    await requireSession(t.auth)(request);
    await expect(
      withActor(t.database, request, async (scope) => {
        await scope.tx.execute(sql`insert into person_note (tenant_id, person_id, author_user_id, body_encrypted) values (${tenant.id}, ${child.id}, ${officer.userId}, 'v1.a.b.c')`);
        scope.auditAtCommit({ action: 'person.notes.create', resourceType: 'person_note', personId: 'not-a-uuid' });
      }),
    ).rejects.toThrow();
    const notes = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from person_note`));
    expect(notes.rows[0]!.n).toBe(0);
    expect((await t.auditEvents(tenant)).map((e) => e.action)).toEqual(['person.read']);
    expect(await verifyTenantChain(t.database.db, tenant.id)).toMatchObject({ eventsChecked: 1, firstBrokenLink: null });
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE to the application role (no privilege)', async () => {
    const { tenant, officer, child } = await setup();
    await read(officer, child.id);
    for (const statement of [
      sql`update audit_event set outcome = 'denied'`,
      sql`delete from audit_event`,
      sql`truncate audit_event`,
    ]) {
      const refused = await rejection(inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.execute(statement)));
      expect(refused.code).toBe('42501');
      expect(refused.message).toMatch(/permission denied/);
    }
    expect(await t.auditEvents(tenant)).toHaveLength(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the owner, through the trigger', async () => {
    const { tenant, officer, child } = await setup();
    await read(officer, child.id);
    for (const statement of [
      sql`update audit_event set outcome = 'denied' where tenant_id = ${tenant.id}`,
      sql`delete from audit_event where tenant_id = ${tenant.id}`,
      sql`truncate audit_event`,
    ]) {
      const refused = await rejection(asOwner(tenant, (owner) => owner.execute(statement)));
      expect(refused.message).toMatch(/append-only/);
    }
    expect(await t.auditEvents(tenant)).toHaveLength(1);
  });
});

describe('hash chain', () => {
  async function tenantWithEvents(count: number) {
    const { tenant, officer, child } = await setup();
    for (let i = 0; i < count; i += 1) expect((await read(officer, child.id)).statusCode).toBe(200);
    return { tenant, officer, child };
  }

  it('verifies an intact tenant, also after concurrent requests (which may take several lanes)', async () => {
    const { tenant, officer, child } = await tenantWithEvents(3);
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => read(officer, child.id)));
    expect(concurrent.every((r) => r.statusCode === 200)).toBe(true);
    expect(await verifyTenantChain(t.database.db, tenant.id)).toEqual({ tenantId: tenant.id, eventsChecked: 9, firstBrokenLink: null });
  });

  it('hashes each event as its canonical JSON after the previous hash, wherever the chain is appended', () => {
    const event = {
      tenantId: '6d1f1c1e-0000-4000-8000-000000000001',
      lane: 3,
      seq: 41,
      id: '6d1f1c1e-0000-4000-8000-000000000002',
      occurredAt: new Date('2026-12-03T10:15:30.123Z'),
      actorUserId: 'user-1',
      actorOrganisationId: null,
      actorRole: 'handlaggare',
      action: 'person.read',
      resourceType: 'person',
      resourceId: 'p-1',
      personId: null,
      legalBasis: null,
      outcome: 'allowed',
      ip: '203.0.113.9',
      userAgent: null,
      details: { ö: 'Å "citat"\n', a: [1, { z: true, b: null }] },
    };
    // The definition, written out: the fields in order, objects with sorted keys.
    const canonical = JSON.stringify([event.tenantId, 3, 41, event.id, event.occurredAt.toISOString(), 'user-1', null, 'handlaggare', 'person.read',
      'person', 'p-1', null, null, 'allowed', '203.0.113.9', null, { a: [1, { b: null, z: true }], ö: 'Å "citat"\n' }]);
    expect(eventHash('prev', event)).toBe(createHash('sha256').update(`prev\n${canonical}`, 'utf8').digest('hex'));
    const { head, tail } = canonicalParts(event);
    expect(`${head}3,41${tail}`).toBe(canonical);
  });

  it('chains events whose text needs escaping in the database exactly as audit/chain.ts hashes them', async () => {
    const { tenant, social } = await setup();
    const actor = { tenantId: tenant.id, userId: null, organisationId: social.id, role: 'handlaggare', ip: '2001:db8::1', userAgent: 'Agent "Å" \\ \u2028 😀' };
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      await appendAuditEvents(tx, actor, [
        { action: 'test.one', resourceType: 'note', details: { text: 'Rad ett\nrad två\t"citat" \\ ärende 😀', nested: { b: 2, a: [null, 'ö'] } } },
        { action: 'test.two', resourceType: 'note', resourceId: 'x', legalBasis: 'OSL 10 kap. 18 a §' },
        { action: 'test.three', resourceType: 'note', outcome: 'denied', details: {} },
      ]);
    });
    const events = await t.auditEvents(tenant);
    expect(events.map((e) => [e.action, e.seq])).toEqual([['test.one', 1], ['test.two', 2], ['test.three', 3]]);
    expect(events[0]!.details).toEqual({ text: 'Rad ett\nrad två\t"citat" \\ ärende 😀', nested: { b: 2, a: [null, 'ö'] } });
    expect(events[1]!.details).toBeNull();
    expect(await verifyTenantChain(t.database.db, tenant.id)).toEqual({ tenantId: tenant.id, eventsChecked: 3, firstBrokenLink: null });
  });

  it('detects a tampered field with the first broken link, and leaves other tenants intact', async () => {
    const { tenant } = await tenantWithEvents(4);
    const bystander = await tenantWithEvents(2);
    const [target] = (await t.auditEvents(tenant)).filter((e) => e.seq === 2);
    expect(target).toBeDefined();
    await asOwner(tenant, async (owner) => {
      await owner.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
      await owner.execute(sql`update audit_event set actor_role = 'koordinator' where tenant_id = ${tenant.id} and lane = ${target!.lane} and seq = 2`);
      await owner.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    });
    const report = await verifyTenantChain(t.database.db, tenant.id);
    expect(report.firstBrokenLink).toEqual({ tenantId: tenant.id, lane: target!.lane, seq: 2, reason: 'hash_mismatch' });
    expect((await verifyTenantChain(t.database.db, bystander.tenant.id)).firstBrokenLink).toBeNull();
  });

  it('detects deletion of the newest event', async () => {
    const { tenant } = await tenantWithEvents(3);
    const newest = (await t.auditEvents(tenant)).at(-1)!;
    await asOwner(tenant, async (owner) => {
      await owner.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
      await owner.execute(sql`delete from audit_event where tenant_id = ${tenant.id} and lane = ${newest.lane} and seq = ${newest.seq}`);
      await owner.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    });
    const report = await verifyTenantChain(t.database.db, tenant.id);
    expect(report.firstBrokenLink).toEqual({ tenantId: tenant.id, lane: newest.lane, seq: newest.seq, reason: 'head_mismatch' });
  });

  it('reports the broken link to the reviewer through the API, and audits the check', async () => {
    const { tenant } = await tenantWithEvents(2);
    const reviewer = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'loggranskare');
    const intact = await t.app.inject({ method: 'GET', url: '/api/audit-log/verification', headers: reviewer.headers });
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toMatchObject({ eventsChecked: 2, intact: true, firstBrokenLink: null });

    const first = (await t.auditEvents(tenant))[0]!;
    await asOwner(tenant, async (owner) => {
      await owner.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
      await owner.execute(sql`update audit_event set ip = '192.0.2.1' where tenant_id = ${tenant.id} and lane = ${first.lane} and seq = ${first.seq}`);
      await owner.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    });
    const broken = await t.app.inject({ method: 'GET', url: '/api/audit-log/verification', headers: reviewer.headers });
    expect(broken.json()).toMatchObject({ intact: false, firstBrokenLink: { lane: first.lane, seq: first.seq, reason: 'hash_mismatch' } });
    const checks = await t.auditEvents(tenant, 'audit_log.verify');
    expect(checks.map((e) => (e.details as { intact: boolean }).intact)).toEqual([true, false]);

    const officer = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'handlaggare');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit-log/verification', headers: officer.headers })).statusCode).toBe(403);
  });
});

describe('identity numbers stay out of the log', () => {
  it('never writes a personnummer into an audit event', async () => {
    const { tenant, officer } = await setup();
    const number = randomIdentityNumber();
    const unknown = randomIdentityNumber(1950, 1960);
    await t.app.inject({ method: 'POST', url: '/api/persons', headers: officer.headers, payload: { identityNumber: number, firstName: 'A', lastName: 'B' } });
    await t.app.inject({ method: 'POST', url: '/api/persons/lookup', headers: officer.headers, payload: { identityNumber: number } });
    await t.app.inject({ method: 'POST', url: '/api/persons/lookup', headers: officer.headers, payload: { identityNumber: unknown } });
    const events = await t.auditEvents(tenant);
    expect(events.map((e) => e.action)).toEqual(['person.create', 'person.lookup', 'person.lookup']);
    const logged = JSON.stringify(events);
    for (const secret of [number, unknown]) {
      for (const form of [secret, secret.slice(2), `${secret.slice(0, 8)}-${secret.slice(8)}`, `${secret.slice(2, 8)}-${secret.slice(8)}`]) {
        expect(logged).not.toContain(form);
      }
    }
  });
});
