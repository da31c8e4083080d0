import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TestMember, TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { exchangeIncomingRequest, exchangeMessageLog, exchangeOutbox, exchangeParticipation, securityEvent } from '../../src/server/db/schema';
import { parseSigningKey } from '../../src/server/audit/signing-key';
import { generateKeyPairSync } from 'node:crypto';
import { exchangeNodeOf, sendExchangeMessage } from '../../src/server/modules/housing-exchange/transport';
import { JWS_CONTENT_TYPE, signMessage } from '../../src/server/modules/exchange-federation/signing';
import { startInstallation, until, type Installation } from './exchange-federation-support';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Issue 16 §5: two real servers (startServer) with two databases on this machine, Gävle's installation
 * and Sandviken's, which pin each other's keys through their administrators' API and exchange signed
 * messages over HTTP. Runs on two PGlite data directories, or two PostgreSQL databases with TEST_DATABASE_URL.
 */
let gavle: Installation;
let sandviken: Installation;
interface Side {
  installation: Installation;
  tenant: TestTenant;
  admin: TestMember;
}
let g: Side;
let s: Side;

beforeAll(async () => {
  [gavle, sandviken] = await Promise.all([startInstallation('gavle'), startInstallation('sandviken')]);
  g = await side(gavle, 'Gävle', '2180');
  s = await side(sandviken, 'Sandviken', '2181');
  await pinEachOther(g, s);
  await pinEachOther(s, g);
}, 180_000);
afterAll(async () => {
  await Promise.all([gavle?.close(), sandviken?.close()]);
});

async function side(installation: Installation, name: string, municipalityCode: string): Promise<Side> {
  const { t } = installation;
  const tenant = await t.tenant(name);
  const social = await t.organisation(tenant, 'socialtjanst');
  const admin = await t.member(tenant, social, 'administrator');
  // The tenant takes part in the exchange (the administrator's decision; made through the exchange's own API elsewhere).
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.insert(exchangeParticipation).values({ tenantId: tenant.id, municipalityCode, decidedOn: '2026-11-02', decisionReference: 'KS 2026/117', decidedBy: admin.userId }),
  );
  return { installation, tenant, admin };
}

