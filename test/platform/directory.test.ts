import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyPerson } from '../../src/server/db/schema';
import { TestApp, type TestMember } from '../factories';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const rektor = {
  name: 'Lena Holm',
  role: 'rektor',
  phone: '026-17 80 01',
  email: 'lena.holm@skola.example',
  forums: ['Trygghetsrådet Sätra'],
  legalBasis: 'Allmänt intresse: arbetskontaktuppgifter för samverkan.',
};

async function setUp() {
  const tenant = await t.tenant();
  const school = await t.organisation(tenant, 'skola', { name: 'Sätraskolan' });
  const club = await t.organisation(tenant, 'forening', { name: 'Sätra IF' });
  const shop = await t.organisation(tenant, 'naringsliv', { name: 'Sätra Livs AB' });
  const social = await t.organisation(tenant, 'socialtjanst');
  const admin = await t.member(tenant, social, 'administrator');
  const coordinator = await t.member(tenant, social, 'koordinator');
  const teacher = await t.member(tenant, school, 'skolpersonal');
  const clubMember = await t.member(tenant, club, 'foreningsnyckelperson');
  return { tenant, school, club, shop, social, admin, coordinator, teacher, clubMember };
}

const add = (member: TestMember, payload: Record<string, unknown>, language = 'sv') =>
  t.app.inject({ method: 'POST', url: '/api/directory/key-persons', headers: { ...member.headers, 'accept-language': language }, payload });
const search = (member: TestMember, query = '') => t.app.inject({ method: 'GET', url: `/api/directory${query}`, headers: member.headers });

