import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { TEST_PASSWORD, TestApp, cookieHeader, type TestMember, type TestTenant } from '../factories';
import { totpCodeFromUri } from '../support/totp';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { securityEvent } from '../../src/server/db/schema';
import type { Db } from '../../src/server/db/client';
import { verifySecurityChain, verifySecurityChainIn } from '../../src/server/audit/verify-security';
import { SECURITY_CHAIN_ID } from '../../src/server/audit/security-chain';
import { genesisHash } from '../../src/server/audit/chain';
import { verifyChains } from '../../src/cli/actions/verify-chains';
import { CookieJar, authenticateAtProvider, startTestIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider';

// The security log (issue 12 §5): every sign-in event in one append-only, hash-chained log; the
// address never in clear; each event visible to the log reviewers of the tenants its user belonged
// to when it happened, and to nobody else.

type SecurityRow = typeof securityEvent.$inferSelect;

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_LOGIN_MAX_FAILURES: '5', SAMVERKA_LOGIN_LOCKOUT_MINUTES: '15' });
});
afterAll(async () => t.close());

const FROM = { 'user-agent': 'Säkerhetstest/1.0' };

const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', headers: FROM, payload: { email, password } });

/** Every security event, read as the database owner (the application role sees only its reviewer's share). */
async function allEvents(): Promise<SecurityRow[]> {
  return t.database.asOwner((owner) => owner.select().from(securityEvent).orderBy(asc(securityEvent.occurredAt), asc(securityEvent.lane), asc(securityEvent.seq)));
}
async function eventsOf(userId: string): Promise<SecurityRow[]> {
  return (await allEvents()).filter((event) => event.userId === userId);
}
async function eventsKeyed(email: string): Promise<SecurityRow[]> {
  const key = t.auth.samverka.lockout.keyOf(email);
  return (await allEvents()).filter((event) => event.emailKey === key);
}
const kinds = (events: SecurityRow[]) => events.map((event) => event.kind);

interface World {
  tenant: TestTenant;
  other: TestTenant;
  worker: TestMember;
  reviewer: TestMember;
  otherReviewer: TestMember;
}

async function world(): Promise<World> {
  const tenant = await t.tenant('Alfa');
  const other = await t.tenant('Beta');
  const org = await t.organisation(tenant, 'socialtjanst');
  const otherOrg = await t.organisation(other, 'socialtjanst');
  const worker = await t.member(tenant, org, 'handlaggare');
  const reviewer = await t.member(tenant, org, 'loggranskare');
  const otherReviewer = await t.member(other, otherOrg, 'loggranskare');
  return { tenant, other, worker, reviewer, otherReviewer };
}

async function signInsSeenBy(member: TestMember, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `/api/audit-log/sign-ins${query}`, headers: member.headers });
  return response;
}

