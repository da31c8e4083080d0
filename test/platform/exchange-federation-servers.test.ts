import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TestMember, TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { exchangeIncomingRequest, exchangeMessageLog, exchangeOutbox, exchangeParticipation, securityEvent } from '../../src/server/db/schema';
import { parseSigningKey } from '../../src/server/audit/signing-key';
import { generateKeyPairSync } from 'node:crypto';
import { sendExchangeMessage } from '../../src/server/modules/housing-exchange/transport';
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
  await inContext(from.installation.t.database.db, { tenantId: from.tenant.id, userId: null }, (tx) => sendExchangeMessage(tx, message));
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
