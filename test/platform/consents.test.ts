import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { TestApp, type TestMember, type TestOrganisation, type TestPerson, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseEvent, consent, consentDocument, consentParty, notification, sspfCase } from '../../src/server/db/schema';
import { loadConsentView } from '../../src/server/modules/consents/consent-state';
import { todayInSweden } from '../../src/server/modules/consents/consent-rules';
import { readPdf } from './associations-pdf-text';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const TODAY = todayInSweden();
const THIS_YEAR = Number(TODAY.slice(0, 4));

/** A valid personnummer for someone born on this date (Luhn check digit over YYMMDDNNN). */
function identityNumberBornOn(birthDate: string): string {
  const serial = String(100 + Math.floor(Math.random() * 899));
  const nine = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${serial}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i += 1) {
    const product = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return `${birthDate.slice(0, 2)}${nine}${(10 - (sum % 10)) % 10}`;
}

/** Born on 10 March `age` years ago, or a year earlier when 10 March has not come yet this year. */
function birthDateForAge(age: number): string {
  const year = TODAY.slice(5) >= '03-10' ? THIS_YEAR - age : THIS_YEAR - age - 1;
  return `${year}-03-10`;
}

interface World {
  tenant: TestTenant;
  social: TestOrganisation;
  school: TestOrganisation;
  police: TestOrganisation;
  coordinator: TestMember;
  officer: TestMember;
  guardians: TestPerson[];
  youth: TestPerson;
}

async function world(options: { age?: number; guardians?: number } = {}): Promise<World> {
  const tenant = await t.tenant();
  const [social, school, police] = await Promise.all([t.organisation(tenant, 'socialtjanst'), t.organisation(tenant, 'skola', { name: 'Norrskolan' }), t.organisation(tenant, 'polis', { name: 'Polisen Syd' })]);
  const coordinator = await t.member(tenant, social, 'koordinator');
  const officer = await t.member(tenant, social, 'handlaggare');
  const guardians: TestPerson[] = [];
  for (let i = 0; i < (options.guardians ?? 2); i += 1) {
    guardians.push(await t.person(tenant, { identityNumber: identityNumberBornOn(`19${80 + i}-05-0${i + 1}`), firstName: i === 0 ? 'Maria' : 'Johan', lastName: 'Lind' }));
  }
  const youth = await t.person(tenant, {
    identityNumber: identityNumberBornOn(birthDateForAge(options.age ?? 16)),
    firstName: 'Elsa',
    lastName: 'Lind',
    schoolId: school.id,
    guardianIds: guardians.map((g) => g.id),
  });
  return { tenant, social, school, police, coordinator, officer, guardians, youth };
}

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });
const put = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: member.headers, payload: payload as object });
const upload = (member: TestMember, url: string, bytes: Buffer, contentType: string) =>
  t.app.inject({ method: 'POST', url, headers: { ...member.headers, 'content-type': contentType }, payload: bytes });

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

function scope(w: World, overrides: Record<string, unknown> = {}) {
  return {
    personId: w.youth.id,
    organisationIds: [w.social.id, w.school.id],
    categories: ['skola', 'socialtjanst'],
    purpose: 'Gemensam plan för stöd i skolan och på fritiden',
    validFrom: TODAY,
    ...overrides,
  };
}