describe('the security log records each sign-in event', () => {
  it('records a success with the second factor, the method, the address and the tenants of the user', async () => {
    const { tenant, worker } = await world();
    const events = await eventsOf(worker.userId);
    // member(): a password sign-in before two-factor was on, then password + TOTP.
    expect(kinds(events)).toEqual(['sign_in.succeeded', 'sign_in.succeeded']);
    expect(events.map((e) => (e.details as { method: string }).method)).toEqual(['password', 'password+totp']);
    for (const event of events) {
      expect(event.outcome).toBe('allowed');
      expect(event.tenantIds).toEqual([tenant.id]);
      expect(event.ip).toBe('127.0.0.1');
    }
  });

  it('records a wrong password for a known address under its user, and for an unknown one with no user, both by the key only', async () => {
    const { tenant, worker } = await world();
    expect((await signIn(worker.email, 'fel-lösenord-igen-och-igen')).statusCode).toBe(401);
    const unknown = `ingen-${randomUUID().slice(0, 8)}@test.samverka.se`;
    expect((await signIn(unknown, 'fel-lösenord-igen-och-igen')).statusCode).toBe(401);

    const [known] = (await eventsOf(worker.userId)).filter((e) => e.kind === 'sign_in.failed');
    expect(known).toMatchObject({ outcome: 'denied', tenantIds: [tenant.id], emailKey: t.auth.samverka.lockout.keyOf(worker.email), userAgent: FROM['user-agent'] });
    const [stranger] = await eventsKeyed(unknown);
    expect(stranger).toMatchObject({ kind: 'sign_in.failed', outcome: 'denied', userId: null, tenantIds: [] });

    // No address in clear anywhere in the log, in any spelling.
    const dump = JSON.stringify(await allEvents()).toLowerCase();
    for (const address of [worker.email, unknown]) {
      expect(dump).not.toContain(address.toLowerCase());
      expect(dump).not.toContain(address.split('@')[0]!.toLowerCase());
    }
  });

  it('records the lockout and the attempts refused while locked, the same for a known and an unknown address', async () => {
    const email = `sparr-${randomUUID().slice(0, 8)}@test.samverka.se`;
    await createUserAccount(t.database.db, t.auth, { email, name: 'Spärrad Testsson', password: TEST_PASSWORD });
    const unknown = `ingen-${randomUUID().slice(0, 8)}@test.samverka.se`;
    for (const address of [email, unknown]) {
      for (let attempt = 0; attempt < 5; attempt++) await signIn(address, 'fel-lösenord-igen-och-igen');
      expect((await signIn(address, TEST_PASSWORD)).statusCode).toBe(429);
    }
    const expected = ['sign_in.failed', 'sign_in.failed', 'sign_in.failed', 'sign_in.failed', 'sign_in.locked', 'sign_in.refused_locked'];
    const known = await eventsKeyed(email);
    const stranger = await eventsKeyed(unknown);
    expect(kinds(known)).toEqual(expected);
    expect(kinds(stranger)).toEqual(expected);
    expect(known.every((e) => e.userId !== null)).toBe(true);
    expect(stranger.every((e) => e.userId === null)).toBe(true);
  });

  it('records a wrong second-factor code under the user whose challenge it was', async () => {
    const { worker } = await world();
    const pending = cookieHeader(await signIn(worker.email, TEST_PASSWORD));
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/verify-totp', headers: { cookie: pending, ...FROM }, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { cookie: pending, ...FROM },
      payload: { code: await totpCodeFromUri(worker.totpUri!) },
    });
    expect(right.statusCode).toBe(200);
    const events = (await eventsOf(worker.userId)).slice(2);
    expect(kinds(events)).toEqual(['two_factor.failed', 'sign_in.succeeded']);
    expect(events[0]!.details).toEqual({ factor: 'totp', reason: 'invalid_code' });
  });

  it('records "sign out everywhere" and a password change', async () => {
    const { worker } = await world();
    const cookie = worker.headers.cookie;
    const newPassword = 'ett-helt-nytt-och-långt-lösenord';
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie, ...FROM },
      payload: { currentPassword: TEST_PASSWORD, newPassword, revokeOtherSessions: true },
    });
    expect(changed.statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'POST', url: '/api/auth/revoke-sessions', headers: { cookie: cookieHeader(changed), ...FROM }, payload: {} });
    expect(revoked.statusCode).toBe(200);
    const events = (await eventsOf(worker.userId)).slice(2);
    expect(kinds(events)).toEqual(['password.changed', 'session.revoked_all']);
    expect(events[0]!.details).toEqual({ via: 'change' });
  });
});

