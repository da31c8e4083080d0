import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { TestApp, cookieHeader } from '../factories';
import { inContext } from '../../src/server/db/context';
import { exchangeOffer, membership, sspfCase, tenant } from '../../src/server/db/schema';
import { seedDemo, type DemoSeedResult } from '../../src/server/modules/demo/seed-demo';
import { DEMO_USERS, SANDVIKEN_TENANT, SANDVIKEN_USERS, demoEmail, type DemoUser } from '../../src/server/modules/demo/demo-data';
import { currentDemoTotpCode } from '../../src/server/modules/demo/demo-credentials';
import { demoSignInsText } from '../../src/server/modules/demo/demo-sign-ins';
import { GAVLE_MUNICIPALITY, SANDVIKEN_MUNICIPALITY, SANDVIKEN_POOL_OFFER } from '../../src/server/modules/demo/story/housing-exchange';
import { roleRequiresTwoFactor } from '../../src/shared/roles';
import type { ExchangeRequestDetail, IncomingOffer, Participation } from '../../src/shared/housing-exchange';

// The demo's housing exchange (issue 16 §6): Sandviken (demo), a second fictional tenant, takes part in the
// exchange with Gävle and has put one offer into the pool; Gävle's exchange officer can make a request from
// Alex's case, and it matches that offer. Told through the routes; seeding again adds nothing.
let t: TestApp;
let first: DemoSeedResult;
const seed = () => seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  first = await seed();
}, 300_000);
afterAll(async () => t.close());

const gavle = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const sandviken = (role: string) => SANDVIKEN_USERS.find((u) => u.role === role)!;

/** A demo user signed in with the printed password (and the TOTP code when the role needs it), working as their one membership. */
async function signedIn(demoUser: DemoUser): Promise<Record<string, string>> {
  const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: demoEmail(demoUser), password: first.credentials.password } });
  expect(signIn.statusCode).toBe(200);
  let cookie = cookieHeader(signIn);
  if (roleRequiresTwoFactor(demoUser.role)) {
    const verified = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/verify-totp', headers: { cookie }, payload: { code: await currentDemoTotpCode(first.credentials) } });
    expect(verified.statusCode).toBe(200);
    cookie = cookieHeader(verified);
  }
  const headers = { cookie, 'x-samverka-csrf': '1' };
  const session = (await t.app.inject({ method: 'GET', url: '/api/session', headers })).json() as { memberships: { membershipId: string }[] };
  expect(session.memberships).toHaveLength(1);
  const chosen = await t.app.inject({ method: 'PUT', url: '/api/session/membership', headers, payload: { membershipId: session.memberships[0]!.membershipId } });
  expect(chosen.statusCode).toBe(200);
  return headers;
}

async function sandvikenTenantId(): Promise<string> {
  const [row] = await t.database.asOwner((db) => db.select({ id: tenant.id }).from(tenant).where(eq(tenant.slug, SANDVIKEN_TENANT.slug)));
  return row!.id;
}

describe('the demo housing exchange', () => {
  it('has Sandviken (demo) with its exchange officer, administrator and log reviewer, each with one membership, in the printed sign-ins', async () => {
    const tenantId = await sandvikenTenantId();
    const members = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
      tx.select({ role: membership.role, n: count() }).from(membership).where(eq(membership.tenantId, tenantId)).groupBy(membership.role),
    );
    expect(members.map((m) => m.role).sort()).toEqual(['administrator', 'loggranskare', 'utbytessamordnare']);
    const text = demoSignInsText(first.credentials);
    expect(text).toContain('Sandviken (demo)');
    for (const u of [...SANDVIKEN_USERS, gavle('utbytessamordnare')]) expect(text).toContain(demoEmail(u));
  });

  it('both tenants take part; Gävle’s officer sees Sandviken’s pooled offer and makes a request from Alex’s case that matches it', async () => {
    const ulla = await signedIn(gavle('utbytessamordnare'));
    const participation = (await t.app.inject({ method: 'GET', url: '/api/exchange/participation', headers: ulla })).json() as Participation;
    expect(participation).toMatchObject({ participating: true, municipalityCode: GAVLE_MUNICIPALITY });

    const offers = (await t.app.inject({ method: 'GET', url: '/api/exchange/incoming-offers', headers: ulla })).json() as { offers: IncomingOffer[] };
    expect(offers.offers).toHaveLength(1);
    expect(offers.offers[0]).toMatchObject({ from: { name: SANDVIKEN_TENANT.name }, requestId: null, municipalityCode: SANDVIKEN_MUNICIPALITY, rooms: SANDVIKEN_POOL_OFFER.rooms, district: 'Centrum' });

    const [alexCase] = await inContext(t.database.db, { tenantId: first.tenantId, userId: null }, (tx) =>
      tx.select({ id: sspfCase.id }).from(sspfCase).where(eq(sspfCase.tenantId, first.tenantId)).limit(1),
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/exchange/requests',
      headers: ulla,
      payload: {
        origin: { kind: 'sspf', caseId: alexCase!.id },
        householdSize: 1,
        ageBands: ['16-17'],
        rooms: 1,
        accessibility: [],
        schoolNeeds: ['gymnasium'],
        avoidCodes: [GAVLE_MUNICIPALITY],
        acceptableCodes: [SANDVIKEN_MUNICIPALITY, '2161', '2132', '2183', '2184'],
        moveBy: '2099-12-31',
        exitSupportInPlace: true,
        ownWish: { recordedBy: 'Hanna Handläggare (demo)', recordedOn: '2025-01-15' },
        note: null,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json() as ExchangeRequestDetail;
    expect(request.matchingOffers.map((o) => o.id)).toEqual([offers.offers[0]!.id]);
  });

  it('shows the administrators of both tenants nothing of the requests and offers', async () => {
    for (const admin of [gavle('administrator'), sandviken('administrator')]) {
      const headers = await signedIn(admin);
      for (const url of ['/api/exchange/requests', '/api/exchange/incoming-offers', '/api/exchange/offers', '/api/exchange/matches']) {
        expect((await t.app.inject({ method: 'GET', url, headers })).statusCode, `${admin.localPart} ${url}`).toBe(403);
      }
    }
  });

  it('is told once: seeding again adds no second offer', async () => {
    expect((await seed()).outcome).toBe('unchanged');
    const tenantId = await sandvikenTenantId();
    const offers = await inContext(t.database.db, { tenantId, userId: null }, (tx) =>
      tx.select({ n: count() }).from(exchangeOffer).where(and(eq(exchangeOffer.tenantId, tenantId))),
    );
    expect(offers[0]!.n).toBe(1);
  });
});
