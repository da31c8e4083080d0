import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { PUBLIC_OFFER_PAGE_SIZE } from '../../src/shared/offers';
import { PUBLIC_OFFERS_PER_MINUTE } from '../../src/server/modules/offers/routes';
import { todayInSweden } from '../../src/server/modules/consents/consent-state';

vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember | null, url: string) => t.app.inject({ method: 'GET', url, headers: member?.headers ?? {} });
const send = (member: TestMember, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: member.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function addPlace(tenant: TestTenant, name: string, areaName: string): Promise<{ placeId: string; areaId: string }> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const areaRow = await tx.execute<{ id: string }>(sql`insert into area (tenant_id, name, kind, geometry, min_latitude, min_longitude, max_latitude, max_longitude)
        values (${tenant.id}, ${areaName}, 'stadsdel', '{"type":"Polygon","coordinates":[]}'::jsonb, 60, 17, 61, 18) returning id`);
    const areaId = areaRow.rows[0]!.id;
    const placeRow = await tx.execute<{ id: string }>(
      sql`insert into place (tenant_id, name, type, latitude, longitude, area_id, address) values (${tenant.id}, ${name}, 'fritidsgard', 60.67, 17.14, ${areaId}, 'Storgatan 1') returning id`,
    );
    return { placeId: placeRow.rows[0]!.id, areaId };
  });
}

async function setUp() {
  const tenant = await t.tenant();
  const municipality = await t.organisation(tenant, 'fritid', { name: 'Fritidsförvaltningen' });
  const club = await t.organisation(tenant, 'forening', { name: 'IK Test', isAuthority: false });
  const social = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten' });
  const leader = await t.member(tenant, municipality, 'fritidsledare');
  const clubPerson = await t.member(tenant, club, 'foreningsnyckelperson');
  const coordinator = await t.member(tenant, social, 'koordinator');
  const caseworker = await t.member(tenant, social, 'handlaggare');
  const logReviewer = await t.member(tenant, municipality, 'loggranskare');
  const { placeId, areaId } = await addPlace(tenant, 'Fritidsgården Kvarnen', 'Norr');
  return { tenant, municipality, club, social, leader, clubPerson, coordinator, caseworker, logReviewer, placeId, areaId };
}
type World = Awaited<ReturnType<typeof setUp>>;

const offerInput = (world: World, overrides: Record<string, unknown> = {}) => ({
  providerOrganisationId: world.municipality.id,
  kind: 'oppen_verksamhet',
  title: 'Öppen fritidsgård',
  description: 'Spel, fika och läxhjälp.',
  targetGroup: 'unga',
  ageFrom: 13,
  ageTo: 17,
  languages: ['sv', 'so'],
  placeIds: [world.placeId],
  times: [
    { weekday: 5, starts: '18:00', ends: '22:00' },
    { weekday: 2, starts: '15:00', ends: '20:00' },
  ],
  capacity: 40,
  taken: 12,
  cost: 'gratis',
  howToRefer: 'Kom förbi, ingen anmälan.',
  contactLabel: 'Fritidsgårdens reception',
  contactPhone: '026-17 80 00',
  contactEmail: 'kvarnen@example.se',
  contactPerson: 'Sara Fritidsledare',
  public: true,
  ...overrides,
});