describe('who sees the sign-in events', () => {
  it("shows the user's events to the log reviewer of the user's tenant, and nothing to another tenant's reviewer", async () => {
    const { worker, reviewer, otherReviewer } = await world();
    await signIn(worker.email, 'fel-lösenord-igen-och-igen');

    const seen = await signInsSeenBy(reviewer, `?userId=${encodeURIComponent(worker.userId)}`);
    expect(seen.statusCode).toBe(200);
    const events = seen.json().events as { kind: string; outcome: string; user: { id: string; email: string }; ip: string; method: string }[];
    expect(events.map((e) => e.kind)).toEqual(['sign_in.failed', 'sign_in.succeeded', 'sign_in.succeeded']);
    expect(events[0]).toMatchObject({ outcome: 'denied', user: { id: worker.userId, email: worker.email }, ip: '127.0.0.1', method: 'password' });

    const elsewhere = await signInsSeenBy(otherReviewer, `?userId=${encodeURIComponent(worker.userId)}`);
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().events).toEqual([]);
    const everything = (await signInsSeenBy(otherReviewer)).json().events as { user: { id: string } }[];
    expect(everything.every((e) => e.user.id === otherReviewer.userId)).toBe(true);

    // The look is audited in the reviewer's tenant, and only the log reviewer may look.
    expect(await t.auditEvents({ id: reviewer.tenantId }, 'audit_log.sign_ins')).toHaveLength(1);
    expect((await signInsSeenBy(worker)).statusCode).toBe(403);
  });

  it('keeps the events out of reach of the application role even without any filter (row-level security)', async () => {
    const { tenant, worker } = await world();
    const visible = await t.database.db.transaction(async (tx) => {
      // The tenant's context, as a signed-in handlaggare's request would set it.
      await tx.execute(sql`select set_config('app.tenant_id', ${tenant.id}, true), set_config('app.user_id', ${worker.userId}, true)`);
      return tx.select().from(securityEvent);
    });
    expect(visible).toEqual([]);
    const none = await t.database.db.select().from(securityEvent);
    expect(none).toEqual([]);
  });

  it('refuses UPDATE and DELETE to the application role, and the trigger refuses them to the owner', async () => {
    await world();
    for (const statement of [sql`update security_event set ip = '192.0.2.1'`, sql`delete from security_event`, sql`insert into security_event (lane, seq, id, occurred_at, kind, outcome, prev_hash, hash) values (99, 1, gen_random_uuid(), now(), 'x', 'allowed', 'x', 'x')`, sql`update security_chain_head set seq = 0`]) {
      await expect(t.database.db.execute(statement)).rejects.toThrow();
    }
    await expect(t.database.asOwner((owner) => owner.execute(sql`update security_event set ip = '192.0.2.1'`))).rejects.toThrow();
    await expect(t.database.asOwner((owner) => owner.execute(sql`delete from security_event`))).rejects.toThrow();
  });
});

describe('the security chain', () => {
  it('verifies, and is part of samverka audit verify', async () => {
    await world();
    const report = await verifySecurityChain(t.database.db);
    expect(report.firstBrokenLink).toBeNull();
    expect(report.eventsChecked).toBeGreaterThan(0);
    const all = await verifyChains(t.database.db);
    const security = all.find((r) => r.slug === SECURITY_CHAIN_ID);
    expect(security?.report.firstBrokenLink).toBeNull();
    // The genesis the migration wrote is the one chain.ts defines.
    const lanesWithoutEvents = report.heads.filter((h) => h.seq === 0);
    for (const head of lanesWithoutEvents) expect(head.hash).toBe(genesisHash(SECURITY_CHAIN_ID, head.lane));
  });

  it('detects a tampered row and a deleted newest row (in a transaction rolled back, so the shared chain stays intact)', async () => {
    const { worker } = await world();
    const [target] = (await eventsOf(worker.userId)).slice(-1);
    const tampered = async (change: (owner: Db) => Promise<unknown>) =>
      t.database.asOwner(async (owner) => {
        let found: Awaited<ReturnType<typeof verifySecurityChainIn>> | null = null;
        await owner
          .transaction(async (tx) => {
            await tx.execute(sql`alter table security_event disable trigger security_event_append_only`);
            await change(tx as unknown as Db);
            found = await verifySecurityChainIn(tx);
            throw new Error('roll back');
          })
          .catch((error: Error) => {
            if (error.message !== 'roll back') throw error;
          });
        return found!;
      });
    const edited = await tampered((tx) => tx.execute(sql`update security_event set ip = '192.0.2.1' where lane = ${target!.lane} and seq = ${target!.seq}`));
    expect(edited.firstBrokenLink).toEqual({ tenantId: SECURITY_CHAIN_ID, lane: target!.lane, seq: target!.seq, reason: 'hash_mismatch' });
    const hidden = await tampered((tx) => tx.execute(sql`update security_event set tenant_ids = '{}' where lane = ${target!.lane} and seq = ${target!.seq}`));
    expect(hidden.firstBrokenLink?.reason).toBe('hash_mismatch');
    const [newest] = await t.database.asOwner((owner) =>
      owner.execute<{ lane: number; seq: string }>(sql`select lane, seq::text as seq from security_event e where lane = ${target!.lane} order by e.seq desc limit 1`).then((r) => r.rows),
    );
    const deleted = await tampered((tx) => tx.execute(sql`delete from security_event where lane = ${newest!.lane} and seq = ${Number(newest!.seq)}`));
    // Other test files may append to the same lane meanwhile (one global chain on a shared database):
    // then the deleted row is no longer the newest, and verify sees the gap instead of the head.
    expect(deleted.firstBrokenLink?.lane).toBe(newest!.lane);
    expect(['head_mismatch', 'sequence_gap']).toContain(deleted.firstBrokenLink?.reason);
    expect((await verifySecurityChain(t.database.db)).firstBrokenLink).toBeNull();
  });
});

