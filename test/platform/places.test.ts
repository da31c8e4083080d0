import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestMember } from '../factories';
import { inContext } from '../../src/server/db/context';
import { place } from '../../src/server/db/schema';
import { listPlaces } from '../../src/server/modules/places/place-queries';
import type { Tx } from '../../src/server/db/client';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

/** A fictional square around Gävle's centre, and one around Sätra further west. */
const centrum = { type: 'Polygon', coordinates: [[[17.13, 60.67], [17.16, 60.67], [17.16, 60.68], [17.13, 60.68], [17.13, 60.67]]] };
const satra = { type: 'Polygon', coordinates: [[[17.09, 60.655], [17.115, 60.655], [17.115, 60.67], [17.09, 60.67], [17.09, 60.655]]] };

const square = {
  name: 'Stortorget',
  type: 'centrum_torg',
  position: { latitude: 60.6745, longitude: 17.1412 },
  address: 'Stortorget, Gävle',
  contactName: 'Kim Fältare',
  contactPhone: '026-17 80 00',
  openingHours: { '5': [{ opens: '08:00', closes: '24:00' }] },
  notes: 'Samlingsplats fredagskvällar.',
};

async function setUp() {
  const tenant = await t.tenant();
  const fritid = await t.organisation(tenant, 'fritid', { name: 'Fritidsgårdarna' });
  const club = await t.organisation(tenant, 'forening', { name: 'Nattvandrarna' });
  const police = await t.organisation(tenant, 'polis', { name: 'Polisen' });
  const leader = await t.member(tenant, fritid, 'fritidsledare');
  const keyPerson = await t.member(tenant, club, 'foreningsnyckelperson');
  return { tenant, fritid, club, police, leader, keyPerson };
}

const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });
const put = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: member.headers, payload: payload as object });
const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });

