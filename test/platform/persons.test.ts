import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { TestApp, randomIdentityNumber, type TestMember, type TestOrganisation, type TestTenant } from '../factories';
import { testDatabaseKind } from '../support/database';
import { inContext } from '../../src/server/db/context';
import { createPerson, isIdentityNumberTaken } from '../../src/server/modules/persons/create-person';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

interface World {
  tenant: TestTenant;
  social: TestOrganisation;
  school: TestOrganisation;
  otherSchool: TestOrganisation;
}

async function world(): Promise<World> {
  const tenant = await t.tenant();
  const [social, school, otherSchool] = await Promise.all([
    t.organisation(tenant, 'socialtjanst'),
    t.organisation(tenant, 'skola', { name: 'Norrskolan' }),
    t.organisation(tenant, 'skola', { name: 'Söderskolan' }),
  ]);
  return { tenant, social, school, otherSchool };
}

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });
const patch = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'PATCH', url, headers: member.headers, payload: payload as object });
const dashed = (twelve: string) => `${twelve.slice(0, 8)}-${twelve.slice(8)}`;

describe('registering a person', () => {
  it('registers a person with an encrypted personnummer, audits it, and refuses a second with the same number', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const number = randomIdentityNumber();
    const created = await post(officer, '/api/persons', { identityNumber: dashed(number), firstName: 'Alva', lastName: 'Berg', schoolId: w.school.id });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ firstName: 'Alva', lastName: 'Berg', identityNumber: dashed(number), schoolId: w.school.id, schoolName: 'Norrskolan', protectedIdentity: 'none', guardians: [] });
    expect(body.abilities).toMatchObject({ read: true, update: true, readIdentityNumber: true, addNote: true });
    const [event] = await t.auditEvents(w.tenant, 'person.create');
    expect(event).toMatchObject({ personId: body.id, actorUserId: officer.userId, outcome: 'allowed' });

    // The same number in another format is the same person.
    const again = await post(officer, '/api/persons', { identityNumber: number.slice(2), firstName: 'Alva', lastName: 'Berg' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.identityNumber).toMatch(/finns redan en person/);
  });

  it('refuses an invalid personnummer and an unknown school with field messages', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'mottagning');
    const bad = await post(officer, '/api/persons', { identityNumber: '20100101-0000', firstName: 'A', lastName: 'B' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.identityNumber).toMatch(/Ogiltigt person/);
    const unknownSchool = await post(officer, '/api/persons', { identityNumber: randomIdentityNumber(), firstName: 'A', lastName: 'B', schoolId: w.social.id });
    expect(unknownSchool.statusCode).toBe(400);
    expect(unknownSchool.json().error.fields.schoolId).toBeDefined();
  });

  it('answers 403 to a role without the register, and audits the denial', async () => {
    const w = await world();
    const police = await t.member(w.tenant, await t.organisation(w.tenant, 'polis'), 'polis');
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    for (const member of [police, teacher]) {
      const response = await post(member, '/api/persons', { identityNumber: randomIdentityNumber(), firstName: 'A', lastName: 'B' });
      expect(response.statusCode).toBe(403);
    }
    const denied = await t.auditEvents(w.tenant, 'person.create');
    expect(denied.map((e) => [e.actorRole, e.outcome])).toEqual([
      ['polis', 'denied'],
      ['skolpersonal', 'denied'],
    ]);
    const rows = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.execute(sql`select count(*)::int as n from person`));
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('maps the unique-index violation of a lost race to the same field error', () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "person_tenant_identity_idx"'), {
      code: '23505',
      constraint: 'person_tenant_identity_idx',
    });
    const wrapped = Object.assign(new Error('Failed query: insert into "person" ...'), { cause: pgError });
    expect(isIdentityNumberTaken(pgError)).toBe(true);
    expect(isIdentityNumberTaken(wrapped)).toBe(true);
    expect(isIdentityNumberTaken(Object.assign(new Error('x'), { code: '23505', constraint: 'person_tenant_id_id_pk' }))).toBe(false);
    expect(isIdentityNumberTaken(Object.assign(new Error('x'), { code: '23503' }))).toBe(false);
    expect(isIdentityNumberTaken(null)).toBe(false);
  });

  it.runIf(testDatabaseKind === 'postgres')('answers 409 when a concurrent registration of the same number commits first', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const number = randomIdentityNumber();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let signalInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (signalInserted = resolve));
    // Holds an uncommitted row with the same number: the request's duplicate check cannot see it,
    // so the request reaches the insert and waits on the unique index until this commits.
    const holder = inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, async (tx) => {
      await createPerson(tx, w.tenant.id, { cipher: t.cipher, blindIndex: t.blindIndex }, { identityNumber: number, firstName: 'Först', lastName: 'Där', protectedIdentity: 'none', guardianIds: [] });
      signalInserted();
      await released;
    });
    await inserted;
    const racing = post(officer, '/api/persons', { identityNumber: number, firstName: 'Sen', lastName: 'Där' });
    await t.database.asOwner(async (owner) => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const waiting = await owner.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into "person"%'`,
        );
        if (waiting.rows[0]!.n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the racing request never reached the insert');
    });
    release();
    await holder;
    const response = await racing;
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields.identityNumber).toMatch(/finns redan en person/);
  });
});

