import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseMember } from '../../src/server/db/schema';
import { insertCase } from './retention-support';
import { allNotifications } from './notifications-support';
import { sendDueReminders } from '../../src/server/modules/reminders/send-reminders';
import { applyExchangeMessage, envelope, exchangeNodeOf, registerRemotePartners, registerRemoteTransport } from '../../src/server/modules/housing-exchange/transport';
import type { ExchangeEnvelope } from '../../src/shared/exchange-messages';
import { exchangeEnvelopeSchema } from '../../src/shared/exchange-messages';
import { MUNICIPALITIES, REGIONS } from '../../src/shared/municipalities';
import { ROLE_KEYS, type Role } from '../../src/shared/roles';

vi.setConfig({ testTimeout: 240_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const send = (member: TestMember, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: member.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const ok = async (response: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) => {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** Every row of the exchange tables of one tenant, as text, read in that tenant's RLS context. */
async function exchangeRowsOf(tenant: TestTenant): Promise<string> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const tables = ['exchange_incoming_request', 'exchange_incoming_offer', 'exchange_match', 'exchange_sealed', 'exchange_message_log', 'exchange_unsuitable'];
    const parts: string[] = [];
    for (const table of tables) parts.push(JSON.stringify((await tx.execute(sql.raw(`select * from ${table}`))).rows));
    return parts.join('\n');
  });
}

async function municipality(name: string, code: string) {
  const tenant = await t.tenant(name);
  const social = await t.organisation(tenant, 'socialtjanst', { name: `Socialtjänsten ${name}` });
  const housing = await t.organisation(tenant, 'bostadsbolag', { name: `${name}hem AB` });
  const officer = await t.member(tenant, social, 'utbytessamordnare');
  const administrator = await t.member(tenant, social, 'administrator');
  await ok(
    send(administrator, 'PUT', '/api/exchange/participation', {
      municipalityCode: code,
      decidedOn: '2026-11-02',
      decisionReference: 'KS 2026/117',
      officerMembershipIds: [officer.membershipId],
      housingPartnerOrganisationIds: [housing.id],
    }),
  );
  return { tenant, social, housing, officer, administrator, code };
}
type Municipality = Awaited<ReturnType<typeof municipality>>;

/** The coordinator has put the officer on the case's team (a request is made only from such a case). */
async function putOnTeam(from: Municipality, caseId: string) {
  await inContext(t.database.db, { tenantId: from.tenant.id, userId: null }, (tx) =>
    tx.insert(caseMember).values({ tenantId: from.tenant.id, caseId, userId: from.officer.userId, organisationId: from.social.id, caseRole: 'Utbytessamordnare', addedBy: 'test' }),
  );
}

const ACCEPTABLE = ['2181', '2180', '2101', '2104', '03'];

async function makeRequest(from: Municipality, overrides: Record<string, unknown> = {}) {
  const person = await t.person(from.tenant, { firstName: 'Alexander', lastName: 'Hemligsson' });
  const caseId = await insertCase(t, from.tenant, { personId: person.id, organisationId: from.social.id });
  await putOnTeam(from, caseId);
  const body = {
    origin: { kind: 'sspf', caseId },
    householdSize: 1,
    ageBands: ['18-20'],
    rooms: 1,
    accessibility: [],
    schoolNeeds: ['inga'],
    avoidCodes: ['0180'],
    acceptableCodes: ACCEPTABLE,
    moveBy: '2027-03-01',
    exitSupportInPlace: true,
    ownWish: { recordedBy: 'Hanna Handläggare', recordedOn: '2026-11-20' },
    note: 'Internt: Alexander Hemligsson, Storgatan 12, hotad av nätverket',
    ...overrides,
  };
  const created = await ok(send(from.officer, 'POST', '/api/exchange/requests', body), 201);
  return { request: created, person, caseId };
}

async function makeOffer(by: Municipality, overrides: Record<string, unknown> = {}) {
  return ok(
    send(by.officer, 'POST', '/api/exchange/offers', {
      housingPartnerOrganisationId: by.housing.id,
      rooms: 2,
      sizeSqm: 48,
      municipalityCode: by.code,
      district: 'Norr',
      availableFrom: '2027-01-15',
      accessibility: ['nara_kollektivtrafik'],
      conditions: ['forstahandskontrakt'],
      conditionsText: 'Hyra 6 200 kr/mån',
      ...overrides,
    }),
    201,
  );
}

describe('municipalities', () => {
  it('lists Sweden’s 290 municipalities and 21 regions, each municipality in a region by its code', () => {
    expect(MUNICIPALITIES).toHaveLength(290);
    expect(REGIONS).toHaveLength(21);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(290);
    const regions = new Set(REGIONS.map((r) => r.code));
    expect(MUNICIPALITIES.every((m) => regions.has(m.regionCode))).toBe(true);
    expect(MUNICIPALITIES.find((m) => m.code === '2180')?.name).toBe('Gävle');
  });
});

describe('housing exchange between two tenants of one installation', () => {
  it('carries a request from publication to the follow-up; the other side never receives identity; both logs show their own side', async () => {
    const gavle = await municipality('Gävle', '2180');
    const sandviken = await municipality('Sandviken', '2181');

    const { request, caseId } = await makeRequest(gavle);
    expect(request.status).toBe('publicerad');
    expect(request.origin).toEqual({ kind: 'sspf', caseId });
    expect(request.note).toContain('Hemligsson');

    // Sandviken sees the request without any identity.
    const incoming = await ok(get(sandviken.officer, '/api/exchange/incoming-requests'));
    expect(incoming.requests).toHaveLength(1);
    expect(incoming.requests[0]).toMatchObject({ id: request.id, rooms: 1, acceptableCodes: ACCEPTABLE, from: { tenantId: gavle.tenant.id } });
    const offer = await makeOffer(sandviken, { requestId: request.id });
    const pooled = await makeOffer(sandviken, { rooms: 3 });

    // Gävle's matching: both fit (for the request and the pool).
    let detail = await ok(get(gavle.officer, `/api/exchange/requests/${request.id}`));
    expect(detail.matchingOffers.map((o: { id: string }) => o.id).sort()).toEqual([offer.id, pooled.id].sort());

    // Sandviken privately marks the pooled offer unsuitable for this request: Gävle no longer sees it as a match.
    await ok(send(sandviken.officer, 'POST', `/api/exchange/incoming-requests/${request.id}/unsuitable`, { offerIds: [pooled.id], reason: 'Nära en hotspot i lägesbilden' }));
    detail = await ok(get(gavle.officer, `/api/exchange/requests/${request.id}`));
    expect(detail.matchingOffers.map((o: { id: string }) => o.id)).toEqual([offer.id]);

    // Proposed → accepted → confirmed.
    const match = await ok(send(gavle.officer, 'POST', `/api/exchange/requests/${request.id}/matches`, { offerId: offer.id }), 201);
    expect(match).toMatchObject({ side: 'sender', status: 'foreslagen', reference: null, partnerContact: null });
    const theirs = await ok(get(sandviken.officer, `/api/exchange/matches/${match.id}`));
    expect(theirs).toMatchObject({ side: 'receiver', status: 'foreslagen', requestId: request.id, offerId: offer.id });
    await ok(send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/accept`));
    expect((await ok(get(gavle.officer, `/api/exchange/matches/${match.id}`))).status).toBe('accepterad');
    // Before confirmation neither named officer sees the other's contact.
    expect((await ok(get(sandviken.officer, `/api/exchange/matches/${match.id}`))).partnerContact).toBeNull();
    const confirmed = await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/confirm`));
    expect(confirmed.status).toBe('bekraftad');
    expect(confirmed.reference).toMatch(/^BX-[A-Z2-9]{6}$/);
    expect(confirmed.partnerContact).toMatchObject({ email: sandviken.officer.email });
    const receiverView = await ok(get(sandviken.officer, `/api/exchange/matches/${match.id}`));
    expect(receiverView).toMatchObject({ status: 'bekraftad', reference: confirmed.reference, partnerContact: { email: gavle.officer.email } });

    // Another officer in Gävle (named too) sees the match, not the contacts.
    const second = await t.member(gavle.tenant, gavle.social, 'utbytessamordnare');
    await ok(
      send(gavle.administrator, 'PUT', '/api/exchange/participation', {
        municipalityCode: '2180',
        decidedOn: '2026-11-02',
        decisionReference: 'KS 2026/117',
        officerMembershipIds: [gavle.officer.membershipId, second.membershipId],
        housingPartnerOrganisationIds: [gavle.housing.id],
      }),
    );
    expect(await ok(get(second, `/api/exchange/matches/${match.id}`))).toMatchObject({ status: 'bekraftad', reference: null, partnerContact: null });

    // The one-time sealed message: opened once, then gone; the sender never stores its text.
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/sealed`, { text: 'Namnet är Alexander, ring 070-1112233' }));
    expect((await send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/sealed`, { text: 'igen' })).statusCode).toBe(409);
    expect(await exchangeRowsOf(gavle.tenant)).not.toContain('070-1112233');
    expect((await send(second, 'POST', `/api/exchange/matches/${match.id}/sealed/open`)).statusCode).toBe(404);
    const opened = await ok(send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/sealed/open`));
    expect(opened.text).toBe('Namnet är Alexander, ring 070-1112233');
    expect((await send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/sealed/open`)).statusCode).toBe(404);
    expect(await exchangeRowsOf(sandviken.tenant)).not.toContain('070-1112233');

    // Move scheduled → moved → follow-up (due 3 months later).
    await ok(send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/schedule`, { moveOn: '2027-01-20' }));
    expect((await ok(get(gavle.officer, `/api/exchange/requests/${request.id}`))).status).toBe('flytt_planerad');
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/moved`, { movedOn: '2027-01-20' }));
    const moved = await ok(get(gavle.officer, `/api/exchange/matches/${match.id}`));
    expect(moved).toMatchObject({ status: 'flyttad', movedOn: '2027-01-20', followUpDue: '2027-04-20' });
    // The reminders job reminds the named sending officer once when the follow-up is due, not before.
    await sendDueReminders(t.database, new Date('2027-04-10T09:00:00Z'), [gavle.tenant.id]);
    expect((await allNotifications(t, gavle.tenant)).filter((n) => n.kind === 'exchange.followup_due')).toEqual([]);
    await sendDueReminders(t.database, new Date('2027-04-21T09:00:00Z'), [gavle.tenant.id]);
    await sendDueReminders(t.database, new Date('2027-04-22T09:00:00Z'), [gavle.tenant.id]);
    const reminders = (await allNotifications(t, gavle.tenant)).filter((n) => n.kind === 'exchange.followup_due');
    expect(reminders.map((n) => n.userId)).toEqual([gavle.officer.userId]);
    expect((await send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/follow-up`, { outcome: 'bor_kvar' })).statusCode).toBe(409);
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/follow-up`, { outcome: 'bor_kvar' }));
    expect((await ok(get(sandviken.officer, `/api/exchange/matches/${match.id}`))).status).toBe('uppfoljd');

    // Nothing Sandviken holds names the young person, the case, the note or the private reason's author side.
    const received = await exchangeRowsOf(sandviken.tenant);
    for (const secret of ['Alexander', 'Hemligsson', 'Storgatan', caseId, 'Hanna Handläggare', 'nätverket']) expect(received).not.toContain(secret);
    // Gävle never learns Sandviken's private reason.
    expect(await exchangeRowsOf(gavle.tenant)).not.toContain('hotspot');

    // Both logs show their own side: Gävle's officer's steps, and Sandviken's as the exchange partner.
    const gavleLog = await t.auditEvents(gavle.tenant);
    expect(gavleLog.filter((e) => e.action === 'exchange.match_confirm' && e.actorUserId === gavle.officer.userId)).toHaveLength(1);
    expect(gavleLog.filter((e) => e.action === 'exchange.message_received').map((e) => (e.details as { type: string }).type)).toEqual(
      expect.arrayContaining(['offer.published', 'match.accepted', 'contact.shared', 'move.scheduled', 'sealed.opened']),
    );
    const sandvikenLog = await t.auditEvents(sandviken.tenant);
    expect(sandvikenLog.filter((e) => e.action === 'exchange.match_accept' && e.actorUserId === sandviken.officer.userId)).toHaveLength(1);
    const partnerEvents = sandvikenLog.filter((e) => e.action === 'exchange.message_received');
    expect(partnerEvents.map((e) => (e.details as { type: string }).type)).toEqual(
      expect.arrayContaining(['request.published', 'match.proposed', 'match.confirmed', 'sealed.sent', 'move.completed', 'followup.recorded']),
    );
    expect(partnerEvents.every((e) => e.actorUserId === null && String((e.details as { actor: string }).actor).startsWith('exchange partner Gävle'))).toBe(true);
    expect(JSON.stringify(partnerEvents)).not.toContain('Alexander');
    // Neither tenant's log holds the other's officer steps.
    expect(sandvikenLog.some((e) => e.actorUserId === gavle.officer.userId)).toBe(false);
  });

  it('refuses a request without the own wish, without exit support, with fewer than five areas, or with a personnummer (400 with field messages)', async () => {
    const gavle = await municipality('Gävle', '2180');
    const person = await t.person(gavle.tenant);
    const caseId = await insertCase(t, gavle.tenant, { personId: person.id, organisationId: gavle.social.id });
    await putOnTeam(gavle, caseId);
    const base = {
      origin: { kind: 'sspf', caseId },
      householdSize: 1,
      ageBands: ['16-17'],
      rooms: 1,
      schoolNeeds: ['gymnasium'],
      acceptableCodes: ACCEPTABLE,
      moveBy: '2027-03-01',
      exitSupportInPlace: true,
      ownWish: { recordedBy: 'Hanna Handläggare', recordedOn: '2026-11-20' },
    };
    const noWish = await send(gavle.officer, 'POST', '/api/exchange/requests', { ...base, ownWish: null });
    expect(noWish.statusCode).toBe(400);
    expect(Object.keys(noWish.json().error.fields)).toEqual(['ownWish']);
    const noSupport = await send(gavle.officer, 'POST', '/api/exchange/requests', { ...base, exitSupportInPlace: false });
    expect(noSupport.statusCode).toBe(400);
    expect(Object.keys(noSupport.json().error.fields)).toEqual(['exitSupportInPlace']);
    const fewAreas = await send(gavle.officer, 'POST', '/api/exchange/requests', { ...base, acceptableCodes: ['2181', '2180', '2101', '2104'] });
    expect(fewAreas.statusCode).toBe(400);
    expect(Object.keys(fewAreas.json().error.fields)).toEqual(['acceptableCodes']);
    const withNumber = await send(gavle.officer, 'POST', '/api/exchange/requests', { ...base, note: `Gäller ${person.identityNumber}` });
    expect(withNumber.statusCode).toBe(400);
    expect(Object.keys(withNumber.json().error.fields)).toEqual(['note']);
    const freeText = await send(gavle.officer, 'POST', '/api/exchange/requests', { ...base, name: 'Alexander' });
    expect(freeText.statusCode).toBe(400);
    // A draft without exit support may be kept, but not published until support is in place.
    const draft = await ok(send(gavle.officer, 'POST', '/api/exchange/requests', { ...base, exitSupportInPlace: false, publish: false }), 201);
    expect(draft.status).toBe('utkast');
    const publish = await send(gavle.officer, 'POST', `/api/exchange/requests/${draft.id}/publish`);
    expect(publish.statusCode).toBe(400);
    expect(Object.keys(publish.json().error.fields)).toEqual(['exitSupportInPlace']);
    // Nothing was sent.
    const sent = await inContext(t.database.db, { tenantId: gavle.tenant.id, userId: null }, async (tx) => (await tx.execute(sql`select type from exchange_message_log where type = 'request.published'`)).rows);
    expect(sent).toEqual([]);
  });

  it('visibility: only named exchange officers see the exchange; the administrator manages participation only; the other tenant sees nothing unpublished', async () => {
    const gavle = await municipality('Gävle', '2180');
    const sandviken = await municipality('Sandviken', '2181');
    const draftCase = await t.person(gavle.tenant);
    const caseId = await insertCase(t, gavle.tenant, { personId: draftCase.id, organisationId: gavle.social.id });
    await putOnTeam(gavle, caseId);
    const { request } = await makeRequest(gavle);
    const draft = await ok(
      send(gavle.officer, 'POST', '/api/exchange/requests', {
        origin: { kind: 'sspf', caseId },
        householdSize: 1,
        ageBands: ['18-20'],
        rooms: 1,
        schoolNeeds: ['inga'],
        acceptableCodes: ACCEPTABLE,
        moveBy: '2027-03-01',
        exitSupportInPlace: false,
        ownWish: { recordedBy: 'Hanna Handläggare', recordedOn: '2026-11-20' },
        publish: false,
      }),
      201,
    );
    const offer = await makeOffer(sandviken, { requestId: request.id });
    const match = await ok(send(gavle.officer, 'POST', `/api/exchange/requests/${request.id}/matches`, { offerId: offer.id }), 201);

    // Every role but the exchange officer's, and an officer the participation does not name.
    const roles: Role[] = ROLE_KEYS.filter((role) => role !== 'utbytessamordnare');
    const unnamedOfficer = await t.member(gavle.tenant, gavle.social, 'utbytessamordnare');
    const others = [...(await Promise.all(roles.map((role) => t.member(gavle.tenant, gavle.social, role)))), unnamedOfficer];
    for (const member of others) {
      for (const url of ['/api/exchange/case-options', '/api/exchange/requests', '/api/exchange/incoming-requests', '/api/exchange/offers', '/api/exchange/incoming-offers', '/api/exchange/matches', '/api/exchange/reciprocity', '/api/exchange/partners']) {
        expect((await get(member, url)).statusCode, `${member.role} ${url}`).toBe(403);
      }
      for (const url of [`/api/exchange/requests/${request.id}`, `/api/exchange/matches/${match.id}`, `/api/exchange/requests/${randomUUID()}`]) {
        expect((await get(member, url)).statusCode, `${member.role} ${url}`).toBe(404);
      }
      expect((await send(member, 'POST', `/api/exchange/requests/${request.id}/withdraw`)).statusCode).toBe(404);
      expect((await send(member, 'POST', '/api/exchange/offers', {})).statusCode).toBeGreaterThanOrEqual(400);
    }
    // The administrator: participation only (read and manage); others may not manage it.
    const participation = await ok(get(gavle.administrator, '/api/exchange/participation'));
    expect(participation).toMatchObject({ participating: true, municipalityCode: '2180', decisionReference: 'KS 2026/117' });
    expect(participation.officers.map((o: { membershipId: string }) => o.membershipId)).toEqual([gavle.officer.membershipId]);
    expect((await ok(get(gavle.officer, '/api/exchange/participation'))).participating).toBe(true);
    expect((await send(gavle.officer, 'PUT', '/api/exchange/participation', { municipalityCode: '2180', decidedOn: '2026-11-02', decisionReference: 'x', officerMembershipIds: [gavle.officer.membershipId], housingPartnerOrganisationIds: [] })).statusCode).toBe(403);
    const coordinator = others.find((m) => m.role === 'koordinator')!;
    expect((await get(coordinator, '/api/exchange/participation')).statusCode).toBe(403);
    // Naming a non-officer membership or a non-housing organisation: 400 on the field.
    const bad = await send(gavle.administrator, 'PUT', '/api/exchange/participation', { municipalityCode: '2180', decidedOn: '2026-11-02', decisionReference: 'x', officerMembershipIds: [coordinator.membershipId], housingPartnerOrganisationIds: [] });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['officerMembershipIds']);

    // The other tenant's officer: never the draft, never Gävle's records by id.
    const incoming = await ok(get(sandviken.officer, '/api/exchange/incoming-requests'));
    expect(incoming.requests.map((r: { id: string }) => r.id)).toEqual([request.id]);
    expect((await get(sandviken.officer, `/api/exchange/incoming-requests/${draft.id}`)).statusCode).toBe(404);
    expect((await get(sandviken.officer, `/api/exchange/requests/${request.id}`)).statusCode).toBe(404);
    expect((await get(sandviken.administrator, `/api/exchange/incoming-requests/${request.id}`)).statusCode).toBe(404);
    expect((await get(sandviken.administrator, '/api/exchange/matches')).statusCode).toBe(403);
  });

  it('withdrawal at any step closes every trace on the other side; leaving withdraws everything open', async () => {
    const gavle = await municipality('Gävle', '2180');
    const sandviken = await municipality('Sandviken', '2181');
    const { request } = await makeRequest(gavle);
    const offer = await makeOffer(sandviken, { requestId: request.id });
    const match = await ok(send(gavle.officer, 'POST', `/api/exchange/requests/${request.id}/matches`, { offerId: offer.id }), 201);
    await ok(send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/accept`));
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/confirm`));
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/sealed`, { text: 'Förseglat' }));

    const withdrawn = await ok(send(gavle.officer, 'POST', `/api/exchange/requests/${request.id}/withdraw`));
    expect(withdrawn.status).toBe('aterkallad');
    expect((await ok(get(sandviken.officer, '/api/exchange/incoming-requests'))).requests).toEqual([]);
    expect((await get(sandviken.officer, `/api/exchange/incoming-requests/${request.id}`)).statusCode).toBe(404);
    expect((await get(sandviken.officer, `/api/exchange/matches/${match.id}`)).statusCode).toBe(404);
    expect((await send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/sealed/open`)).statusCode).toBe(404);
    const theirOffers = await ok(get(sandviken.officer, '/api/exchange/offers'));
    expect(theirOffers.offers.find((o: { id: string }) => o.id === offer.id)).toMatchObject({ requestId: null, status: 'aterkallad' });
    // Only a tombstone remains on Sandviken's side: id and withdrawn at, no body, no contacts, no sealed text.
    const rows = await inContext(t.database.db, { tenantId: sandviken.tenant.id, userId: null }, async (tx) => ({
      mirror: (await tx.execute(sql`select body, withdrawn_at from exchange_incoming_request where id = ${request.id}`)).rows,
      matches: (await tx.execute(sql`select id from exchange_match`)).rows,
      sealed: (await tx.execute(sql`select id from exchange_sealed`)).rows,
    }));
    expect(rows.mirror).toHaveLength(1);
    expect(rows.mirror[0]!.body).toBeNull();
    expect(rows.mirror[0]!.withdrawn_at).not.toBeNull();
    expect(rows.matches).toEqual([]);
    expect(rows.sealed).toEqual([]);
    expect(await exchangeRowsOf(sandviken.tenant)).not.toContain(gavle.officer.email);

    // Leaving the exchange withdraws every open offer and request.
    const pooled = await makeOffer(sandviken);
    expect((await ok(get(gavle.officer, '/api/exchange/incoming-offers'))).offers.map((o: { id: string }) => o.id)).toContain(pooled.id);
    await ok(send(sandviken.administrator, 'DELETE', '/api/exchange/participation'));
    expect((await ok(get(gavle.officer, '/api/exchange/incoming-offers'))).offers).toEqual([]);
    expect((await get(sandviken.officer, '/api/exchange/offers')).statusCode).toBe(403);
  });

  it('offers only the open cases whose team the officer is on, and refuses a request from any other case as unknown', async () => {
    const gavle = await municipality('Gävle', '2180');
    const person = await t.person(gavle.tenant, { firstName: 'Sam', lastName: 'Teamlös' });
    const caseId = await insertCase(t, gavle.tenant, { personId: person.id, organisationId: gavle.social.id });
    const closedCase = await insertCase(t, gavle.tenant, { personId: person.id, organisationId: gavle.social.id, closedAt: new Date() });
    const body = { origin: { kind: 'sspf', caseId }, householdSize: 1, ageBands: ['16-17'], rooms: 1, accessibility: [], schoolNeeds: ['gymnasium'], avoidCodes: [], acceptableCodes: ACCEPTABLE, moveBy: '2027-03-01', exitSupportInPlace: true, ownWish: { recordedBy: 'Hanna', recordedOn: '2026-11-20' } };

    // Not on the team: the case is not offered, and naming it is answered as a case that does not exist.
    expect((await ok(get(gavle.officer, '/api/exchange/case-options'))).cases).toEqual([]);
    const refused = await send(gavle.officer, 'POST', '/api/exchange/requests', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields['origin.caseId']).toBeTruthy();
    const unknown = await send(gavle.officer, 'POST', '/api/exchange/requests', { ...body, origin: { kind: 'sspf', caseId: randomUUID() } });
    expect(unknown.json().error.fields['origin.caseId']).toBe(refused.json().error.fields['origin.caseId']);

    // On the team of both: the open case is offered with the name (it stays in this tenant), the closed one is not.
    await putOnTeam(gavle, caseId);
    await putOnTeam(gavle, closedCase);
    const options = (await ok(get(gavle.officer, '/api/exchange/case-options'))).cases as { id: string; label: string }[];
    expect(options.map((c) => c.id)).toEqual([caseId]);
    expect(options[0]!.label).toMatch(/^Sam Teamlös · SSPF-[0-9A-F]{8}$/);
    await ok(send(gavle.officer, 'POST', '/api/exchange/requests', body), 201);
    const read = (await t.auditEvents(gavle.tenant, 'exchange.case_options')).at(-1)!;
    expect(read.details).toMatchObject({ caseIds: [caseId], personIds: [person.id] });

    // Nobody else gets the list: the administrator and a coordinator are refused.
    const coordinator = await t.member(gavle.tenant, gavle.social, 'koordinator');
    for (const other of [gavle.administrator, coordinator]) expect((await get(other, '/api/exchange/case-options')).statusCode).toBe(403);
  });

  it('applies a replayed message once, and refuses a message for a tenant that does not take part', async () => {
    const gavle = await municipality('Gävle', '2180');
    const sandviken = await municipality('Sandviken', '2181');
    const requestId = randomUUID();
    const node = exchangeNodeOf(t.config, t.cipher);
    const message = envelope(node, 'request.published', gavle.tenant.id, { installation: node.installationId, tenant: sandviken.tenant.id }, {
      requestId,
      householdSize: 1,
      ageBands: ['18-20'],
      rooms: 1,
      accessibility: [],
      schoolNeeds: ['inga'],
      avoidCodes: [],
      acceptableCodes: ACCEPTABLE,
      moveBy: '2027-03-01',
      exitSupportInPlace: true,
      ownWishRecorded: true,
      publishedAt: new Date().toISOString(),
    });
    // A message cannot carry a name: the schema is strict.
    expect(exchangeEnvelopeSchema.safeParse({ ...message, body: { ...message.body, name: 'Alexander' } }).success).toBe(false);
    const apply = () => inContext(t.database.db, { tenantId: gavle.tenant.id, userId: null }, (tx) => applyExchangeMessage(tx, node, sandviken.tenant.id, message));
    expect(await apply()).toEqual({ applied: true });
    expect(await apply()).toEqual({ applied: false });
    const incoming = await ok(get(sandviken.officer, '/api/exchange/incoming-requests'));
    expect(incoming.requests.filter((r: { id: string }) => r.id === requestId)).toHaveLength(1);
    const received = (await t.auditEvents(sandviken.tenant, 'exchange.message_received')).filter((e) => e.resourceId === message.id);
    expect(received).toHaveLength(1);

    const outsider = await t.tenant('Utanför');
    const toOutsider = { ...message, id: randomUUID(), to: { installation: node.installationId, tenant: outsider.id } };
    await expect(inContext(t.database.db, { tenantId: gavle.tenant.id, userId: null }, (tx) => applyExchangeMessage(tx, node, outsider.id, toOutsider))).rejects.toThrow(/recipient_not_participating/);
  });

  it('reciprocity per municipality over 12 months, small cells suppressed with the tenant’s k', async () => {
    const gavle = await municipality('Gävle', '2180');
    const sandviken = await municipality('Sandviken', '2181');
    for (let i = 0; i < 5; i++) await makeOffer(sandviken);
    const { request } = await makeRequest(gavle);
    const offer = await makeOffer(sandviken, { requestId: request.id });
    const match = await ok(send(gavle.officer, 'POST', `/api/exchange/requests/${request.id}/matches`, { offerId: offer.id }), 201);
    await ok(send(sandviken.officer, 'POST', `/api/exchange/matches/${match.id}/accept`));
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/confirm`));
    await ok(send(gavle.officer, 'POST', `/api/exchange/matches/${match.id}/moved`, { movedOn: '2027-01-20' }));

    const theirs = await ok(get(sandviken.officer, '/api/exchange/reciprocity'));
    expect(theirs.k).toBe(5);
    const toGavle = theirs.rows.find((r: { name: string }) => r.name === gavle.tenant.name);
    // Six offers given to Gävle: shown. One move: suppressed, not 1.
    expect(toGavle.offersGiven, JSON.stringify(theirs)).toEqual({ kind: 'value', value: 6 });
    expect(toGavle.movesCompleted).toMatchObject({ kind: 'suppressed' });
    expect(JSON.stringify(toGavle.movesCompleted)).not.toContain('"value":1');
    const ours = await ok(get(gavle.officer, '/api/exchange/reciprocity'));
    const fromSandviken = ours.rows.find((r: { name: string }) => r.name === sandviken.tenant.name);
    expect(fromSandviken.offersReceived).toMatchObject({ kind: 'suppressed' });
    expect(fromSandviken.offersGiven).toEqual({ kind: 'value', value: 0 });
  });

  it('hands a message for another installation to the registered remote transport, with no identity in it; without one it refuses', async () => {
    const gavle = await municipality('Gävle', '2180');
    const remote = { installation: 'partner.example', tenantId: randomUUID(), name: 'Fjärrkommun', municipalityCode: '2182' };
    const sent: ExchangeEnvelope[] = [];
    registerRemotePartners(async () => [remote]);
    const unregister = registerRemoteTransport(async (_tx, message) => {
      sent.push(message);
    });
    try {
      const { request, caseId } = await makeRequest(gavle);
      const out = sent.filter((m) => m.type === 'request.published' && m.to.installation === 'partner.example');
      expect(out).toHaveLength(1);
      expect(out[0]!.to.tenant).toBe(remote.tenantId);
      expect(exchangeEnvelopeSchema.safeParse(out[0]).success).toBe(true);
      const text = JSON.stringify(out[0]);
      expect(text).toContain(request.id);
      for (const secret of ['Alexander', 'Hemligsson', 'Storgatan', caseId, 'Hanna Handläggare']) expect(text).not.toContain(secret);
      unregister();
      // No remote transport: a request cannot reach the remote partner, and nothing is half-sent.
      const refused = await send(gavle.officer, 'POST', `/api/exchange/requests/${request.id}/withdraw`);
      expect(refused.statusCode).toBe(409);
      expect((await ok(get(gavle.officer, `/api/exchange/requests/${request.id}`))).status).toBe('publicerad');
    } finally {
      unregister();
      registerRemotePartners(null);
    }
  });
});