async function createConsent(w: World, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await post(w.coordinator, '/api/consents', scope(w, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const oral = (extra: Record<string, unknown>) => ({ method: 'oral', witnessName: 'Karin Vittne', givenOn: TODAY, ...extra });

async function giveAll(w: World, consentId: string): Promise<void> {
  for (const guardian of w.guardians) expect((await post(w.coordinator, `/api/consents/${consentId}/parties`, oral({ kind: 'guardian', guardianId: guardian.id }))).statusCode).toBe(200);
  expect((await post(w.coordinator, `/api/consents/${consentId}/parties`, oral({ kind: 'young_person' }))).statusCode).toBe(200);
}

const view = (w: World, on?: string) => inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => loadConsentView(tx, w.tenant.id, w.youth.id, on));

describe('recording a consent', () => {
  it('records the scope, encrypts the purpose, defaults validity to a year, and audits it with the person', async () => {
    const w = await world();
    const response = await post(w.coordinator, '/api/consents', scope(w, { validFrom: '2026-03-01' }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      personId: w.youth.id,
      caseId: null,
      status: 'awaiting_parties',
      organisations: [{ id: w.social.id }, { id: w.school.id, name: 'Norrskolan' }],
      categories: ['skola', 'socialtjanst'],
      purpose: 'Gemensam plan för stöd i skolan och på fritiden',
      validFrom: '2026-03-01',
      validTo: '2027-02-28',
      parties: [],
      withdrawnAt: null,
    });
    expect(body.abilities).toMatchObject({ read: true, recordParty: true, withdraw: true });
    const [stored] = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(consent).where(eq(consent.id, body.id)));
    expect(stored!.purposeEncrypted).not.toContain('Gemensam');
    const [event] = await t.auditEvents(w.tenant, 'consent.create');
    expect(event).toMatchObject({ personId: w.youth.id, resourceId: body.id, actorUserId: w.coordinator.userId, outcome: 'allowed' });
  });

  it('refuses an organisation or a named person outside the tenant with field messages', async () => {
    const w = await world();
    const other = await t.tenant();
    const foreign = await t.organisation(other, 'skola');
    const unknownOrg = await post(w.coordinator, '/api/consents', scope(w, { organisationIds: [w.school.id, foreign.id] }));
    expect(unknownOrg.statusCode).toBe(400);
    expect(Object.keys(unknownOrg.json().error.fields)).toEqual(['organisationIds']);
    // A teacher of the school may be named; a police officer is not in any organisation the consent names.
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    const officer = await t.member(w.tenant, w.police, 'polis');
    const named = await post(w.coordinator, '/api/consents', scope(w, { userIds: [teacher.userId] }));
    expect(named.statusCode).toBe(201);
    expect(named.json().users).toEqual([{ id: teacher.userId, name: 'Test skolpersonal' }]);
    const outside = await post(w.coordinator, '/api/consents', scope(w, { userIds: [teacher.userId, officer.userId] }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields.userIds).toBeTruthy();
    const reversed = await post(w.coordinator, '/api/consents', scope(w, { validFrom: '2026-05-01', validTo: '2026-04-01' }));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields.validTo).toBeTruthy();
  });

  it('lets only the coordinator record a consent; the case officer gets 403 and the denial is audited', async () => {
    const w = await world();
    const denied = await post(w.officer, '/api/consents', scope(w));
    expect(denied.statusCode).toBe(403);
    const [event] = await t.auditEvents(w.tenant, 'consent.create');
    expect(event).toMatchObject({ outcome: 'denied', personId: w.youth.id, actorUserId: w.officer.userId });
  });
});

describe('parties and status', () => {
  it('a 16-year-old needs both guardians and themself: awaiting until the last, then in force', async () => {
    const w = await world({ age: 16 });
    const id = await createConsent(w);
    const first = await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'guardian', guardianId: w.guardians[0]!.id }));
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('awaiting_parties');
    expect(first.json().requiredParties).toHaveLength(3);
    expect(first.json().requiredParties).toEqual(
      expect.arrayContaining([
        { kind: 'guardian', guardianId: w.guardians[0]!.id, name: 'Maria Lind', given: true },
        { kind: 'guardian', guardianId: w.guardians[1]!.id, name: 'Johan Lind', given: false },
        { kind: 'young_person', guardianId: null, name: 'Elsa Lind', given: false },
      ]),
    );
    expect(first.json().parties[0]).toMatchObject({ kind: 'guardian', method: 'oral', witnessName: 'Karin Vittne', name: 'Maria Lind' });
    expect((await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'guardian', guardianId: w.guardians[1]!.id }))).json().status).toBe('awaiting_parties');
    const last = await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person' }));
    expect(last.json().status).toBe('in_force');
    // The witness's name is stored encrypted.
    const parties = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(consentParty).where(eq(consentParty.consentId, id)));
    expect(parties.every((p) => p.witnessEncrypted !== null && !p.witnessEncrypted.includes('Karin'))).toBe(true);
    expect(await t.auditEvents(w.tenant, 'consent.party.record')).toHaveLength(3);
    // And the engine's view agrees.
    const state = await view(w);
    expect(state.currentConsentId).toBe(id);
    expect(state.stateFor({ organisationId: w.school.id, userId: 'anyone' }, 'skola')).toBe('in_scope');
    expect(state.stateFor({ organisationId: w.school.id, userId: 'anyone' }, 'polis')).toBe('out_of_scope');
    expect(state.stateFor({ organisationId: w.police.id, userId: 'anyone' }, 'samverkan')).toBe('out_of_scope');
  });

  it('an 18-year-old consents alone: a guardian party is refused', async () => {
    const w = await world({ age: 18 });
    const id = await createConsent(w);
    const guardian = await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'guardian', guardianId: w.guardians[0]!.id }));
    expect(guardian.statusCode).toBe(400);
    expect(guardian.json().error.fields.kind).toMatch(/18 år/);
    const self = await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person' }));
    expect(self.json()).toMatchObject({ status: 'in_force', requiredParties: [{ kind: 'young_person', given: true }] });
  });

  it('a 14-year-old needs the guardians only, and the tenant setting can lower the age', async () => {
    const w = await world({ age: 14 });
    const id = await createConsent(w);
    expect((await get(w.coordinator, `/api/consents/${id}`)).json().requiredParties.map((p: { kind: string }) => p.kind)).toEqual(['guardian', 'guardian']);
    const admin = await t.member(w.tenant, w.social, 'administrator');
    expect((await get(admin, '/api/consent-settings')).json()).toEqual({ youngPersonConsentAge: 15 });
    const changed = await put(admin, '/api/consent-settings', { youngPersonConsentAge: 13 });
    expect(changed.statusCode).toBe(200);
    expect((await get(admin, '/api/consent-settings')).json()).toEqual({ youngPersonConsentAge: 13 });
    expect((await get(w.coordinator, `/api/consents/${id}`)).json().requiredParties.map((p: { kind: string }) => p.kind)).toEqual(['guardian', 'guardian', 'young_person']);
    const [event] = await t.auditEvents(w.tenant, 'consent_settings.update');
    expect(event).toMatchObject({ outcome: 'allowed', details: { youngPersonConsentAge: { from: 15, to: 13 } } });
    expect((await put(admin, '/api/consent-settings', { youngPersonConsentAge: 19 })).statusCode).toBe(400);
    expect((await put(w.coordinator, '/api/consent-settings', { youngPersonConsentAge: 14 })).statusCode).toBe(403);
  });

  it('refuses someone who is not a guardian, a paper party without a scan, a future date and a party twice', async () => {
    const w = await world();
    const stranger = await t.person(w.tenant, { identityNumber: identityNumberBornOn('1975-01-01') });
    const id = await createConsent(w);
    const notGuardian = await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'guardian', guardianId: stranger.id }));
    expect(notGuardian.statusCode).toBe(400);
    expect(notGuardian.json().error.fields.guardianId).toMatch(/inte vårdnadshavare/);
    const paper = await post(w.coordinator, `/api/consents/${id}/parties`, { kind: 'young_person', method: 'paper', givenOn: TODAY });
    expect(paper.statusCode).toBe(400);
    expect(Object.keys(paper.json().error.fields)).toEqual(['documentId']);
    const future = await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person', givenOn: `${THIS_YEAR + 1}-01-01` }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.givenOn).toBeTruthy();
    expect((await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person' }))).statusCode).toBe(200);
    expect((await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person' }))).statusCode).toBe(409);
  });
});