describe('reading a person', () => {
  it('shows the personnummer and guardians to the register, and writes one person.read event', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const mother = await t.person(w.tenant, { firstName: 'Maria', lastName: 'Ek', identityNumber: randomIdentityNumber(1975, 1990) });
    const child = await t.person(w.tenant, { firstName: 'Elin', lastName: 'Ek', schoolId: w.school.id, guardianIds: [mother.id] });
    const response = await get(officer, `/api/persons/${child.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.identityNumber).toBe(dashed(child.identityNumber));
    expect(body.isCoordinationNumber).toBe(false);
    expect(body.guardians).toEqual([{ id: mother.id, firstName: 'Maria', lastName: 'Ek', birthDate: expect.any(String), protectedIdentity: 'none' }]);
    expect(body.guardians[0]).not.toHaveProperty('identityNumber');
    const reads = await t.auditEvents(w.tenant, 'person.read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ personId: child.id, outcome: 'allowed', details: { identityNumber: 'shown', guardiansShown: 1 } });
  });

  it("lets school staff read their own school's pupils without the personnummer, and nobody else's", async () => {
    const w = await world();
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    const own = await t.person(w.tenant, { schoolId: w.school.id });
    const elsewhere = await t.person(w.tenant, { schoolId: w.otherSchool.id });
    const noSchool = await t.person(w.tenant);
    const marked = await t.person(w.tenant, { schoolId: w.school.id, protectedIdentity: 'sekretessmarkering' });

    const ownResponse = await get(teacher, `/api/persons/${own.id}`);
    expect(ownResponse.statusCode).toBe(200);
    expect(ownResponse.json()).toMatchObject({ identityNumber: null, isCoordinationNumber: null, abilities: { read: true, readIdentityNumber: false, readNotes: false, update: false } });
    expect(ownResponse.body).not.toContain(own.identityNumber.slice(2, 8) + own.identityNumber.slice(8));

    const missing = await get(teacher, `/api/persons/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    for (const other of [elsewhere, noSchool, marked]) {
      const denied = await get(teacher, `/api/persons/${other.id}`);
      expect(denied.statusCode).toBe(404);
      expect(denied.body).toBe(missing.body);
    }
    expect((await get(teacher, `/api/persons/${own.id}/notes`)).statusCode).toBe(404);
    expect((await patch(teacher, `/api/persons/${own.id}`, { firstName: 'X' })).statusCode).toBe(404);
  });

  it("answers 404 for another tenant's person and for roles without the register, identical to a missing one", async () => {
    const w = await world();
    const other = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const police = await t.member(w.tenant, await t.organisation(w.tenant, 'polis'), 'polis');
    const reviewer = await t.member(w.tenant, w.social, 'loggranskare');
    const foreign = await t.person(other.tenant);
    const local = await t.person(w.tenant);
    const missing = await get(officer, `/api/persons/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);

    for (const [member, id] of [
      [officer, foreign.id],
      [police, local.id],
      [reviewer, local.id],
    ] as const) {
      for (const url of [`/api/persons/${id}`, `/api/persons/${id}/notes`]) {
        const response = await get(member, url);
        expect(response.statusCode).toBe(404);
        expect(response.body).toBe(missing.body);
      }
      const change = await patch(member, `/api/persons/${id}`, { firstName: 'Ändrad' });
      expect(change.statusCode).toBe(404);
      expect(change.body).toBe(missing.body);
    }
    // The other tenant's person is untouched and its tenant's log knows nothing of us.
    expect(await t.auditEvents(other.tenant)).toEqual([]);
    const denied = await t.auditEvents(w.tenant, 'person.read');
    expect(denied.map((e) => [e.actorRole, e.outcome, e.personId])).toEqual([
      ['polis', 'denied', local.id],
      ['loggranskare', 'denied', local.id],
    ]);
  });

  it('shows skyddad folkbokföring to social services, to the coordinator only with a reason, and hides such a guardian outside social services', async () => {
    const w = await world();
    const coordinator = await t.member(w.tenant, w.social, 'koordinator');
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const protectedMother = await t.person(w.tenant, { protectedIdentity: 'skyddad_folkbokforing', identityNumber: randomIdentityNumber(1975, 1990), lastName: 'Skyddad' });
    const father = await t.person(w.tenant, { identityNumber: randomIdentityNumber(1975, 1990), lastName: 'Synlig' });
    const child = await t.person(w.tenant, { guardianIds: [protectedMother.id, father.id] });

    expect((await get(officer, `/api/persons/${protectedMother.id}`)).statusCode).toBe(200);
    // Issue 12: the coordinator reads the person only with a reason (protected-identity.test.ts), but the
    // guardian never appears beside the child: named there, she would say where she lives.
    expect((await get(coordinator, `/api/persons/${protectedMother.id}`)).statusCode).toBe(400);
    const seenByCoordinator = (await get(coordinator, `/api/persons/${child.id}`)).json();
    expect(seenByCoordinator.guardians.map((g: { id: string }) => g.id)).toEqual([father.id]);
    expect(JSON.stringify(seenByCoordinator)).not.toContain('Skyddad');
    const seenByOfficer = (await get(officer, `/api/persons/${child.id}`)).json();
    expect(seenByOfficer.guardians.map((g: { id: string }) => g.id).sort()).toEqual([protectedMother.id, father.id].sort());
  });
});

describe('changing a person', () => {
  it('changes names, school and guardians, keeps what was not sent, and audits the fields changed', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const guardian = await t.person(w.tenant, { identityNumber: randomIdentityNumber(1970, 1985) });
    const child = await t.person(w.tenant, { schoolId: w.school.id, protectedIdentity: 'sekretessmarkering', guardianIds: [guardian.id] });

    const changed = await patch(officer, `/api/persons/${child.id}`, { firstName: 'Nytt', schoolId: w.otherSchool.id });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ firstName: 'Nytt', lastName: child.lastName, schoolName: 'Söderskolan', protectedIdentity: 'sekretessmarkering' });
    expect(changed.json().guardians.map((g: { id: string }) => g.id)).toEqual([guardian.id]);

    const empty = await patch(officer, `/api/persons/${child.id}`, {});
    expect(empty.json()).toMatchObject({ protectedIdentity: 'sekretessmarkering', schoolId: w.otherSchool.id });
    expect(empty.json().guardians).toHaveLength(1);

    const cleared = await patch(officer, `/api/persons/${child.id}`, { guardianIds: [], schoolId: null, protectedIdentity: 'none' });
    expect(cleared.json()).toMatchObject({ guardians: [], schoolId: null, schoolName: null, protectedIdentity: 'none' });

    const updates = await t.auditEvents(w.tenant, 'person.update');
    expect(updates.map((e) => e.details)).toEqual([{ fields: ['firstName', 'schoolId'] }, { fields: [] }, { fields: ['guardianIds', 'protectedIdentity', 'schoolId'] }]);
    expect(updates.every((e) => e.personId === child.id)).toBe(true);
  });

  it('refuses a guardian that is the child, unknown, or hidden from the actor', async () => {
    const w = await world();
    const coordinator = await t.member(w.tenant, w.social, 'koordinator');
    const child = await t.person(w.tenant);
    const hidden = await t.person(w.tenant, { protectedIdentity: 'skyddad_folkbokforing', identityNumber: randomIdentityNumber(1970, 1985) });
    const self = await patch(coordinator, `/api/persons/${child.id}`, { guardianIds: [child.id] });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields.guardianIds).toMatch(/sin egen/);
    for (const guardianId of [randomUUID(), hidden.id]) {
      const response = await patch(coordinator, `/api/persons/${child.id}`, { guardianIds: [guardianId] });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields.guardianIds).toBe('Hittar inte det som fältet pekar på.');
    }
    const created = await post(coordinator, '/api/persons', { identityNumber: randomIdentityNumber(), firstName: 'A', lastName: 'B', guardianIds: [hidden.id] });
    expect(created.statusCode).toBe(400);
  });

  it('does not let the coordinator raise protection beyond their own access', async () => {
    const w = await world();
    const coordinator = await t.member(w.tenant, w.social, 'koordinator');
    const child = await t.person(w.tenant);
    const response = await patch(coordinator, `/api/persons/${child.id}`, { protectedIdentity: 'skyddad_folkbokforing' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.protectedIdentity).toMatch(/socialtjänsten/);
    expect((await get(coordinator, `/api/persons/${child.id}`)).json().protectedIdentity).toBe('none');
  });
});

describe('lookup by personnummer', () => {
  it('finds a person by any format of the number, audits it without the number, and answers an unknown number like a denied one', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'mottagning');
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    const child = await t.person(w.tenant, { firstName: 'Sam', schoolId: w.otherSchool.id });

    for (const format of [child.identityNumber, dashed(child.identityNumber), child.identityNumber.slice(2), `${child.identityNumber.slice(2, 8)}-${child.identityNumber.slice(8)}`]) {
      const found = await post(officer, '/api/persons/lookup', { identityNumber: format });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({ id: child.id, firstName: 'Sam', abilities: { read: true } });
      expect(found.json()).not.toHaveProperty('identityNumber');
    }
    const unknown = await post(officer, '/api/persons/lookup', { identityNumber: randomIdentityNumber(1950, 1960) });
    const denied = await post(teacher, '/api/persons/lookup', { identityNumber: child.identityNumber });
    expect(unknown.statusCode).toBe(404);
    expect(denied.statusCode).toBe(404);
    expect(denied.body).toBe(unknown.body);

    const lookups = await t.auditEvents(w.tenant, 'person.lookup');
    expect(lookups.map((e) => [e.actorRole, e.outcome, e.personId])).toEqual([
      ...Array(4).fill(['mottagning', 'allowed', child.id]),
      ['mottagning', 'failed', null],
      ['skolpersonal', 'denied', child.id],
    ]);
    const logged = JSON.stringify(lookups);
    expect(logged).not.toContain(child.identityNumber.slice(2));
  });

  it('gives the reviewer the summary only, and refuses roles without the register', async () => {
    const w = await world();
    const reviewer = await t.member(w.tenant, w.social, 'loggranskare');
    const police = await t.member(w.tenant, await t.organisation(w.tenant, 'polis'), 'polis');
    const protectedChild = await t.person(w.tenant, { protectedIdentity: 'skyddad_folkbokforing' });
    const found = await post(reviewer, '/api/persons/lookup', { identityNumber: protectedChild.identityNumber });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id: protectedChild.id, abilities: { read: false, lookupForReview: true, readIdentityNumber: false } });
    expect(Object.keys(found.json()).sort()).toEqual(['abilities', 'birthDate', 'firstName', 'id', 'lastName', 'protectedIdentity']);
    const [event] = await t.auditEvents(w.tenant, 'person.lookup');
    expect(event).toMatchObject({ personId: protectedChild.id, details: { purpose: 'review' } });
    expect((await post(police, '/api/persons/lookup', { identityNumber: protectedChild.identityNumber })).statusCode).toBe(403);
  });
});

describe('search by name', () => {
  it('returns only persons the actor may read, and audits one event with the count', async () => {
    const w = await world();
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    const coordinator = await t.member(w.tenant, w.social, 'koordinator');
    const reviewer = await t.member(w.tenant, w.social, 'loggranskare');
    const own = await t.person(w.tenant, { firstName: 'Nora', lastName: 'Lind', schoolId: w.school.id });
    const elsewhere = await t.person(w.tenant, { firstName: 'Nora', lastName: 'Lindqvist', schoolId: w.otherSchool.id });
    const hidden = await t.person(w.tenant, { firstName: 'Nora', lastName: 'Lindgren', protectedIdentity: 'skyddad_folkbokforing' });
    await t.person(w.tenant, { firstName: 'Olle', lastName: 'Lind' });
    const otherTenant = await world();
    await t.person(otherTenant.tenant, { firstName: 'Nora', lastName: 'Lind' });

    const ids = async (member: TestMember, q: string) => {
      const response = await get(member, `/api/persons?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      return response.json().persons.map((p: { id: string }) => p.id).sort();
    };
    expect(await ids(teacher, 'nora lind')).toEqual([own.id]);
    // Issue 12: the coordinator finds a person with skyddad folkbokföring too.
    expect(await ids(coordinator, 'Nora Lind')).toEqual([own.id, elsewhere.id, hidden.id].sort());
    expect(await ids(reviewer, 'lind nora')).toEqual([own.id, elsewhere.id, hidden.id].sort());
    expect(await ids(coordinator, '100%')).toEqual([]);

    const searches = await t.auditEvents(w.tenant, 'person.search');
    expect(searches.map((e) => [e.actorRole, e.details])).toEqual([
      ['skolpersonal', { count: 1, truncated: false }],
      ['koordinator', { count: 3, truncated: false }],
      ['loggranskare', { count: 3, truncated: false }],
      ['koordinator', { count: 0, truncated: false }],
    ]);
    expect(JSON.stringify(searches)).not.toMatch(/Nora|Lind/i);
  });

  it('refuses digit runs (a personnummer belongs in the lookup) and roles without the register', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const analyst = await t.member(w.tenant, w.social, 'analytiker');
    const digits = await get(officer, '/api/persons?q=20100101');
    expect(digits.statusCode).toBe(400);
    expect(digits.json().error.fields.q).toMatch(/personnummer/);
    expect((await get(analyst, '/api/persons?q=Nora')).statusCode).toBe(403);
  });

  it('gives the administrator no person search, lookup or read (issue 12), and audits each refusal', async () => {
    const w = await world();
    const admin = await t.member(w.tenant, w.social, 'administrator');
    const child = await t.person(w.tenant, { firstName: 'Nora', lastName: 'Admintest' });
    const search = await get(admin, '/api/persons?q=Nora');
    expect(search.statusCode).toBe(403);
    expect(search.body).not.toContain('Admintest');
    const lookup = await post(admin, '/api/persons/lookup', { identityNumber: child.identityNumber });
    expect(lookup.statusCode).toBe(403);
    expect((await get(admin, `/api/persons/${child.id}`)).statusCode).toBe(404);
    const refused = (await t.auditEvents(w.tenant)).filter((e) => e.actorUserId === admin.userId);
    expect(refused.map((e) => [e.action, e.outcome])).toEqual([
      ['person.search', 'denied'],
      ['person.lookup', 'denied'],
      ['person.read', 'denied'],
    ]);
  });
});