describe('the directory of key persons', () => {
  it('lets a coordinator add a key person that every member finds by name, role, forum and organisation; audited without the contact data', async () => {
    const { tenant, school, club, coordinator, teacher, clubMember } = await setUp();
    const created = await add(coordinator, { ...rektor, organisationId: school.id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...rektor, organisationId: school.id, organisationName: 'Sätraskolan', roleOther: null });
    const other = await add(coordinator, { organisationId: club.id, name: 'Omar Said', role: 'annan', roleOther: 'Ungdomsledare', email: 'omar@satraif.example', legalBasis: 'Berättigat intresse: arbetskontakt.' });
    expect(other.statusCode).toBe(201);

    for (const reader of [teacher, clubMember]) {
      const all = await search(reader);
      expect(all.statusCode).toBe(200);
      const body = all.json();
      expect(body.abilities.create).toBe(false);
      const persons = body.organisations.flatMap((o: { keyPersons: { name: string }[] }) => o.keyPersons.map((p) => p.name));
      expect(persons.sort()).toEqual(['Lena Holm', 'Omar Said']);
    }
    const names = async (query: string) =>
      (await search(teacher, query)).json().organisations.flatMap((o: { name: string; keyPersons: { name: string }[] }) => o.keyPersons.map((p) => `${o.name}: ${p.name}`));
    expect(await names('?q=lena')).toEqual(['Sätraskolan: Lena Holm']);
    expect(await names('?q=trygghetsrådet')).toEqual(['Sätraskolan: Lena Holm']);
    expect(await names('?q=ungdomsledare')).toEqual(['Sätra IF: Omar Said']);
    expect(await names('?role=rektor')).toEqual(['Sätraskolan: Lena Holm']);
    expect(await names(`?organisationId=${club.id}`)).toEqual(['Sätra IF: Omar Said']);
    expect(await names('?q=ingen+sådan')).toEqual([]);
    // The organisation's name finds the organisation with its key persons.
    expect(await names('?q=sätraskolan')).toEqual(['Sätraskolan: Lena Holm']);

    const searches = await t.auditEvents(tenant, 'directory.search');
    expect(searches.length).toBeGreaterThanOrEqual(9);
    const creates = await t.auditEvents(tenant, 'key_person.create');
    expect(creates).toHaveLength(2);
    expect(creates.every((e) => e.actorUserId === coordinator.userId)).toBe(true);
    expect(JSON.stringify([...searches, ...creates])).not.toMatch(/Lena|lena|Omar|026-17/);
  });

  it('lets an administrator edit and remove, audited by which fields changed', async () => {
    const { tenant, school, admin, teacher } = await setUp();
    const id = (await add(admin, { ...rektor, organisationId: school.id })).json().id;
    const edited = await t.app.inject({ method: 'PUT', url: `/api/directory/key-persons/${id}`, headers: admin.headers, payload: { ...rektor, organisationId: school.id, phone: null, role: 'elevhalsa' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ role: 'elevhalsa', phone: null, email: rektor.email });
    expect((await t.auditEvents(tenant, 'key_person.update')).map((e) => e.details)).toEqual([{ changed: ['role', 'phone'] }]);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/directory/key-persons/${id}`, headers: admin.headers });
    expect(removed.statusCode).toBe(204);
    expect((await search(teacher, '?q=lena')).json().organisations).toEqual([]);
    expect(await t.auditEvents(tenant, 'key_person.delete')).toHaveLength(1);
  });

  it('refuses members who do not maintain the directory, and audits the denial', async () => {
    const { tenant, school, coordinator, teacher, clubMember } = await setUp();
    const id = (await add(coordinator, { ...rektor, organisationId: school.id })).json().id;
    for (const member of [teacher, clubMember]) {
      expect((await add(member, { ...rektor, organisationId: school.id })).statusCode).toBe(403);
      const put = await t.app.inject({ method: 'PUT', url: `/api/directory/key-persons/${id}`, headers: member.headers, payload: { ...rektor, organisationId: school.id, name: 'Kapad' } });
      expect(put.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/directory/key-persons/${id}`, headers: member.headers })).statusCode).toBe(404);
    }
    const denied = (await t.auditEvents(tenant)).filter((e) => e.outcome === 'denied' && ['key_person'].includes(e.resourceType ?? ''));
    expect(denied).toHaveLength(6);
    expect((await search(teacher, '?q=lena')).json().organisations[0].keyPersons[0].name).toBe('Lena Holm');
  });

  it('keeps tenants apart: another tenant sees none of it and cannot edit it or add to its organisations (policy and RLS)', async () => {
    const a = await setUp();
    const b = await setUp();
    const id = (await add(a.coordinator, { ...rektor, organisationId: a.school.id })).json().id;
    const seen = (await search(b.teacher)).json();
    expect(JSON.stringify(seen)).not.toContain('Lena');
    expect(seen.organisations.map((o: { id: string }) => o.id)).not.toContain(a.school.id);
    expect((await t.app.inject({ method: 'PUT', url: `/api/directory/key-persons/${id}`, headers: b.admin.headers, payload: { ...rektor, organisationId: b.school.id } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/directory/key-persons/${id}`, headers: b.admin.headers })).statusCode).toBe(404);
    const intoOther = await add(b.admin, { ...rektor, organisationId: a.school.id });
    expect(intoOther.statusCode).toBe(400);
    expect(intoOther.json().error.fields).toEqual({ organisationId: 'Välj en organisation i listan.' });
    const number = await t.app.inject({ method: 'PUT', url: `/api/directory/organisations/${a.club.id}/organisation-number`, headers: b.admin.headers, payload: { organisationNumber: '202100-5489' } });
    expect(number.statusCode).toBe(404);

    // The second wall on its own: row-level security, asked as tenant B, sees no row of tenant A.
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${b.tenant.id}, true), set_config('app.user_id', '', true), set_config('app.organisation_id', ${b.social.id}, true), set_config('app.organisation_is_authority', 'true', true)`);
      return tx.select({ id: keyPerson.id }).from(keyPerson);
    });
    expect(rows.map((r) => r.id)).not.toContain(id);
    const rowsA = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${a.tenant.id}, true), set_config('app.user_id', '', true), set_config('app.organisation_id', ${a.social.id}, true), set_config('app.organisation_is_authority', 'true', true)`);
      return tx.select({ id: keyPerson.id }).from(keyPerson);
    });
    expect(rowsA.map((r) => r.id)).toContain(id);
  });

  it('answers bad input with 400 and a message on the field, in Swedish and English', async () => {
    const { school, coordinator } = await setUp();
    const noContact = await add(coordinator, { ...rektor, organisationId: school.id, phone: null, email: null });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error.fields).toEqual({ phone: expect.any(String) });
    const noRoleText = await add(coordinator, { ...rektor, organisationId: school.id, role: 'annan' });
    expect(noRoleText.json().error.fields).toEqual({ roleOther: 'Skriv vilken roll personen har.' });
    const noRoleTextEn = await add(coordinator, { ...rektor, organisationId: school.id, role: 'annan' }, 'en');
    expect(noRoleTextEn.json().error.fields).toEqual({ roleOther: 'Write which role the person has.' });
    const badRole = await add(coordinator, { ...rektor, organisationId: school.id, role: 'chef' });
    expect(badRole.statusCode).toBe(400);
    expect(Object.keys(badRole.json().error.fields)).toEqual(['role']);
    const noBasis = await add(coordinator, { ...rektor, organisationId: school.id, legalBasis: '' });
    expect(noBasis.statusCode).toBe(400);
    expect(Object.keys(noBasis.json().error.fields)).toEqual(['legalBasis']);
  });
});

describe('organisationsnummer', () => {
  const url = (id: string) => `/api/directory/organisations/${id}/organisation-number`;

  it('is set for an association and a business, checked by its checksum, shown in the directory and audited', async () => {
    const { tenant, club, shop, coordinator, teacher } = await setUp();
    const saved = await t.app.inject({ method: 'PUT', url: url(club.id), headers: coordinator.headers, payload: { organisationNumber: '2021005489' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().organisationNumber).toBe('202100-5489');
    const bad = await t.app.inject({ method: 'PUT', url: url(shop.id), headers: coordinator.headers, payload: { organisationNumber: '202100-5488' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ organisationNumber: 'Organisationsnumret stämmer inte. Ange tio siffror, till exempel 802400-1234, och kontrollera den sista siffran.' });
    const dir = (await search(teacher)).json().organisations;
    expect(dir.find((o: { id: string }) => o.id === club.id)).toMatchObject({ organisationNumber: '202100-5489', takesOrganisationNumber: true });
    expect(dir.find((o: { id: string }) => o.id === shop.id)).toMatchObject({ organisationNumber: null, takesOrganisationNumber: true });
    expect((await search(teacher, '?q=202100')).json().organisations.map((o: { name: string }) => o.name)).toEqual(['Sätra IF']);
    expect((await t.auditEvents(tenant, 'directory.organisation_number')).map((e) => e.details)).toEqual([{ before: null, after: '202100-5489' }]);
    const cleared = await t.app.inject({ method: 'PUT', url: url(club.id), headers: coordinator.headers, payload: { organisationNumber: null } });
    expect(cleared.json().organisationNumber).toBeNull();
  });

  it('is refused for other organisation types and for members who do not maintain the directory', async () => {
    const { school, club, coordinator, teacher } = await setUp();
    const notApplicable = await t.app.inject({ method: 'PUT', url: url(school.id), headers: coordinator.headers, payload: { organisationNumber: '202100-5489' } });
    expect(notApplicable.statusCode).toBe(400);
    expect(notApplicable.json().error.fields).toEqual({ organisationNumber: 'Bara företag och föreningar har organisationsnummer i katalogen.' });
    const denied = await t.app.inject({ method: 'PUT', url: url(club.id), headers: teacher.headers, payload: { organisationNumber: '202100-5489' } });
    expect(denied.statusCode).toBe(404);
  });
});