describe('scans of signed forms', () => {
  it('stores a scan encrypted and gives it back byte for byte; a paper party points at it', async () => {
    const w = await world();
    const id = await createConsent(w);
    const uploaded = await upload(w.coordinator, `/api/consents/${id}/documents`, PDF, 'application/pdf');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const document = uploaded.json();
    expect(document).toMatchObject({ contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
    const [stored] = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(consentDocument).where(eq(consentDocument.id, document.id)));
    expect(stored!.contentEncrypted).not.toContain(PDF.toString('base64').slice(0, 20));

    const party = await post(w.coordinator, `/api/consents/${id}/parties`, { kind: 'young_person', method: 'paper', givenOn: TODAY, documentId: document.id });
    expect(party.statusCode).toBe(200);
    expect(party.json().parties[0]).toMatchObject({ method: 'paper', documentId: document.id, witnessName: null });

    const back = await get(w.officer, `/api/consents/${id}/documents/${document.id}`);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(back.rawPayload, PDF)).toBe(0);
    const [read] = await t.auditEvents(w.tenant, 'consent.document.read');
    expect(read).toMatchObject({ personId: w.youth.id, actorUserId: w.officer.userId, outcome: 'allowed' });

    const png = await upload(w.coordinator, `/api/consents/${id}/documents`, PNG, 'image/png');
    expect(png.statusCode).toBe(201);
    expect(Buffer.compare((await get(w.coordinator, `/api/consents/${id}/documents/${png.json().id}`)).rawPayload, PNG)).toBe(0);
  });

  it('refuses a PNG sent as a PDF, an unaccepted type, and a scan that is too large', async () => {
    const w = await world();
    const id = await createConsent(w);
    const mismatch = await upload(w.coordinator, `/api/consents/${id}/documents`, PNG, 'application/pdf');
    expect(mismatch.statusCode).toBe(400);
    expect(Object.keys(mismatch.json().error.fields)).toEqual(['file']);
    const text = await upload(w.coordinator, `/api/consents/${id}/documents`, Buffer.from('hej'), 'text/plain');
    expect(text.statusCode).toBe(400);
    expect(text.json().error.fields.file).toBeTruthy();
    const tooLarge = await upload(w.coordinator, `/api/consents/${id}/documents`, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf');
    expect(tooLarge.statusCode).toBe(413);
    const count = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(consentDocument));
    expect(count).toHaveLength(0);
    // The case officer reads but does not upload.
    expect((await upload(w.officer, `/api/consents/${id}/documents`, PDF, 'application/pdf')).statusCode).toBe(404);
  });
});