describe('places', () => {
  it('lets a fritidsledare add, read, change and archive a place, audited by field names', async () => {
    const { tenant, fritid, leader, keyPerson } = await setUp();
    const created = await post(leader, '/api/places', { ...square, responsibleOrganisationId: fritid.id });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      name: 'Stortorget',
      type: 'centrum_torg',
      position: { latitude: 60.6745, longitude: 17.1412 },
      responsibleOrganisationName: 'Fritidsgårdarna',
      openingHours: { '5': [{ opens: '08:00', closes: '24:00' }] },
      areaId: null,
      active: true,
      abilities: { read: true, update: true, archive: true, set_youth_hours: true },
    });

    // Every member of the tenant reads it, with abilities that say they may not edit.
    const read = await get(keyPerson, `/api/places/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().abilities).toMatchObject({ read: true, update: false });
    const list = await get(keyPerson, '/api/places');
    expect(list.json().places.map((p: { name: string }) => p.name)).toEqual(['Stortorget']);
    expect(list.json().abilities).toMatchObject({ create: false });

    const changed = await put(leader, `/api/places/${body.id}`, { ...square, name: 'Stortorget (södra delen)', contactPhone: null });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Stortorget (södra delen)', contactPhone: null, responsibleOrganisationId: null });
    const updates = await t.auditEvents(tenant, 'place.update');
    expect(updates.map((e) => e.details)).toEqual([{ changed: ['name', 'responsibleOrganisationId', 'contactPhone'] }]);
    expect(JSON.stringify(await t.auditEvents(tenant))).not.toContain('Kim Fältare');

    const archived = await post(leader, `/api/places/${body.id}/archive`, {});
    expect(archived.json().active).toBe(false);
    expect((await get(leader, '/api/places')).json().places).toEqual([]);
    expect((await get(leader, '/api/places?archived=true')).json().places).toHaveLength(1);
    expect(await t.auditEvents(tenant, 'place.archive')).toHaveLength(1);
    expect((await post(leader, `/api/places/${body.id}/restore`, {})).json().active).toBe(true);
  });

  it('keeps a digital arena without a position, and refuses a physical place without one', async () => {
    const { leader } = await setUp();
    const digital = await post(leader, '/api/places', { name: 'Discord: Gävle Gaming', type: 'digital', digitalLocation: 'discord.example/gavle' });
    expect(digital.statusCode).toBe(201);
    expect(digital.json()).toMatchObject({ position: null, areaId: null, digitalLocation: 'discord.example/gavle' });

    const withPosition = await post(leader, '/api/places', { name: 'Server', type: 'digital', position: { latitude: 60.67, longitude: 17.14 } });
    expect(withPosition.statusCode).toBe(400);
    expect(withPosition.json().error.fields.position).toMatch(/digital arena/i);

    const noPosition = await post(leader, '/api/places', { name: 'Skolan', type: 'skola' });
    expect(noPosition.statusCode).toBe(400);
    expect(Object.keys(noPosition.json().error.fields)).toEqual(['position']);

    const badHours = await post(leader, '/api/places', { ...square, openingHours: { '1': [{ opens: '18:00', closes: '09:00' }] } });
    expect(badHours.statusCode).toBe(400);
    expect(badHours.json().error.fields['openingHours.1.0.closes']).toBeDefined();
  });

  it('refuses every role but coordinators, administrators, leisure and field staff, and audits the denial', async () => {
    const { tenant, fritid, club, police, leader, keyPerson } = await setUp();
    const created = (await post(leader, '/api/places', square)).json();
    const officer = await t.member(tenant, police, 'polis');
    const coordinator = await t.member(tenant, fritid, 'koordinator');
    const fieldWorker = await t.member(tenant, fritid, 'faltassistent');
    const admin = await t.member(tenant, club, 'administrator');

    for (const outsider of [keyPerson, officer]) {
      expect((await post(outsider, '/api/places', square)).statusCode).toBe(403);
      expect((await put(outsider, `/api/places/${created.id}`, square)).statusCode).toBe(404);
      expect((await post(outsider, `/api/places/${created.id}/archive`, {})).statusCode).toBe(404);
      expect((await put(outsider, `/api/places/${created.id}/youth-hours`, { hours: [] })).statusCode).toBe(404);
      expect((await post(outsider, '/api/areas', { name: 'Centrum', kind: 'stadsdel', geometry: centrum })).statusCode).toBe(403);
      expect((await get(outsider, `/api/places/${created.id}/youth-hours`)).statusCode).toBe(200);
    }
    const denied = (await t.auditEvents(tenant)).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action).sort()).toEqual(
      ['area.create', 'place.archive', 'place.create', 'place.update', 'place.youth_hours.update'].flatMap((a) => [a, a]).sort(),
    );

    for (const editor of [coordinator, fieldWorker, admin]) {
      expect((await put(editor, `/api/places/${created.id}`, { ...square, notes: `av ${editor.role}` })).statusCode).toBe(200);
    }
  });

  it('answers a place or area of another tenant with 404, and lists only its own', async () => {
    const a = await setUp();
    const b = await setUp();
    const theirs = (await post(b.leader, '/api/places', square)).json();
    const theirArea = (await post(b.leader, '/api/areas', { name: 'Centrum', kind: 'stadsdel', geometry: centrum })).json();
    expect((await get(a.leader, `/api/places/${theirs.id}`)).statusCode).toBe(404);
    expect((await get(a.leader, `/api/places/${theirs.id}/youth-hours`)).statusCode).toBe(404);
    expect((await put(a.leader, `/api/places/${theirs.id}`, square)).statusCode).toBe(404);
    expect((await get(a.leader, `/api/areas/${theirArea.id}`)).statusCode).toBe(404);
    expect((await put(a.leader, `/api/areas/${theirArea.id}`, { name: 'Xyz', kind: 'annat', geometry: centrum })).statusCode).toBe(404);
    expect((await get(a.leader, '/api/places')).json().places).toEqual([]);
    expect((await get(a.leader, '/api/areas')).json().areas).toEqual([]);
    // Nor may another tenant's area or organisation be named on a place.
    const borrowed = await post(a.leader, '/api/places', { ...square, areaId: theirArea.id, responsibleOrganisationId: b.fritid.id });
    expect(borrowed.statusCode).toBe(400);
    expect((await get(b.leader, `/api/places/${theirs.id}`)).json().name).toBe('Stortorget');
  });
});

describe('ungdomstider', () => {
  it('round-trips the week, replacing the old one, and refuses the same hour twice', async () => {
    const { tenant, leader, keyPerson } = await setUp();
    const created = (await post(leader, '/api/places', square)).json();
    const url = `/api/places/${created.id}/youth-hours`;
    expect((await get(leader, url)).json()).toMatchObject({ placeId: created.id, hours: [] });

    const friday = [20, 21, 22, 23].map((hour) => ({ weekday: 5, hour, level: 'many' }));
    const saved = await put(leader, url, { hours: [{ weekday: 1, hour: 15, level: 'few' }, ...friday.reverse(), { weekday: 6, hour: 14, level: 'some' }] });
    expect(saved.statusCode).toBe(200);
    const hours = (await get(keyPerson, url)).json().hours;
    expect(hours).toEqual([{ weekday: 1, hour: 15, level: 'few' }, ...[20, 21, 22, 23].map((hour) => ({ weekday: 5, hour, level: 'many' })), { weekday: 6, hour: 14, level: 'some' }]);
    expect((await t.auditEvents(tenant, 'place.youth_hours.update')).map((e) => e.details)).toEqual([{ levels: { few: 1, some: 1, many: 4 } }]);

    await put(leader, url, { hours: [{ weekday: 7, hour: 0, level: 'some' }] });
    expect((await get(leader, url)).json().hours).toEqual([{ weekday: 7, hour: 0, level: 'some' }]);

    const twice = await put(leader, url, { hours: [{ weekday: 2, hour: 9, level: 'few' }, { weekday: 2, hour: 9, level: 'many' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toHaveProperty('hours.1');
    const outOfRange = await put(leader, url, { hours: [{ weekday: 8, hour: 24, level: 'lots' }] });
    expect(outOfRange.statusCode).toBe(400);
    expect(Object.keys(outOfRange.json().error.fields).sort()).toEqual(['hours.0.hour', 'hours.0.level', 'hours.0.weekday']);
  });
});

describe('areas', () => {
  it('assigns places to the area their position lies in, both ways round, unless set explicitly', async () => {
    const { leader } = await setUp();
    const before = (await post(leader, '/api/places', square)).json();
    expect(before.areaId).toBeNull();

    const area = await post(leader, '/api/areas', { name: 'Centrum', kind: 'stadsdel', geometry: centrum });
    expect(area.statusCode).toBe(201);
    expect(area.json()).toMatchObject({ name: 'Centrum', placeCount: 1, bbox: { minLatitude: 60.67, maxLongitude: 17.16 } });
    expect((await get(leader, `/api/places/${before.id}`)).json()).toMatchObject({ areaId: area.json().id, areaName: 'Centrum' });

    const satraArea = (await post(leader, '/api/areas', { name: 'Sätra', kind: 'stadsdel', geometry: satra })).json();
    const school = (await post(leader, '/api/places', { name: 'Sätraskolan', type: 'skola', position: { latitude: 60.662, longitude: 17.1 } })).json();
    expect(school.areaId).toBe(satraArea.id);
    const outside = (await post(leader, '/api/places', { name: 'Furuvik', type: 'park_utomhus', position: { latitude: 60.65, longitude: 17.33 } })).json();
    expect(outside.areaId).toBeNull();
    const explicit = (await post(leader, '/api/places', { ...square, name: 'Explicit', areaId: satraArea.id })).json();
    expect(explicit.areaId).toBe(satraArea.id);

    // A place drawn as an area sits at its centre, and in the area that centre lies in.
    const park = await post(leader, '/api/places', { name: 'Boulognerskogen', type: 'park_utomhus', geometry: { type: 'Polygon', coordinates: [[[17.135, 60.671], [17.14, 60.671], [17.14, 60.673], [17.135, 60.671]]] } });
    expect(park.statusCode).toBe(201);
    expect(park.json().areaName).toBe('Centrum');

    const filtered = (await get(leader, `/api/places?areaId=${satraArea.id}`)).json().places.map((p: { name: string }) => p.name);
    expect(filtered).toEqual(['Explicit', 'Sätraskolan']);
    expect((await get(leader, '/api/places?type=skola')).json().places.map((p: { name: string }) => p.name)).toEqual(['Sätraskolan']);

    const archived = await post(leader, `/api/areas/${satraArea.id}/archive`, {});
    expect(archived.json().active).toBe(false);
    expect((await get(leader, `/api/places/${school.id}`)).json().areaId).toBeNull();
    expect((await get(leader, '/api/areas')).json().areas.map((a: { name: string }) => a.name)).toEqual(['Centrum']);
  });

  it('imports a FeatureCollection, naming areas from their properties, all or nothing', async () => {
    const { tenant, leader } = await setUp();
    await post(leader, '/api/places', square);
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Centrum' }, geometry: centrum },
        { type: 'Feature', properties: { namn: 'Sätra' }, geometry: { type: 'MultiPolygon', coordinates: [satra.coordinates] } },
      ],
    };
    const imported = await post(leader, '/api/areas/import', { kind: 'stadsdel', geojson: collection });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().areas.map((a: { name: string }) => a.name)).toEqual(['Centrum', 'Sätra']);
    expect(imported.json().placesAssigned).toBe(1);
    expect(await t.auditEvents(tenant, 'area.import')).toHaveLength(1);

    const bare = await post(leader, '/api/areas/import', { kind: 'upptagningsomrade', name: 'Andersbergsskolans upptagning', geojson: satra });
    expect(bare.json().areas[0].name).toBe('Andersbergsskolans upptagning');
    const unnamed = await post(leader, '/api/areas/import', { kind: 'annat', geojson: satra });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.fields).toHaveProperty('name');

    // One bad feature: nothing is imported.
    const half = await post(leader, '/api/areas/import', { kind: 'stadsdel', geojson: { type: 'FeatureCollection', features: [collection.features[0], { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [17, 60] } }] } });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.fields).toEqual({ 'geojson.features.1.geometry.type': expect.stringMatching(/Polygon/) });
    expect((await get(leader, '/api/areas')).json().areas).toHaveLength(3);
  });

  it('refuses bad geometry with a clear message at the field', async () => {
    const { leader } = await setUp();
    const ring = (coordinates: unknown) => ({ name: 'Fel', kind: 'annat', geometry: { type: 'Polygon', coordinates: [coordinates] } });
    const cases: [unknown, string, RegExp][] = [
      [ring([[17.1, 60.6], [17.2, 60.6], [17.2, 60.7], [17.1, 60.7]]), 'geometry.coordinates.0', /inte sluten|not closed/],
      [ring([[17.1, 60.6], [17.2, 60.6], [17.1, 60.6]]), 'geometry.coordinates.0', /minst tre hörn|at least three/],
      [ring([[17.1, 60.6], [17.2, 160.6], [17.2, 60.7], [17.1, 60.6]]), 'geometry.coordinates.0.1', /utanför jorden|off the globe/],
      [ring([[17.1, 60.6], [17.2, 60.7], [17.2, 60.6], [17.1, 60.7], [17.1, 60.6]]), 'geometry.coordinates.0', /korsar|cross/],
      [ring([[17.1, 60.6], ['17.2', 60.6], [17.2, 60.7], [17.1, 60.6]]), 'geometry.coordinates.0.1', /longitud|longitude/],
      [{ name: 'Fel', kind: 'annat', geometry: { type: 'Point', coordinates: [17, 60] } }, 'geometry.type', /./],
    ];
    for (const [payload, field, message] of cases) {
      const response = await post(leader, '/api/areas', payload);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error.fields[field], JSON.stringify(response.json())).toMatch(message);
    }
    const english = await t.app.inject({ method: 'POST', url: '/api/areas', headers: { ...leader.headers, 'accept-language': 'en' }, payload: cases[0]![0] as object });
    expect(english.json().error.fields['geometry.coordinates.0']).toMatch(/not closed/);
    const notGeoJson = await post(leader, '/api/areas/import', { kind: 'annat', name: 'X', geojson: 'hej' });
    expect(notGeoJson.json().error.fields.geojson).toMatch(/GeoJSON/);
  });
});

describe('the register at scale', () => {
  it('lists 500 places with their area and organisation names in one query', async () => {
    const { tenant, fritid, leader } = await setUp();
    const areaId = (await post(leader, '/api/areas', { name: 'Centrum', kind: 'stadsdel', geometry: centrum })).json().id as string;
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(place).values(
        Array.from({ length: 500 }, (_, index) => ({
          tenantId: tenant.id,
          name: `Plats ${String(index).padStart(3, '0')}`,
          type: 'skola',
          latitude: 60.6 + index / 10_000,
          longitude: 17.1,
          areaId: index % 2 === 0 ? areaId : null,
          responsibleOrganisationId: fritid.id,
        })),
      ),
    );
    let statements = 0;
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const counting = new Proxy(tx, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value === 'function' && ['select', 'execute', 'query', 'selectDistinct', 'insert', 'update', 'delete'].includes(String(key))) {
            return (...args: unknown[]) => {
              statements += 1;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return value;
        },
      }) as Tx;
      const rows = await listPlaces(counting, tenant.id, {});
      expect(rows).toHaveLength(500);
      expect(rows[0]).toMatchObject({ areaName: 'Centrum', responsibleOrganisationName: 'Fritidsgårdarna' });
    });
    expect(statements).toBe(1);

    // The whole request (session, query, 500 presented places, the response schema), cold and then warm.
    const timings: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const response = await get(leader, '/api/places');
      timings.push(performance.now() - started);
      expect(response.statusCode).toBe(200);
      expect(response.json().places).toHaveLength(500);
    }
    console.info(`GET /api/places with 500 places: ${timings.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });
});