describe('single sign-on', () => {
  const PUBLIC_URL = 'http://localhost:3000';
  const suffix = randomUUID().slice(0, 8);
  // A provider id of this file's own: on PostgreSQL the account table is shared with auth-oidc.test.ts,
  // whose identity provider hands out the same subjects ("anna").
  const PROVIDER_ID = `kommun-idp-${suffix}`;
  const identities = {
    anna: { email: `anna-${suffix}@kommun.test`, emailVerified: true, name: 'Anna Handläggare' },
    okand: { email: `okand-${suffix}@kommun.test`, emailVerified: true, name: 'Okänd Person' },
  };
  let idp: TestIdentityProvider;
  let sso: TestApp;
  beforeAll(async () => {
    idp = await startTestIdentityProvider({ redirectUri: `${PUBLIC_URL}/api/auth/callback/${PROVIDER_ID}`, identities });
    sso = await TestApp.start({
      SAMVERKA_PUBLIC_URL: PUBLIC_URL,
      SAMVERKA_OIDC_PROVIDERS: JSON.stringify([{ id: PROVIDER_ID, name: 'Kommunens inloggning', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret }]),
    });
  });
  afterAll(async () => {
    await sso?.close();
    await idp?.close();
  });

  async function throughProvider(accountId: string): Promise<URL> {
    const jar = new CookieJar();
    const start = await sso.app.inject({ method: 'GET', url: `/api/auth-providers/${PROVIDER_ID}/sign-in?returnTo=/` });
    jar.store([start.headers['set-cookie'] ?? []].flat());
    const callback = await authenticateAtProvider(start.headers.location as string, accountId, PUBLIC_URL);
    const answer = await sso.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: jar.header() } });
    return new URL(answer.headers.location as string, PUBLIC_URL);
  }

  it('records a refused single sign-on with its reason and no user, and a successful one under the user', async () => {
    const ssoEvents = () => sso.database.asOwner((owner) => owner.select().from(securityEvent).orderBy(asc(securityEvent.occurredAt), asc(securityEvent.lane), asc(securityEvent.seq)));
    const before = (await ssoEvents()).length;
    expect((await throughProvider('okand')).searchParams.get('error')).toBe('sso_failed');
    const tenant = await sso.tenant();
    const anna = await createUserAccount(sso.database.db, sso.auth, { email: identities.anna.email, name: 'Anna Handläggare' });
    await sso.addMembership(tenant, await sso.organisation(tenant), anna.id, 'handlaggare');
    expect((await throughProvider('anna')).searchParams.get('error')).toBeNull();

    // Only this file's provider: other files' sign-ins share the global chain on PostgreSQL.
    const added = (await ssoEvents()).slice(before).filter((e) => (e.details as { method?: string } | null)?.method === `oidc:${PROVIDER_ID}`);
    const refused = added.filter((e) => e.kind === 'sso.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: 'denied', userId: null, emailKey: null, tenantIds: [], details: { method: `oidc:${PROVIDER_ID}`, reason: 'signup_disabled' } });
    const succeeded = added.filter((e) => e.kind === 'sign_in.succeeded');
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]).toMatchObject({ userId: anna.id, tenantIds: [tenant.id], details: { method: `oidc:${PROVIDER_ID}` } });
  });
});