describe('who may read a consent', () => {
  it('school staff and the police get 404 on a consent and 403 on the list; each denial is audited', async () => {
    const w = await world();
    const id = await createConsent(w);
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    const officer = await t.member(w.tenant, w.police, 'polis');
    for (const member of [teacher, officer]) {
      expect((await get(member, `/api/consents/${id}`)).statusCode).toBe(404);
      expect((await get(member, `/api/consents?personId=${w.youth.id}`)).statusCode).toBe(403);
      expect((await get(member, `/api/consents/${id}/form.pdf`)).statusCode).toBe(404);
      expect((await post(member, `/api/consents/${id}/withdraw`, { byKind: 'young_person' })).statusCode).toBe(404);
    }
    const denied = (await t.auditEvents(w.tenant, 'consent.read')).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.actorUserId).sort()).toEqual([teacher.userId, officer.userId].sort());
    expect(denied.every((e) => e.personId === w.youth.id && e.resourceId === id)).toBe(true);
    expect((await t.auditEvents(w.tenant, 'consent.list')).filter((e) => e.outcome === 'denied')).toHaveLength(2);
  });

  it('the case officer reads and lists but may not record parties or withdraw; another tenant sees nothing', async () => {
    const w = await world();
    const older = await createConsent(w, { validFrom: '2025-01-01' });
    const newer = await createConsent(w);
    const list = await get(w.officer, `/api/consents?personId=${w.youth.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().consents.map((c: { id: string }) => c.id)).toEqual([newer, older]);
    const one = await get(w.officer, `/api/consents/${newer}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().abilities).toMatchObject({ read: true, recordParty: false, withdraw: false });
    expect((await post(w.officer, `/api/consents/${newer}/parties`, oral({ kind: 'young_person' }))).statusCode).toBe(404);
    expect((await post(w.officer, `/api/consents/${newer}/withdraw`, { byKind: 'young_person' })).statusCode).toBe(404);
    const [listed] = await t.auditEvents(w.tenant, 'consent.list');
    expect(listed).toMatchObject({ outcome: 'allowed', personId: w.youth.id, details: { count: 2 } });

    const other = await world();
    expect((await get(other.coordinator, `/api/consents/${newer}`)).statusCode).toBe(404);
    expect((await get(other.coordinator, `/api/consents?personId=${w.youth.id}`)).statusCode).toBe(404);
  });
});