describe('offers (insatskatalog)', () => {
  it('the provider’s staff add an offer; every member reads it with room shown; changes and archiving are audited', async () => {
    const world = await setUp();
    const created = await send(world.leader, 'POST', '/api/offers', offerInput(world));
    expect(created.statusCode, created.body).toBe(201);
    const offer = created.json();
    expect(offer).toMatchObject({ providerName: 'Fritidsförvaltningen', hasRoom: true, capacity: 40, taken: 12, languages: ['sv', 'so'] });
    expect(offer.places).toEqual([expect.objectContaining({ name: 'Fritidsgården Kvarnen', areaName: 'Norr' })]);
    expect(offer.times.map((time: { weekday: number }) => time.weekday)).toEqual([2, 5]);

    // Any member reads, the log reviewer included; the club person may not change it.
    const list = (await get(world.clubPerson, '/api/offers')).json();
    expect(list.offers.map((o: { id: string }) => o.id)).toEqual([offer.id]);
    expect(list.offers[0].abilities).toMatchObject({ read: true, update: false });
    expect(list.providers).toEqual([{ id: world.club.id, name: 'IK Test' }]);
    expect((await get(world.logReviewer, `/api/offers/${offer.id}`)).statusCode).toBe(200);

    // Full: no room.
    const full = await send(world.coordinator, 'PUT', `/api/offers/${offer.id}`, offerInput(world, { taken: 40 }));
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json().hasRoom).toBe(false);
    expect((await get(world.caseworker, '/api/offers?room=true')).json().offers).toHaveLength(0);

    expect((await send(world.leader, 'DELETE', `/api/offers/${offer.id}`)).statusCode).toBe(204);
    expect((await get(world.caseworker, '/api/offers')).json().offers).toHaveLength(0);
    expect((await get(world.caseworker, `/api/offers/${offer.id}`)).statusCode).toBe(404);

    const audited = await inContext(t.database.db, { tenantId: world.tenant.id, userId: null }, (tx) =>
      tx.execute<{ action: string }>(sql`select action from audit_event where tenant_id = ${world.tenant.id} and action like 'offer.%'`),
    );
    expect(audited.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['offer.create', 'offer.list', 'offer.read', 'offer.update', 'offer.archive']));
  });

  it('refuses a personnummer, bad ages, times and languages with field messages, and places of another tenant', async () => {
    const world = await setUp();
    const other = await setUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'Ring om 20100101-1234' }, 'description'],
      [{ howToRefer: 'Skicka 100101-1234 till oss' }, 'howToRefer'],
      [{ contactPerson: 'Sara 19900101-1234' }, 'contactPerson'],
      [{ ageFrom: 17, ageTo: 13 }, 'ageTo'],
      [{ languages: ['svenska'] }, 'languages.0'],
      [{ times: [{ weekday: 8, starts: '18:00', ends: '20:00' }] }, 'times.0.weekday'],
      [{ times: [{ weekday: 1, starts: '20:00', ends: '18:00' }] }, 'times.0.ends'],
      [{ availableFrom: '2099-08-14', availableUntil: '2099-06-15' }, 'availableUntil'],
      [{ availableFrom: '2099-02-30' }, 'availableFrom'],
      [{ availableUntil: '15/6 2027' }, 'availableUntil'],
      [{ availableUntil: '0000-01-01' }, 'availableUntil'],
    ];
    for (const [override, field] of cases) {
      const response = await send(world.leader, 'POST', '/api/offers', offerInput(world, override));
      expect(response.statusCode, field).toBe(400);
      expect(Object.keys(response.json().error.fields ?? {}), field).toContain(field);
    }
    const pnr = (await send(world.leader, 'POST', '/api/offers', offerInput(world, { description: 'Ring om 20100101-1234' }))).json();
    expect(pnr.error.fields.description).toMatch(/personnummer/);
    const foreignPlace = await send(world.leader, 'POST', '/api/offers', offerInput(world, { placeIds: [other.placeId] }));
    expect(foreignPlace.statusCode).toBe(400);
    expect(Object.keys(foreignPlace.json().error.fields)).toEqual(['placeIds']);
    // A coordinator naming another tenant's organisation as provider: a 400 on that field, nothing learnt.
    const foreignProvider = await send(world.coordinator, 'POST', '/api/offers', offerInput(world, { providerOrganisationId: other.municipality.id }));
    expect(foreignProvider.statusCode).toBe(400);
    expect(Object.keys(foreignProvider.json().error.fields)).toEqual(['providerOrganisationId']);
  });

  it('keeps a period (from, until, either end open): round trip through create, read, update and the public page', async () => {
    const world = await setUp();
    const created = await send(world.leader, 'POST', '/api/offers', offerInput(world, { kind: 'feriejobb_praktik', availableFrom: '2099-06-15', availableUntil: '2099-08-14' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ availableFrom: '2099-06-15', availableUntil: '2099-08-14', ended: false });
    const id = created.json().id;
    expect((await get(world.caseworker, `/api/offers/${id}`)).json()).toMatchObject({ availableFrom: '2099-06-15', availableUntil: '2099-08-14' });
    const publicOffer = (await get(null, `/api/public/tenants/${world.tenant.slug}/offers`)).json().offers[0];
    expect(publicOffer).toMatchObject({ id, availableFrom: '2099-06-15', availableUntil: '2099-08-14' });
    // One end open, then none: the dates are cleared, not kept from before.
    const openEnded = await send(world.leader, 'PUT', `/api/offers/${id}`, offerInput(world, { availableFrom: '2099-06-15', availableUntil: null }));
    expect(openEnded.json()).toMatchObject({ availableFrom: '2099-06-15', availableUntil: null });
    const none = await send(world.leader, 'PUT', `/api/offers/${id}`, offerInput(world));
    expect(none.json()).toMatchObject({ availableFrom: null, availableUntil: null, ended: false });
    // One day is a period too; the wrong order on update is refused on the last day's field, nothing changed.
    expect((await send(world.leader, 'PUT', `/api/offers/${id}`, offerInput(world, { availableFrom: '2099-06-15', availableUntil: '2099-06-15' }))).statusCode).toBe(200);
    const reversed = await send(world.leader, 'PUT', `/api/offers/${id}`, offerInput(world, { availableFrom: '2099-06-16', availableUntil: '2099-06-15' }));
    expect(reversed.statusCode).toBe(400);
    expect(Object.keys(reversed.json().error.fields)).toEqual(['availableUntil']);
    expect(reversed.json().error.fields.availableUntil).toMatch(/slutdatum/i);
    const badDate = await send(world.leader, 'PUT', `/api/offers/${id}`, offerInput(world, { availableFrom: '2099-13-01' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields.availableFrom).toMatch(/ÅÅÅÅ-MM-DD/);
    expect((await get(world.caseworker, `/api/offers/${id}`)).json()).toMatchObject({ availableFrom: '2099-06-15', availableUntil: '2099-06-15' });
  });

  it('the public page leaves out an offer whose period has ended and shows current and coming ones; staff keep it, marked ended', async () => {
    const world = await setUp();
    const today = todayInSweden();
    const shift = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const ended = (await send(world.leader, 'POST', '/api/offers', offerInput(world, { title: 'Förra sommarens feriejobb', availableFrom: shift(-60), availableUntil: shift(-1) }))).json();
    const endsToday = (await send(world.leader, 'POST', '/api/offers', offerInput(world, { title: 'Sista dagen i dag', availableFrom: shift(-10), availableUntil: today }))).json();
    const coming = (await send(world.leader, 'POST', '/api/offers', offerInput(world, { title: 'Kommande feriejobb', availableFrom: shift(30), availableUntil: shift(90) }))).json();
    const always = (await send(world.leader, 'POST', '/api/offers', offerInput(world, { title: 'Alltid öppen' }))).json();

    const publicList = (await get(null, `/api/public/tenants/${world.tenant.slug}/offers`)).json();
    expect(publicList.offers.map((o: { id: string }) => o.id).sort()).toEqual([endsToday.id, coming.id, always.id].sort());
    expect(publicList.total).toBe(3);
    expect(publicList.offers.map((o: { title: string }) => o.title)).not.toContain('Förra sommarens feriejobb');

    const staff = (await get(world.caseworker, '/api/offers')).json().offers;
    expect(staff.map((o: { id: string }) => o.id)).toContain(ended.id);
    expect(Object.fromEntries(staff.map((o: { id: string; ended: boolean }) => [o.id, o.ended]))).toEqual({ [ended.id]: true, [endsToday.id]: false, [coming.id]: false, [always.id]: false });
  });

  it('denies writing for another organisation and to the log reviewer; another tenant sees 404', async () => {
    const world = await setUp();
    const other = await setUp();
    // The club person may not add an offer in the municipality's name; the log reviewer not even in its own.
    expect((await send(world.clubPerson, 'POST', '/api/offers', offerInput(world))).statusCode).toBe(403);
    expect((await send(world.logReviewer, 'POST', '/api/offers', offerInput(world))).statusCode).toBe(403);
    // The club's own offer: fine. The coordinator writes for any provider.
    const clubOffer = await send(world.clubPerson, 'POST', '/api/offers', offerInput(world, { providerOrganisationId: world.club.id, kind: 'mentorskap', title: 'Mentorprogram' }));
    expect(clubOffer.statusCode, clubOffer.body).toBe(201);
    const offer = (await send(world.coordinator, 'POST', '/api/offers', offerInput(world))).json();
    // Staff of another organisation cannot change or archive it (404, as for a missing one), nor move their own offer to it.
    expect((await send(world.clubPerson, 'PUT', `/api/offers/${offer.id}`, offerInput(world, { title: 'Kapat' }))).statusCode).toBe(404);
    expect((await send(world.clubPerson, 'DELETE', `/api/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await send(world.clubPerson, 'PUT', `/api/offers/${clubOffer.json().id}`, offerInput(world))).statusCode).toBe(404);
    expect((await get(world.caseworker, `/api/offers/${offer.id}`)).json().title).toBe('Öppen fritidsgård');
    // Another tenant: neither reads nor writes, and its list does not hold it.
    expect((await get(other.coordinator, `/api/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await send(other.coordinator, 'PUT', `/api/offers/${offer.id}`, offerInput(other))).statusCode).toBe(404);
    expect((await get(other.coordinator, '/api/offers')).json().offers).toHaveLength(0);
    const denied = await inContext(t.database.db, { tenantId: world.tenant.id, userId: null }, (tx) =>
      tx.execute<{ action: string }>(sql`select action from audit_event where tenant_id = ${world.tenant.id} and action like 'offer.%' and outcome = 'denied'`),
    );
    expect(denied.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['offer.create', 'offer.update', 'offer.archive']));
    // Signed out: 401.
    expect((await get(null, '/api/offers')).statusCode).toBe(401);
  });

  it('the public page lists only public offers, public fields only, filtered by area, age and weekday, a page at a time', async () => {
    const world = await setUp();
    const open = (await send(world.leader, 'POST', '/api/offers', offerInput(world))).json();
    await send(world.leader, 'POST', '/api/offers', offerInput(world, { title: 'Intern insats', public: false }));
    const parents = (
      await send(world.coordinator, 'POST', '/api/offers', offerInput(world, { kind: 'foraldraprogram', title: 'ABC föräldraprogram', targetGroup: 'foraldrar', ageFrom: null, ageTo: null, placeIds: [], times: [{ weekday: 3, starts: '18:00', ends: '20:00' }] }))
    ).json();

    const all = await get(null, `/api/public/tenants/${world.tenant.slug}/offers`);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(body.offers.map((o: { title: string }) => o.title).sort()).toEqual(['ABC föräldraprogram', 'Öppen fritidsgård']);
    expect(body.areas).toEqual([{ id: world.areaId, name: 'Norr' }]);
    // Nothing that names a person, and no counts of who takes part.
    expect(all.body).not.toContain('Sara Fritidsledare');
    expect(body.offers[0]).not.toHaveProperty('contactPerson');
    expect(body.offers[0]).not.toHaveProperty('taken');
    expect(body.offers.find((o: { id: string }) => o.id === open.id).contactLabel).toBe('Fritidsgårdens reception');

    const titles = async (query: string) => (await get(null, `/api/public/tenants/${world.tenant.slug}/offers?${query}`)).json().offers.map((o: { id: string }) => o.id);
    expect(await titles(`area=${world.areaId}`)).toEqual([open.id]);
    expect(await titles('age=10')).toEqual([parents.id]);
    expect(await titles('age=15&weekday=5')).toEqual([open.id]);
    expect(await titles('weekday=3')).toEqual([parents.id]);
    expect(await titles('weekday=7')).toEqual([]);

    expect((await get(null, `/api/public/tenants/${world.tenant.slug}/offers?weekday=9`)).statusCode).toBe(400);
    expect((await get(null, `/api/public/tenants/${world.tenant.slug}/offers?page=0`)).statusCode).toBe(400);
    expect((await get(null, '/api/public/tenants/finns-inte/offers')).statusCode).toBe(404);
    // Another tenant's public page does not show them.
    const other = await setUp();
    expect((await get(null, `/api/public/tenants/${other.tenant.slug}/offers`)).json().offers).toEqual([]);
  });

  it('pages the public list at a fixed size', async () => {
    const world = await setUp();
    await inContext(t.database.db, { tenantId: world.tenant.id, userId: null }, (tx) =>
      tx.execute(sql`insert into offer (tenant_id, provider_organisation_id, kind, title, target_group, public)
        select ${world.tenant.id}::uuid, ${world.municipality.id}::uuid, 'annat', 'Insats ' || lpad(n::text, 2, '0'), 'unga', true from generate_series(1, 25) n`),
    );
    const first = (await get(null, `/api/public/tenants/${world.tenant.slug}/offers`)).json();
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: PUBLIC_OFFER_PAGE_SIZE });
    expect(first.offers).toHaveLength(20);
    const second = (await get(null, `/api/public/tenants/${world.tenant.slug}/offers?page=2`)).json();
    expect(second.offers.map((o: { title: string }) => o.title)).toEqual(['Insats 21', 'Insats 22', 'Insats 23', 'Insats 24', 'Insats 25']);
  });

  it('limits the public list per address: over the minute’s limit it answers 429', async () => {
    const world = await setUp();
    const statuses: number[] = [];
    for (let n = 0; n <= PUBLIC_OFFERS_PER_MINUTE; n += 1) {
      const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${world.tenant.slug}/offers`, remoteAddress: '203.0.113.9' });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, PUBLIC_OFFERS_PER_MINUTE).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not held back.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/tenants/${world.tenant.slug}/offers`, remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
  });
});
