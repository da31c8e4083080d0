import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { exchangeInbox, exchangeOutbox, securityEvent } from '../../src/server/db/schema';
import { generateSigningKey } from '../../src/server/audit/signing-key';
import { publicJwkOf } from '../../src/server/modules/exchange-federation/installation';
import { JWS_CONTENT_TYPE, signMessage } from '../../src/server/modules/exchange-federation/signing';
import { receiveMessage, type ApplyMessage } from '../../src/server/modules/exchange-federation/receive';
import { drainFederationOutbox, enqueueRemoteMessage } from '../../src/server/modules/exchange-federation/outbox';

vi.setConfig({ testTimeout: 120_000 });

/** Our own installation's key, so GET /key and the sender have one. */
const own = generateSigningKey();
const OWN_INSTALLATION = 'samverka.gavle.test';
const PARTNER = 'samverka.sandviken.test';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_EXCHANGE_SIGNING_KEY: own.privateKeyBase64, SAMVERKA_INSTALLATION_ID: OWN_INSTALLATION });
});
afterAll(async () => t.close());

/** A partner installation: its key pair and one of its tenants. */
async function partnerInstallation(installationId = PARTNER) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { installationId, privateKey, jwk: await publicJwkOf(publicKey), tenantId: randomUUID() };
}
type PartnerInstallation = Awaited<ReturnType<typeof partnerInstallation>>;

async function world() {
  const tenant = await t.tenant('Gävle');
  const social = await t.organisation(tenant, 'socialtjanst');
  const admin = await t.member(tenant, social, 'administrator');
  const coordinator = await t.member(tenant, social, 'koordinator');
  const reviewer = await t.member(tenant, social, 'loggranskare');
  const partner = await partnerInstallation();
  return { tenant, social, admin, coordinator, reviewer, partner };
}

function pinInput(partner: PartnerInstallation, overrides: Record<string, unknown> = {}) {
  return {
    installationId: partner.installationId,
    name: 'Sandvikens Samverka',
    endpointUrl: 'https://samverka.sandviken.test',
    publicJwk: partner.jwk,
    tenants: [{ tenantId: partner.tenantId, name: 'Sandviken', municipalityCode: '2181' }],
    ...overrides,
  };
}

const send = (member: TestMember, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: member.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });

async function pin(admin: TestMember, partner: PartnerInstallation) {
  const response = await send(admin, 'POST', '/api/exchange/federation/partners', pinInput(partner));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; keyThumbprint: string };
}

function envelope(partner: PartnerInstallation, tenant: TestTenant, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'match.accepted',
    version: 1,
    sentAt: new Date().toISOString(),
    from: { installation: partner.installationId, tenant: partner.tenantId },
    to: { installation: OWN_INSTALLATION, tenant: tenant.id },
    body: { matchId: randomUUID() },
    ...overrides,
  };
}

const deliver = (jws: string) => t.app.inject({ method: 'POST', url: '/api/exchange/federation/messages', headers: { 'content-type': JWS_CONTENT_TYPE }, payload: jws });

async function refusals(tenant: TestTenant) {
  const rows = await t.database.asOwner((owner) =>
    owner
      .select()
      .from(securityEvent)
      .where(and(eq(securityEvent.kind, 'exchange.message_refused'), sql`${tenant.id}::uuid = any(${securityEvent.tenantIds})`))
      .orderBy(asc(securityEvent.occurredAt)),
  );
  return rows.map((row) => row.details as Record<string, string>);
}

describe('this installation’s key', () => {
  it('is public at GET /api/exchange/federation/key with no session: the JWK, its thumbprint and the installation id, never the private part', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/exchange/federation/key' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { installationId: string; jwk: JWK; thumbprint: string };
    expect(body.installationId).toBe(OWN_INSTALLATION);
    expect(body.jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), alg: 'EdDSA', use: 'sig' });
    expect(body.thumbprint).toBe(await calculateJwkThumbprint(body.jwk, 'sha256'));
    expect(response.body).not.toContain('"d"');
  });
});

