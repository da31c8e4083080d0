import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { TestApp, randomIdentityNumber, type TestMember, type TestOrganisation, type TestPerson, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { concern } from '../../src/server/db/schema';
import type { RegisterExtract } from '../../src/shared/register-extract';
import { readPdf } from './associations-pdf-text';
import { giveConsent, swedishToday } from './cases-support';

/**
 * Issue 12: a coordinator finds a person with skyddad folkbokföring and opens an SSPF case for them;
 * each read of the person states a reason, kept in the audit event; where the person lives, stays or
 * goes to school never leaves social services.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

/** The whereabouts planted in the records: none of these may reach anyone outside social services. */
const SCHOOL = 'Hemligskolan Norr';
const SEEN = 'Vid kiosken på Lönngatan';
const PLACE = 'Lönngatan 12';
const WHEREABOUTS = ['Hemligskolan', 'Lönngatan'];

interface World {
  tenant: TestTenant;
  social: TestOrganisation;
  school: TestOrganisation;
  coordinator: TestMember;
  officer: TestMember;
  child: TestPerson;
}

async function world(): Promise<World> {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const school = await t.organisation(tenant, 'skola', { name: SCHOOL });
  const coordinator = await t.member(tenant, social, 'koordinator');
  const officer = await t.member(tenant, social, 'handlaggare');
  const guardian = await t.person(tenant, { identityNumber: randomIdentityNumber(1975, 1985), firstName: 'Greta', lastName: 'Vårdnadshavare' });
  const year = new Date().getFullYear() - 16;
  const child = await t.person(tenant, {
    identityNumber: randomIdentityNumber(year, year),
    firstName: 'Selma',
    // Letters only: four hex digits in a row (one draw in seven) would be refused by the search as a personnummer.
    lastName: `Skyddsdotter-${randomUUID().slice(0, 4).replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]!)}`,
    schoolId: school.id,
    protectedIdentity: 'skyddad_folkbokforing',
    guardianIds: [guardian.id],
  });
  return { tenant, social, school, coordinator, officer, child };
}

const get = (member: TestMember, url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...member.headers, ...headers } });
const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });
const withReason = (id: string, reason: string) => `/api/persons/${id}?${new URLSearchParams({ reason }).toString()}`;

/** A concern about the person that says where they go to school, where they were seen and where it happened. */
async function concernWithWhereabouts(w: World): Promise<void> {
  const id = randomUUID();
  const tenantId = w.tenant.id;
  await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
    tx.insert(concern).values({
      tenantId,
      id,
      kind: 'person',
      receiptHash: `test-${id}`,
      status: 'mottagen',
      receivingOrganisationId: w.social.id,
      personId: w.child.id,
      subjectEncrypted: t.cipher.encrypt(JSON.stringify({ name: 'Selma', school: SCHOOL, whereSeen: SEEN }), `concern.subject:${tenantId}:${id}`),
      descriptionEncrypted: t.cipher.encrypt('Selma verkar rädd och ledsen', `concern.description:${tenantId}:${id}`),
      placeEncrypted: t.cipher.encrypt(PLACE, `concern.place:${tenantId}:${id}`),
    }),
  );
}

function expectNoWhereabouts(response: LightMyRequestResponse, what: string): void {
  expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBeLessThan(300);
  const isPdf = String(response.headers['content-type']).startsWith('application/pdf');
  const text = isPdf ? readPdf(response.rawPayload).text.replace(/\s+/g, ' ') : response.body;
  for (const word of WHEREABOUTS) expect(text, `${what} names ${word}`).not.toContain(word);
}