describe('notes', () => {
  it('stores a note encrypted, returns it to the register, and audits both with the personId', async () => {
    const w = await world();
    const officer = await t.member(w.tenant, w.social, 'handlaggare');
    const coordinator = await t.member(w.tenant, w.social, 'koordinator');
    const child = await t.person(w.tenant);
    const added = await post(officer, `/api/persons/${child.id}/notes`, { body: 'Samtal med mamma om skolfrånvaro.' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ body: 'Samtal med mamma om skolfrånvaro.', authorUserId: officer.userId, authorName: 'Test handlaggare' });

    const listed = await get(coordinator, `/api/persons/${child.id}/notes`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ notes: [{ id: added.json().id, body: 'Samtal med mamma om skolfrånvaro.' }], abilities: { readNotes: true, addNote: true } });

    const stored = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.execute<{ body_encrypted: string }>(sql`select body_encrypted from person_note`));
    expect(stored.rows[0]!.body_encrypted).toMatch(/^v1\./);
    expect(stored.rows[0]!.body_encrypted).not.toContain('mamma');

    const events = (await t.auditEvents(w.tenant)).filter((e) => e.action.startsWith('person.notes'));
    expect(events.map((e) => [e.action, e.personId, e.actorRole])).toEqual([
      ['person.notes.create', child.id, 'handlaggare'],
      ['person.notes.read', child.id, 'koordinator'],
    ]);
  });
});