describe('pinning a partner installation', () => {
  it('is the administrator’s, for their own tenant only, and audited', async () => {
    const w = await world();
    const pinned = await pin(w.admin, w.partner);
    expect(pinned.keyThumbprint).toBe(await calculateJwkThumbprint(w.partner.jwk, 'sha256'));

    const list = await get(w.admin, '/api/exchange/federation/partners');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ partners: [{ installationId: PARTNER, tenants: [{ tenantId: w.partner.tenantId, municipalityCode: '2181' }], outbox: { pending: 0, failed: 0 } }], self: { installationId: OWN_INSTALLATION } });
    expect((await t.auditEvents(w.tenant, 'exchange_partner.pin')).map((e) => e.resourceId)).toEqual([pinned.id]);

    // Nobody else in the tenant governs it.
    expect((await get(w.coordinator, '/api/exchange/federation/partners')).statusCode).toBe(403);
    expect((await send(w.coordinator, 'POST', '/api/exchange/federation/partners', pinInput(await partnerInstallation('other.test')))).statusCode).toBe(403);
    expect((await send(w.coordinator, 'DELETE', `/api/exchange/federation/partners/${pinned.id}`)).statusCode).toBe(404);

    // Another tenant's administrator sees none of it and cannot change or remove it.
    const other = await world();
    expect((await get(other.admin, '/api/exchange/federation/partners')).json()).toMatchObject({ partners: [] });
    expect((await send(other.admin, 'PUT', `/api/exchange/federation/partners/${pinned.id}`, pinInput(other.partner))).statusCode).toBe(404);
    expect((await send(other.admin, 'DELETE', `/api/exchange/federation/partners/${pinned.id}`)).statusCode).toBe(404);
    // ...and pinning the same installation there is its own, separate decision.
    expect((await send(other.admin, 'POST', '/api/exchange/federation/partners', pinInput(w.partner))).statusCode).toBe(201);
    expect((await get(w.admin, '/api/exchange/federation/partners')).json()).toMatchObject({ partners: [{ id: pinned.id }] });
  });

  it('refuses plain http to another host, a private key, our own installation and a second pin of one installation', async () => {
    const w = await world();
    const attempt = (overrides: Record<string, unknown>) => send(w.admin, 'POST', '/api/exchange/federation/partners', pinInput(w.partner, overrides));
    const http = await attempt({ endpointUrl: 'http://samverka.sandviken.test' });
    expect(http.statusCode).toBe(400);
    expect(Object.keys(http.json().error.fields)).toEqual(['endpointUrl']);
    expect((await attempt({ endpointUrl: 'http://127.0.0.1:4000' })).statusCode).toBe(201);
    await send(w.admin, 'DELETE', `/api/exchange/federation/partners/${(await get(w.admin, '/api/exchange/federation/partners')).json().partners[0].id}`);

    const privateJwk = { ...w.partner.jwk, d: 'A'.repeat(43) };
    expect((await attempt({ publicJwk: privateJwk })).statusCode).toBe(400);
    expect((await attempt({ installationId: OWN_INSTALLATION })).json().error.fields).toHaveProperty('installationId');
    expect((await attempt({ tenants: [{ tenantId: w.partner.tenantId, name: 'X', municipalityCode: '9999' }] })).statusCode).toBe(400);
    expect((await attempt({})).statusCode).toBe(201);
    expect((await attempt({})).statusCode).toBe(409);
  });
});