describe('map configuration', () => {
  it('has no tile source by default, and the CSP allows no other image host', async () => {
    const { leader } = await setUp();
    const config = await get(leader, '/api/map-config');
    expect(config.json()).toEqual({ tiles: null, attribution: null });
    const csp = config.headers['content-security-policy'] as string;
    expect(csp).toMatch(/img-src 'self' data:;/);
  });

  it('gives the configured template, and the CSP allows exactly its host', async () => {
    const tiled = await TestApp.start({ SAMVERKA_MAP_TILES: 'https://tiles.example.se:8443/osm/{z}/{x}/{y}.png', SAMVERKA_MAP_ATTRIBUTION: '© Exempelkartor' });
    try {
      const tenant = await tiled.tenant();
      const club = await tiled.organisation(tenant, 'forening');
      const member = await tiled.member(tenant, club, 'foreningsnyckelperson');
      const config = await tiled.app.inject({ method: 'GET', url: '/api/map-config', headers: member.headers });
      expect(config.json()).toEqual({ tiles: 'https://tiles.example.se:8443/osm/{z}/{x}/{y}.png', attribution: '© Exempelkartor' });
      expect(config.headers['content-security-policy']).toMatch(/img-src 'self' data: https:\/\/tiles\.example\.se:8443;/);
    } finally {
      await tiled.close();
    }
    await expect(TestApp.start({ SAMVERKA_MAP_TILES: 'https://{s}.tile.example/{z}/{x}/{y}.png' })).rejects.toThrow(/SAMVERKA_MAP_TILES/);
  });
});
