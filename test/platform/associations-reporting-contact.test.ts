import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const url = (organisationId: string) => `/api/associations/${organisationId}/reporting-contact`;
const person = { name: 'Åsa Öberg', phone: '070-123 45 67', email: 'asa@sandvikensbk.example' };

async function setUp() {
  const tenant = await t.tenant();
  const club = await t.organisation(tenant, 'forening', { name: 'Sandvikens BK' });
  const otherClub = await t.organisation(tenant, 'forening', { name: 'Kören Allegro' });
  const social = await t.organisation(tenant, 'socialtjanst');
  const keyPerson = await t.member(tenant, club, 'foreningsnyckelperson');
  const otherKeyPerson = await t.member(tenant, otherClub, 'foreningsnyckelperson');
  const admin = await t.member(tenant, social, 'administrator');
  return { tenant, club, otherClub, social, keyPerson, otherKeyPerson, admin };
}

describe('anmälningsansvarig', () => {
  it("lets the association's key person record, read and replace it, audited by which fields changed", async () => {
    const { tenant, club, keyPerson } = await setUp();
    const empty = await t.app.inject({ method: 'GET', url: url(club.id), headers: keyPerson.headers });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ organisationId: club.id, organisationName: 'Sandvikens BK', contact: null, abilities: { read: true, update: true, delete: true } });

    const saved = await t.app.inject({ method: 'PUT', url: url(club.id), headers: keyPerson.headers, payload: person });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().contact).toMatchObject(person);

    const changed = await t.app.inject({ method: 'PUT', url: url(club.id), headers: keyPerson.headers, payload: { ...person, phone: null } });
    expect(changed.json().contact).toMatchObject({ name: 'Åsa Öberg', phone: null, email: person.email });
    const read = await t.app.inject({ method: 'GET', url: url(club.id), headers: keyPerson.headers });
    expect(read.json().contact).toMatchObject({ name: 'Åsa Öberg', phone: null });

    const updates = await t.auditEvents(tenant, 'association.reporting_contact.update');
    expect(updates.map((e) => e.details)).toEqual([{ changed: ['name', 'phone', 'email'] }, { changed: ['phone'] }]);
    expect(updates.every((e) => e.actorUserId === keyPerson.userId && e.resourceId === club.id)).toBe(true);
    // The audit log records that it changed, not a second copy of the contact.
    expect(JSON.stringify(updates)).not.toContain('Åsa');
    expect(await t.auditEvents(tenant, 'association.reporting_contact.read')).toHaveLength(2);

    const removed = await t.app.inject({ method: 'DELETE', url: url(club.id), headers: keyPerson.headers });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().contact).toBeNull();
  });

  it('lets an administrator help', async () => {
    const { club, admin } = await setUp();
    const saved = await t.app.inject({ method: 'PUT', url: url(club.id), headers: admin.headers, payload: person });
    expect(saved.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: url(club.id), headers: admin.headers })).json().contact.name).toBe('Åsa Öberg');
  });

  it("answers another association's key person, and other roles, with 404, and audits the denial", async () => {
    const { tenant, club, social, keyPerson, otherKeyPerson } = await setUp();
    await t.app.inject({ method: 'PUT', url: url(club.id), headers: keyPerson.headers, payload: person });
    const intake = await t.member(tenant, social, 'mottagning');
    for (const outsider of [otherKeyPerson, intake]) {
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        const response = await t.app.inject({ method, url: url(club.id), headers: outsider.headers, ...(method === 'PUT' ? { payload: { name: 'Kapad', phone: '070-000 00 00', email: null } } : {}) });
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('Åsa');
      }
    }
    const denied = (await t.auditEvents(tenant)).filter((e) => e.outcome === 'denied' && e.resourceType === 'association_reporting_contact');
    expect(denied).toHaveLength(6);
    expect((await t.app.inject({ method: 'GET', url: url(club.id), headers: keyPerson.headers })).json().contact.name).toBe('Åsa Öberg');
  });

  it('is 404 for an organisation that is not an association, in another tenant, or unknown', async () => {
    const { social, admin } = await setUp();
    const other = await setUp();
    expect((await t.app.inject({ method: 'GET', url: url(social.id), headers: admin.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: url(other.club.id), headers: admin.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: url(crypto.randomUUID()), headers: admin.headers, payload: person })).statusCode).toBe(404);
  });

  it('requires a name and a phone number or an e-mail address, with messages in Swedish and English', async () => {
    const { club, keyPerson } = await setUp();
    const sv = await t.app.inject({ method: 'PUT', url: url(club.id), headers: keyPerson.headers, payload: { name: 'Åsa Öberg', phone: null, email: null } });
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.fields).toEqual({ phone: 'Ange ett telefonnummer eller en e-postadress, så att hen går att nå.' });
    const en = await t.app.inject({
      method: 'PUT',
      url: url(club.id),
      headers: { ...keyPerson.headers, 'accept-language': 'en' },
      payload: { name: 'Å', phone: 'ring mig', email: 'inte-en-adress', extra: true },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields).toMatchObject({
      name: 'The value is too short or too small.',
      phone: 'Give a phone number in digits, for example 026-17 80 00.',
      email: 'Wrong format.',
      extra: 'Unknown field.',
    });
  });
});