describe('receiving a signed message', () => {
  it('refuses an unknown partner (403), a bad signature (400), a stale signature (400), a tenant the pin does not name (403), and logs each without the body', async () => {
    const w = await world();
    const stranger = await partnerInstallation('stranger.test');
    const unknown = await deliver(await signMessage(envelope(stranger, w.tenant), stranger, new Date()));
    expect(unknown.statusCode).toBe(403);

    await pin(w.admin, w.partner);
    const forger = await partnerInstallation(PARTNER);
    const forged = await deliver(await signMessage(envelope(w.partner, w.tenant), forger, new Date()));
    expect(forged.statusCode).toBe(400);

    // A genuine message whose payload was changed on the way: the signature no longer holds.
    const genuine = await signMessage(envelope(w.partner, w.tenant), w.partner, new Date());
    const [head, , signature] = genuine.split('.');
    const altered = Buffer.from(JSON.stringify(envelope(w.partner, w.tenant, { type: 'request.withdrawn' }))).toString('base64url');
    expect((await deliver(`${head}.${altered}.${signature}`)).statusCode).toBe(400);

    const stale = await deliver(await signMessage(envelope(w.partner, w.tenant), w.partner, new Date(Date.now() - 11 * 60_000)));
    expect(stale.statusCode).toBe(400);
    const wrongTenant = await deliver(await signMessage(envelope(w.partner, w.tenant, { from: { installation: PARTNER, tenant: randomUUID() } }), w.partner, new Date()));
    expect(wrongTenant.statusCode).toBe(403);
    expect((await deliver('not a jws')).statusCode).toBe(400);
    // Larger than SAMVERKA_EXCHANGE_BODY_LIMIT_BYTES (256 KiB): refused before it is read, not logged (nothing was parsed).
    expect((await deliver('a'.repeat(262_145))).statusCode).toBe(413);
    const json = await t.app.inject({ method: 'POST', url: '/api/exchange/federation/messages', payload: { jws: genuine } });
    expect(json.statusCode).toBe(415);

    const logged = await refusals(w.tenant);
    expect(logged.map((d) => d.reason)).toEqual(['unknown_partner', 'bad_signature', 'bad_signature', 'stale', 'unknown_partner_tenant']);
    expect(logged[0]).toMatchObject({ fromInstallation: 'stranger.test', type: 'match.accepted' });
    expect(JSON.stringify(logged)).not.toContain('matchId');
    // Under RLS, the addressed tenant's log reviewer reads them (Loggkontroll's page lists sign-ins by user only, for now).
    const seen = await inContext(t.database.db, { tenantId: w.tenant.id, userId: w.reviewer.userId }, (tx) =>
      tx.select({ kind: securityEvent.kind }).from(securityEvent).where(eq(securityEvent.kind, 'exchange.message_refused')),
    );
    expect(seen.length).toBe(5);
    // Nothing was recorded as received.
    const inbox = await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(exchangeInbox).where(eq(exchangeInbox.tenantId, w.tenant.id)));
    expect(inbox).toEqual([]);
  });

  it('applies a message once: the same message again, replayed or re-signed by a retry, is answered 200 and logged as replayed', async () => {
    const w = await world();
    await pin(w.admin, w.partner);
    const applied: string[] = [];
    const apply: ApplyMessage = async (_tx, recipient, env) => {
      applied.push(`${recipient}:${env.id}`);
    };
    const options = { database: t.database, installationId: OWN_INSTALLATION, apply, isRefusal: () => false, ip: '192.0.2.7', userAgent: null };
    const message = envelope(w.partner, w.tenant);
    const jws = await signMessage(message, w.partner, new Date());
    expect(await receiveMessage(jws, options)).toEqual({ status: 'applied', messageId: message.id });
    expect(await receiveMessage(jws, options)).toEqual({ status: 'duplicate', messageId: message.id });
    const resigned = await signMessage(message, w.partner, new Date(Date.now() + 1000));
    expect(await receiveMessage(resigned, options)).toEqual({ status: 'duplicate', messageId: message.id });
    expect(applied).toEqual([`${w.tenant.id}:${message.id}`]);
    expect((await refusals(w.tenant)).map((d) => [d.reason, d.messageId])).toEqual([
      ['replayed', message.id],
      ['replayed', message.id],
    ]);

    // A message the exchange refuses for good is 422, rolled back, and not marked received.
    const bad = envelope(w.partner, w.tenant);
    const refusing = { ...options, apply: async () => Promise.reject(new Error('invalid')), isRefusal: () => true };
    expect(await receiveMessage(await signMessage(bad, w.partner, new Date()), refusing)).toMatchObject({ status: 'refused', httpStatus: 422 });
    expect(await receiveMessage(await signMessage(bad, w.partner, new Date()), options)).toMatchObject({ status: 'applied' });
  });

  it('unpinning ends the trust at once: the partner’s next message is an unknown partner’s', async () => {
    const w = await world();
    const pinned = await pin(w.admin, w.partner);
    expect((await send(w.admin, 'DELETE', `/api/exchange/federation/partners/${pinned.id}`)).statusCode).toBe(204);
    expect((await deliver(await signMessage(envelope(w.partner, w.tenant), w.partner, new Date()))).statusCode).toBe(403);
    expect((await t.auditEvents(w.tenant, 'exchange_partner.unpin')).length).toBe(1);
  });
});