describe('without a session, and protected persons', () => {
  it('answers 401 without a session, before reading an upload', async () => {
    const w = await world();
    const id = await createConsent(w);
    expect((await t.app.inject({ method: 'GET', url: `/api/consents/${id}` })).statusCode).toBe(401);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/consents/${id}/documents`,
      headers: { 'content-type': 'application/pdf', 'x-samverka-csrf': '1' },
      // Too large as well: the answer is 401, not 413, because the session is checked first.
      payload: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('the coordinator records and reads the consent of a person with skyddad folkbokföring (issue 12); school staff still may not', async () => {
    const w = await world();
    const hidden = await t.person(w.tenant, { identityNumber: identityNumberBornOn(birthDateForAge(15)), protectedIdentity: 'skyddad_folkbokforing', schoolId: w.school.id });
    const recorded = await post(w.coordinator, '/api/consents', { ...scope(w), organisationIds: [w.social.id, w.police.id], personId: hidden.id });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const listed = await get(w.coordinator, `/api/consents?personId=${hidden.id}`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().consents.map((c: { id: string }) => c.id)).toEqual([recorded.json().id]);
    // The consent never says where the person goes to school.
    expect(listed.body).not.toContain('Norrskolan');
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    expect((await get(teacher, `/api/consents?personId=${hidden.id}`)).statusCode).toBe(403);
  });

  it('a scan of another person cannot be read through this consent', async () => {
    const w = await world();
    const id = await createConsent(w);
    const sibling = await t.person(w.tenant, { identityNumber: identityNumberBornOn(birthDateForAge(13)), guardianIds: w.guardians.map((g) => g.id) });
    const siblingConsent = await createConsent(w, { personId: sibling.id });
    const scan = (await upload(w.coordinator, `/api/consents/${siblingConsent}/documents`, PDF, 'application/pdf')).json();
    expect((await get(w.coordinator, `/api/consents/${id}/documents/${scan.id}`)).statusCode).toBe(404);
    const party = await post(w.coordinator, `/api/consents/${id}/parties`, { kind: 'young_person', method: 'paper', givenOn: TODAY, documentId: scan.id });
    expect(party.statusCode).toBe(400);
    expect(party.json().error.fields.documentId).toBeTruthy();
  });
});

describe('withdrawal and expiry', () => {
  it('withdrawal applies at once, tells the case director and writes the case chronology', async () => {
    const w = await world();
    const director = await t.member(w.tenant, w.social, 'koordinator');
    const [theCase] = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) =>
      tx.insert(sspfCase).values({ tenantId: w.tenant.id, personId: w.youth.id, directorUserId: director.userId, ownerOrganisationId: w.social.id }).returning(),
    );
    const id = await createConsent(w, { caseId: theCase!.id });
    await giveAll(w, id);
    expect((await view(w)).stateFor({ organisationId: w.school.id, userId: 'x' }, 'skola')).toBe('in_scope');

    const withdrawn = await post(w.coordinator, `/api/consents/${id}/withdraw`, { byKind: 'guardian', byGuardianId: w.guardians[1]!.id, note: 'Pappan vill inte längre' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    const after = await view(w);
    expect(after.stateFor({ organisationId: w.school.id, userId: 'x' }, 'skola')).toBe('withdrawn');
    expect(after.stateFor({ organisationId: w.police.id, userId: 'x' }, 'polis')).toBe('withdrawn');

    const notes = await inContext(t.database.db, { tenantId: w.tenant.id, userId: director.userId }, (tx) =>
      tx.select().from(notification).where(and(eq(notification.tenantId, w.tenant.id), eq(notification.userId, director.userId))),
    );
    expect(notes).toEqual([expect.objectContaining({ kind: 'consent.withdrawn', link: `/samverkan/${theCase!.id}` })]);
    const events = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(caseEvent).where(eq(caseEvent.caseId, theCase!.id)));
    expect(events).toEqual([expect.objectContaining({ type: 'consent_withdrawn', section: 'consent', personId: w.youth.id, actorUserId: w.coordinator.userId })]);
    expect(JSON.stringify(events[0]!.details)).not.toContain('Pappan');
    const [audit] = await t.auditEvents(w.tenant, 'consent.withdraw');
    expect(audit).toMatchObject({ outcome: 'allowed', personId: w.youth.id, resourceId: id });

    // Nothing more can be added to a withdrawn consent, and it cannot be withdrawn twice.
    expect((await post(w.coordinator, `/api/consents/${id}/withdraw`, { byKind: 'young_person' })).statusCode).toBe(400);
    expect((await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person' }))).statusCode).toBe(400);
  });

  it('a guardian who is not the person’s cannot withdraw it; a consent without a case notifies nobody', async () => {
    const w = await world();
    const id = await createConsent(w);
    await giveAll(w, id);
    const stranger = await t.person(w.tenant, { identityNumber: identityNumberBornOn('1970-02-02') });
    expect((await post(w.coordinator, `/api/consents/${id}/withdraw`, { byKind: 'guardian', byGuardianId: stranger.id })).statusCode).toBe(400);
    expect((await post(w.coordinator, `/api/consents/${id}/withdraw`, { byKind: 'young_person' })).json().status).toBe('withdrawn');
    const notes = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(notification).where(eq(notification.tenantId, w.tenant.id)));
    expect(notes).toHaveLength(0);
  });

  it('a consent past its last day reads as expired, the day before as in force', async () => {
    const w = await world();
    const id = await createConsent(w, { validFrom: `${THIS_YEAR - 1}-01-01`, validTo: `${THIS_YEAR - 1}-12-31` });
    // Given back then: the parties' dates are in the past, which the API accepts.
    for (const guardian of w.guardians) await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'guardian', guardianId: guardian.id, givenOn: `${THIS_YEAR - 1}-01-01` }));
    await post(w.coordinator, `/api/consents/${id}/parties`, oral({ kind: 'young_person', givenOn: `${THIS_YEAR - 1}-01-01` }));
    expect((await get(w.coordinator, `/api/consents/${id}`)).json().status).toBe('expired');
    const recipient = { organisationId: w.school.id, userId: 'x' };
    expect((await view(w)).stateFor(recipient, 'skola')).toBe('expired');
    expect((await view(w, `${THIS_YEAR - 1}-12-31`)).stateFor(recipient, 'skola')).toBe('in_scope');
    expect((await view(w, `${THIS_YEAR}-01-01`)).stateFor(recipient, 'skola')).toBe('expired');
  });
});

describe('the printable form', () => {
  it('names the person, the recipients, the information, the purpose, validity, withdrawal and a line for each signer', async () => {
    const w = await world({ age: 16 });
    const teacher = await t.member(w.tenant, w.school, 'skolpersonal');
    const id = await createConsent(w, { userIds: [teacher.userId], categories: ['skola', 'polis'], validFrom: '2026-03-01', validTo: '2026-12-31' });
    const response = await get(w.officer, `/api/consents/${id}/form.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = readPdf(response.rawPayload).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Samtycke till samverkan',
      'Elsa Lind',
      '10 mars',
      'Norrskolan',
      'Test skolpersonal',
      'Skolsituation',
      'Polisens uppgifter (brott)',
      'Uppgifter om samverkan',
      'Gemensam plan för stöd i skolan och på fritiden',
      'Från och med 1 mars 2026 till och med 31 december 2026',
      'när som helst återkalla',
      'Vårdnadshavare: Maria Lind',
      'Vårdnadshavare: Johan Lind',
      'Den unga personen: Elsa Lind',
      'Underskrift',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Hälsa');
    const [event] = await t.auditEvents(w.tenant, 'consent.form.print');
    expect(event).toMatchObject({ outcome: 'allowed', personId: w.youth.id, actorUserId: w.officer.userId });
  });
});