/** `a`'s administrator fetches `b`'s public key (out of band in real life: the thumbprint is read over the phone) and pins it. */
async function pinEachOther(a: Side, b: Side) {
  const key = (await (await fetch(`${b.installation.url}/api/exchange/federation/key`)).json()) as { installationId: string; jwk: object; endpointUrl: string };
  expect(key.installationId).toBe(b.installation.installationId);
  const response = await fetch(`${a.installation.url}/api/exchange/federation/partners`, {
    method: 'POST',
    headers: { ...a.admin.headers, 'content-type': 'application/json', origin: a.installation.url },
    body: JSON.stringify({
      installationId: key.installationId,
      name: `${b.tenant.name} installation`,
      endpointUrl: key.endpointUrl,
      publicJwk: key.jwk,
      tenants: [{ tenantId: b.tenant.id, name: b.tenant.name.split(' ')[0], municipalityCode: b === g ? '2180' : '2181' }],
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

const ACCEPTABLE = ['2180', '2181', '2182', '2183', '2184'];
function requestPublished(from: Side, to: Side) {
  return {
    id: randomUUID(),
    type: 'request.published' as const,
    version: 1 as const,
    sentAt: new Date().toISOString(),
    from: { installation: from.installation.installationId, tenant: from.tenant.id },
    to: { installation: to.installation.installationId, tenant: to.tenant.id },
    body: {
      requestId: randomUUID(),
      householdSize: 1,
      ageBands: ['18-20' as const],
      rooms: 1,
      accessibility: [],
      schoolNeeds: ['inga' as const],
      avoidCodes: ['0180'],
      acceptableCodes: ACCEPTABLE,
      moveBy: '2027-03-01',
      exitSupportInPlace: true as const,
      ownWishRecorded: true as const,
      publishedAt: new Date().toISOString(),
    },
  };
}

/** As the housing exchange sends: the step's transaction in the sending tenant, which queues the message. */
async function send(from: Side, message: ReturnType<typeof requestPublished>) {
  await inContext(from.installation.t.database.db, { tenantId: from.tenant.id, userId: null }, (tx) => sendExchangeMessage(tx, exchangeNodeOf(from.installation.t.config, from.installation.t.cipher), message));
}

const mirrors = (at: Side) =>
  inContext(at.installation.t.database.db, { tenantId: at.tenant.id, userId: null }, (tx) =>
    tx.select({ id: exchangeIncomingRequest.id, fromName: exchangeIncomingRequest.fromName }).from(exchangeIncomingRequest).where(eq(exchangeIncomingRequest.tenantId, at.tenant.id)),
  );
const received = (at: Side) =>
  inContext(at.installation.t.database.db, { tenantId: at.tenant.id, userId: null }, (tx) =>
    tx.select({ id: exchangeMessageLog.messageId }).from(exchangeMessageLog).where(and(eq(exchangeMessageLog.tenantId, at.tenant.id), eq(exchangeMessageLog.direction, 'in'))),
  );
const outbox = (at: Side) =>
  inContext(at.installation.t.database.db, { tenantId: at.tenant.id, userId: null }, (tx) =>
    tx.select().from(exchangeOutbox).where(eq(exchangeOutbox.tenantId, at.tenant.id)).orderBy(asc(exchangeOutbox.createdAt)),
  );
const refusals = (at: Side) =>
  at.installation.t.database.asOwner((owner) =>
    owner
      .select({ details: securityEvent.details, ip: securityEvent.ip })
      .from(securityEvent)
      .where(and(eq(securityEvent.kind, 'exchange.message_refused'), sql`${at.tenant.id}::uuid = any(${securityEvent.tenantIds})`))
      .orderBy(asc(securityEvent.occurredAt)),
  );
const post = (to: Side, jws: string) => fetch(`${to.installation.url}/api/exchange/federation/messages`, { method: 'POST', headers: { 'content-type': JWS_CONTENT_TYPE }, body: jws });

describe('two installations', () => {
  it('carry a published request from Gävle’s server to Sandviken’s, signed, through the outbox', async () => {
    const message = requestPublished(g, s);
    await send(g, message);
    await until('the request reaches Sandviken', async () => (await mirrors(s)).some((m) => m.id === message.body.requestId));
    expect((await mirrors(s)).find((m) => m.id === message.body.requestId)?.fromName).toBe('Gävle');
    await until('Gävle records it as delivered', async () => (await outbox(g)).some((r) => r.messageId === message.id && r.status === 'sent'));
  });

  it('refuse and log a bad signature, a replayed message and an unknown partner', async () => {
    const before = (await refusals(s)).length;
    // A stranger's installation, pinned by nobody.
    const stranger = generateKeyPairSync('ed25519');
    const fromStranger = { ...requestPublished(g, s), from: { installation: 'stranger.samverka.test', tenant: randomUUID() } };
    expect((await post(s, await signMessage(fromStranger, { installationId: 'stranger.samverka.test', privateKey: stranger.privateKey }, new Date()))).status).toBe(403);
    // Claims to be Gävle, signed with another key.
    const forged = requestPublished(g, s);
    expect((await post(s, await signMessage(forged, { installationId: g.installation.installationId, privateKey: stranger.privateKey }, new Date()))).status).toBe(400);
    // Genuinely Gävle's (its key), sent twice: applied once.
    const genuine = requestPublished(g, s);
    const jws = await signMessage(genuine, { installationId: g.installation.installationId, privateKey: parseSigningKey(g.installation.privateKeyBase64).privateKey }, new Date());
    const first = await post(s, jws);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toEqual({ status: 'applied', messageId: genuine.id });
    const replay = await post(s, jws);
    expect(await replay.json()).toEqual({ status: 'duplicate', messageId: genuine.id });
    expect((await received(s)).filter((r) => r.id === genuine.id)).toHaveLength(1);
    expect((await mirrors(s)).map((m) => m.id)).not.toContain(forged.body.requestId);

    const logged = (await refusals(s)).slice(before).map((r) => (r.details as { reason: string }).reason);
    expect(logged).toEqual(['unknown_partner', 'bad_signature', 'replayed']);
  });

  it('lose nothing while the receiving server is down: the outbox retries until it is back', async () => {
    await sandviken.pause();
    const messages = [requestPublished(g, s), requestPublished(g, s), requestPublished(g, s)];
    for (const message of messages) await send(g, message);
    await until('Gävle has tried and failed at least once', async () => (await outbox(g)).some((r) => r.messageId === messages[0]!.id && r.attempts >= 1 && r.lastError?.startsWith('NETWORK') === true));
    expect((await outbox(g)).filter((r) => messages.some((m) => m.id === r.messageId)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

    await sandviken.restart();
    await until('all three are delivered', async () => (await outbox(g)).filter((r) => messages.some((m) => m.id === r.messageId) && r.status === 'sent').length === 3, 60_000);
    const arrived = await received(s);
    for (const message of messages) expect(arrived.filter((r) => r.id === message.id)).toHaveLength(1);
    expect((await mirrors(s)).map((m) => m.id)).toEqual(expect.arrayContaining(messages.map((m) => m.body.requestId)));
  });
});

async function api(side: Side, member: TestMember, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const response = await side.installation.t.app.inject({ method, url, headers: member.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response.json() as Record<string, unknown> & { [key: string]: any };
}

describe('a request from publication to a confirmed move, between two installations', () => {
  it('is published by Gävle, offered for by Sandviken, proposed, accepted, confirmed, scheduled and moved, each step signed over HTTP and in both logs', async () => {
    // Each municipality names its exchange officer (and Sandviken its housing company) in its participation.
    const officers = new Map<Side, TestMember>();
    let housing = '';
    for (const side of [g, s]) {
      const { t } = side.installation;
      const social = await t.organisation(side.tenant, 'socialtjanst');
      const officer = await t.member(side.tenant, social, 'utbytessamordnare');
      officers.set(side, officer);
      const company = await t.organisation(side.tenant, 'bostadsbolag', { isAuthority: false });
      if (side === s) housing = company.id;
      await api(side, side.admin, 'PUT', '/api/exchange/participation', {
        municipalityCode: side === g ? '2180' : '2181',
        decidedOn: '2026-11-02',
        decisionReference: 'KS 2026/117',
        officerMembershipIds: [officer.membershipId],
        housingPartnerOrganisationIds: [company.id],
      });
    }
    const gOfficer = officers.get(g)!;
    const sOfficer = officers.get(s)!;

    const created = await api(g, gOfficer, 'POST', '/api/exchange/requests', {
      origin: { kind: 'avhopp', reference: 'AV-2026-14' },
      householdSize: 1,
      ageBands: ['18-20'],
      rooms: 1,
      schoolNeeds: ['inga'],
      avoidCodes: ['0180'],
      acceptableCodes: ['2181', '2180', '2182', '2183', '2184'],
      moveBy: '2027-03-01',
      exitSupportInPlace: true,
      ownWish: { recordedBy: 'Handläggare Avhopp', recordedOn: '2026-11-20' },
      note: 'Stannar hos moster till flytten.',
      publish: true,
    });
    const requestId = created.id as string;

    await until('Sandviken sees the request', async () => JSON.stringify(await api(s, sOfficer, 'GET', '/api/exchange/incoming-requests')).includes(requestId));
    const incoming = JSON.stringify(await api(s, sOfficer, 'GET', `/api/exchange/incoming-requests/${requestId}`));
    // What left Gävle holds no case reference, no note, no names.
    for (const secret of ['AV-2026-14', 'moster', 'Handläggare Avhopp']) expect(incoming).not.toContain(secret);

    const offer = await api(s, sOfficer, 'POST', '/api/exchange/offers', {
      housingPartnerOrganisationId: housing,
      requestId,
      rooms: 1,
      sizeSqm: 34,
      municipalityCode: '2181',
      district: 'Centrum',
      availableFrom: '2027-01-15',
    });
    const offerId = offer.id as string;

    await until('Gävle sees the offer as a match for its request', async () => JSON.stringify((await api(g, gOfficer, 'GET', `/api/exchange/requests/${requestId}`)).matchingOffers).includes(offerId));
    const match = await api(g, gOfficer, 'POST', `/api/exchange/requests/${requestId}/matches`, { offerId });
    const matchId = match.id as string;

    const statusAt = async (side: Side) => {
      const found = await api(side, officers.get(side)!, 'GET', `/api/exchange/matches/${matchId}`).catch(() => null);
      return (found?.status as string | undefined) ?? null;
    };
    await until('Sandviken sees the proposal', async () => (await statusAt(s)) === 'foreslagen');
    await api(s, sOfficer, 'POST', `/api/exchange/matches/${matchId}/accept`);
    await until('Gävle sees the acceptance', async () => (await statusAt(g)) === 'accepterad');
    await api(g, gOfficer, 'POST', `/api/exchange/matches/${matchId}/confirm`);
    await until('Sandviken sees the confirmation', async () => (await statusAt(s)) === 'bekraftad');
    await until('Gävle receives Sandviken’s contact', async () => (await api(g, gOfficer, 'GET', `/api/exchange/matches/${matchId}`)).partnerContact !== null);
    const gMatch = await api(g, gOfficer, 'GET', `/api/exchange/matches/${matchId}`);
    const sMatch = await api(s, sOfficer, 'GET', `/api/exchange/matches/${matchId}`);
    expect(gMatch.reference).toMatch(/^BX-[A-Z2-9]{6}$/);
    expect(sMatch.reference).toBe(gMatch.reference);
    expect(JSON.stringify(sMatch.partnerContact)).toContain(gOfficer.email);
    expect(JSON.stringify(gMatch.partnerContact)).toContain(sOfficer.email);

    await api(g, gOfficer, 'POST', `/api/exchange/matches/${matchId}/schedule`, { moveOn: '2027-02-01' });
    await api(g, gOfficer, 'POST', `/api/exchange/matches/${matchId}/moved`, { movedOn: '2027-02-01' });
    await until('Sandviken sees the move done', async () => (await statusAt(s)) === 'flyttad');

    // Each tenant's log shows its own side; the receiving side's as the exchange partner, with no personal data.
    const received = await s.installation.t.auditEvents(s.tenant, 'exchange.message_received');
    expect(received.map((e) => (e.details as { type: string }).type)).toEqual(expect.arrayContaining(['request.published', 'match.proposed', 'match.confirmed', 'move.scheduled', 'move.completed']));
    expect(received.every((e) => (e.details as { fromInstallation: string }).fromInstallation === g.installation.installationId)).toBe(true);
    expect(JSON.stringify(received)).not.toContain(gOfficer.email);
    const gReceived = await g.installation.t.auditEvents(g.tenant, 'exchange.message_received');
    expect(gReceived.map((e) => (e.details as { type: string }).type)).toEqual(expect.arrayContaining(['offer.published', 'match.accepted', 'contact.shared']));
    // Every step crossed as a signed message, and Gävle's outbox records each as delivered (the answer may trail the apply).
    const steps = ['request.published', 'match.proposed', 'match.confirmed', 'move.scheduled', 'move.completed'];
    await until('Gävle records every step as delivered', async () => {
      const rows = (await outbox(g)).filter((r) => r.toInstallation === s.installation.installationId && steps.includes(r.type));
      return steps.every((type) => rows.some((r) => r.type === type)) && rows.every((r) => r.status === 'sent' && r.bodyEncrypted === null);
    });
  });
});