describe('the outbox', () => {
  async function queue(w: Awaited<ReturnType<typeof world>>, type = 'match.proposed') {
    const message = { id: randomUUID(), type, version: 1, sentAt: new Date().toISOString(), from: { installation: OWN_INSTALLATION, tenant: w.tenant.id }, to: { installation: PARTNER, tenant: w.partner.tenantId }, body: { matchId: randomUUID() } };
    await inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => enqueueRemoteMessage(tx, message, t.cipher));
    return message;
  }
  const rows = (w: Awaited<ReturnType<typeof world>>) =>
    inContext(t.database.db, { tenantId: w.tenant.id, userId: null }, (tx) => tx.select().from(exchangeOutbox).where(eq(exchangeOutbox.tenantId, w.tenant.id)).orderBy(asc(exchangeOutbox.createdAt)));
  const log = { warn: () => {}, error: () => {} };
  const identity = async () => ({ installationId: OWN_INSTALLATION, privateKey: own.signer.privateKey, publicJwk: await publicJwkOf(own.signer.publicKey), thumbprint: '' });

  it('signs each message with our key, posts it to the pinned endpoint in order, keeps it while the partner is down, and drops the body once delivered', async () => {
    const w = await world();
    await pin(w.admin, w.partner);
    const first = await queue(w);
    const second = await queue(w);
    const down = vi.fn(async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })));
    const drain = (fetchImpl: typeof fetch, clock = () => new Date()) =>
      identity().then((id) => drainFederationOutbox({ database: t.database, identity: id, cipher: t.cipher, retrySeconds: 1, log, tenantIds: [w.tenant.id], fetchImpl, clock }));
    expect(await drain(down as unknown as typeof fetch)).toMatchObject({ sent: 0 });
    expect(down).toHaveBeenCalledTimes(1); // the second waits behind the first
    const waiting = await rows(w);
    expect(waiting.map((r) => [r.status, r.lastError])).toEqual([
      ['pending', 'NETWORK ECONNREFUSED'],
      ['pending', 'NOT_TRIED'],
    ]);
    // While it waits, the body is stored encrypted only.
    expect(JSON.stringify(waiting)).not.toContain(first.body.matchId);

    const received: { url: string; jws: string }[] = [];
    const up = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      received.push({ url: String(url), jws: String(init?.body) });
      return new Response(JSON.stringify({ status: 'applied' }), { status: 200 });
    });
    const later = () => new Date(Date.now() + 60_000);
    expect(await drain(up as unknown as typeof fetch, later)).toMatchObject({ sent: 2 });
    expect(received.map((r) => r.url)).toEqual(Array(2).fill('https://samverka.sandviken.test/api/exchange/federation/messages'));
    const key = await importJWK(await publicJwkOf(own.signer.publicKey), 'EdDSA');
    const payloads = await Promise.all(received.map(async (r) => JSON.parse(new TextDecoder().decode((await compactVerify(r.jws, key)).payload)) as { id: string }));
    expect(payloads.map((p) => p.id)).toEqual([first.id, second.id]);
    expect(decodeProtectedHeader(received[0]!.jws)).toMatchObject({ alg: 'EdDSA', typ: 'samverka-exchange+jws', kid: OWN_INSTALLATION });
    const after = await rows(w);
    expect(after.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(after.every((r) => r.bodyEncrypted === null && !('body' in (r.envelope as object)))).toBe(true);
  });

  it('gives up at once on a message the partner refuses for good (422), and on one to a partner no longer pinned', async () => {
    const w = await world();
    const pinned = await pin(w.admin, w.partner);
    await queue(w, 'sealed.sent');
    const refusing = async () => new Response('{}', { status: 422 });
    const id = await identity();
    expect(await drainFederationOutbox({ database: t.database, identity: id, cipher: t.cipher, retrySeconds: 1, log, tenantIds: [w.tenant.id], fetchImpl: refusing as unknown as typeof fetch })).toMatchObject({ gaveUp: 1 });
    expect((await rows(w)).map((r) => [r.status, r.bodyEncrypted])).toEqual([['failed', null]]);

    await queue(w);
    expect((await get(w.admin, '/api/exchange/federation/partners')).json().partners[0].outbox).toEqual({ pending: 1, failed: 1 });
    await send(w.admin, 'DELETE', `/api/exchange/federation/partners/${pinned.id}`);
    expect((await rows(w)).map((r) => [r.status, r.lastError, r.bodyEncrypted])).toEqual([
      ['failed', 'HTTP 422', null],
      ['failed', 'unpinned', null],
    ]);
  });
});