describe('a coordinator and a person with skyddad folkbokföring', () => {
  it('finds the person by name and by personnummer, with abilities that say a reason is needed and the whereabouts are not shown', async () => {
    const w = await world();
    const search = await get(w.coordinator, `/api/persons?${new URLSearchParams({ q: `Selma ${w.child.lastName}` }).toString()}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().persons).toEqual([
      expect.objectContaining({ id: w.child.id, protectedIdentity: 'skyddad_folkbokforing', abilities: expect.objectContaining({ read: true, readWithoutReason: false, readWhereabouts: false }) }),
    ]);
    const lookup = await post(w.coordinator, '/api/persons/lookup', { identityNumber: w.child.identityNumber });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ id: w.child.id, abilities: { read: true, readWithoutReason: false, update: false, readNotes: false } });
    expectNoWhereabouts(search, 'search');
    expectNoWhereabouts(lookup, 'lookup');
  });

  it('opens an SSPF case for the person', async () => {
    const w = await world();
    const opened = await post(w.coordinator, '/api/cases', { personId: w.child.id });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ personId: w.child.id, directorUserId: w.coordinator.userId, protectedIdentity: true });
    expectNoWhereabouts(opened, 'the opened case');
  });

  it('refuses a read without a reason with a field message, in Swedish and English, and stores nothing as read', async () => {
    const w = await world();
    const bare = await get(w.coordinator, `/api/persons/${w.child.id}`);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'validation_failed', fields: { reason: expect.stringMatching(/skyddad folkbokföring.*varför/) } });
    const english = await get(w.coordinator, `/api/persons/${w.child.id}`, { 'accept-language': 'en' });
    expect(english.json().error.fields.reason).toMatch(/protected population registration.*why/);
    for (const word of [w.child.lastName, 'Selma', ...WHEREABOUTS]) expect(bare.body).not.toContain(word);

    // Too short, too long, blank, or a control character: the reason's own field message.
    for (const reason of ['ok', 'x'.repeat(201), '   ', 'Möte\u0000idag']) {
      const response = await get(w.coordinator, withReason(w.child.id, reason));
      expect(response.statusCode, JSON.stringify(reason)).toBe(400);
      expect(response.json().error.fields.reason).toBeTruthy();
    }
    // The strict query schema still refuses what it does not know.
    const unknown = await get(w.coordinator, `/api/persons/${w.child.id}?reason=Planering&why=x`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.why).toBe('Okänt fält.');
    expect((await t.auditEvents(w.tenant, 'person.read')).filter((e) => e.outcome === 'allowed')).toEqual([]);
  });

  it('reads the person with a reason, without the whereabouts, and audits the reason with the read', async () => {
    const w = await world();
    const reason = 'Förbereder nätverksmöte i SSPF-ärendet';
    const read = await get(w.coordinator, withReason(w.child.id, reason));
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      id: w.child.id,
      identityNumber: expect.any(String),
      schoolId: null,
      schoolName: null,
      whereaboutsWithheld: true,
      abilities: { read: true, readWithoutReason: false, readWhereabouts: false, update: false },
    });
    expectNoWhereabouts(read, 'the read');
    const [event] = await t.auditEvents(w.tenant, 'person.read');
    expect(event).toMatchObject({ outcome: 'allowed', actorUserId: w.coordinator.userId, actorRole: 'koordinator', personId: w.child.id, details: { reason, whereabouts: 'withheld' } });

    // Social services' own staff read it all, with no reason asked and none stored.
    const byOfficer = await get(w.officer, `/api/persons/${w.child.id}`);
    expect(byOfficer.statusCode).toBe(200);
    expect(byOfficer.json()).toMatchObject({ schoolId: w.school.id, schoolName: SCHOOL, whereaboutsWithheld: false, abilities: { readWithoutReason: true, readWhereabouts: true } });
    const events = await t.auditEvents(w.tenant, 'person.read');
    expect(events[1]).toMatchObject({ actorRole: 'handlaggare', details: { whereabouts: 'shown' } });
    expect(events[1]!.details).not.toHaveProperty('reason');

    // Changing the record (it holds the school) and its free-text notes stay with social services.
    const change = await t.app.inject({ method: 'PATCH', url: `/api/persons/${w.child.id}`, headers: w.coordinator.headers, payload: { firstName: 'Annan' } });
    expect(change.statusCode).toBe(404);
    expect((await get(w.coordinator, `/api/persons/${w.child.id}/notes`)).statusCode).toBe(404);
  });

  it('a person without protection is read by the coordinator with no reason, and a reason sent anyway is not stored', async () => {
    const w = await world();
    const plain = await t.person(w.tenant, { schoolId: w.school.id });
    const read = await get(w.coordinator, `/api/persons/${plain.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ schoolName: SCHOOL, whereaboutsWithheld: false, abilities: { readWithoutReason: true } });
    expect((await get(w.coordinator, withReason(plain.id, 'Onödig motivering'))).statusCode).toBe(200);
    const events = await t.auditEvents(w.tenant, 'person.read');
    expect(events.map((e) => (e.details as Record<string, unknown>).reason)).toEqual([undefined, undefined]);
  });

  it('shows the whereabouts in no response outside social services: case, consent, plan and consent form, chronology, register extract', async () => {
    const w = await world();
    await concernWithWhereabouts(w);
    const opened = await post(w.coordinator, '/api/cases', { personId: w.child.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    // The consent names the partners the coordinator chose, not the person's school: naming the school as a
    // partner would be the coordinator's own (and the case's explicit sharing decision's) disclosure.
    const leisure = await t.organisation(w.tenant, 'fritid', { name: 'Fritidsgården' });
    const consent = await giveConsent(t, w.coordinator, w.child, { organisationIds: [w.social.id, leisure.id], caseId, validFrom: swedishToday() });
    const reviewer = await t.member(w.tenant, w.social, 'loggranskare');

    const responses: [string, LightMyRequestResponse][] = [
      ['case', await get(w.coordinator, `/api/cases/${caseId}`)],
      ['case list', await get(w.coordinator, '/api/cases')],
      ['plan PDF', await get(w.coordinator, `/api/cases/${caseId}/plan.pdf`)],
      ['chronology', await get(w.coordinator, `/api/persons/${w.child.id}/chronology`)],
      ['consents', await get(w.coordinator, `/api/consents?personId=${w.child.id}`)],
      ['consent', await get(w.coordinator, `/api/consents/${consent.id}`)],
      ['consent form PDF', await get(w.coordinator, `/api/consents/${consent.id}/form.pdf`)],
      ['person', await get(w.coordinator, withReason(w.child.id, 'Uppföljning av planen'))],
      ['register extract', await get(reviewer, `/api/persons/${w.child.id}/register-extract`)],
      ['register extract PDF', await get(reviewer, `/api/persons/${w.child.id}/register-extract.pdf`)],
    ];
    for (const [what, response] of responses) expectNoWhereabouts(response, what);

    const extract = responses.find(([what]) => what === 'register extract')![1].json() as RegisterExtract;
    expect(extract.whereaboutsWithheld).toBe(true);
    expect(extract.person.school).toBeNull();
    expect(extract.concerns).toHaveLength(1);
    // What the report said about the person otherwise stays in.
    expect(extract.concerns[0]).toMatchObject({ subject: { name: 'Selma' }, description: 'Selma verkar rädd och ledsen', place: null });
    expect(extract.unreadableTexts).toBe(0);
    const pdf = readPdf(responses.find(([what]) => what === 'register extract PDF')![1].rawPayload).text.replace(/\s+/g, ' ');
    // The PDF says why the school is missing, rather than leaving a blank.
    expect(pdf).toContain('lämnas ut av socialtjänsten');
    expect(pdf).toContain('Du har skyddad folkbokföring.');

    // Inside social services the same records still say where the person is.
    const byOfficer = await get(w.officer, `/api/persons/${w.child.id}`);
    expect(byOfficer.body).toContain(SCHOOL);
  }, 120_000);
});
