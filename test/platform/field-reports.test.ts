import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { fieldReport, place } from '../../src/server/db/schema';
import { TestApp, type TestMember, type TestTenant } from '../factories';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const url = '/api/field-reports';

async function addPlace(tenant: TestTenant, name = 'Stortorget'): Promise<string> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const [row] = await tx.insert(place).values({ tenantId: tenant.id, name, type: 'centrum_torg', latitude: 60.6749, longitude: 17.1413 }).returning();
    return row!.id;
  });
}

function report(placeId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    placeId,
    startedAt: '2026-05-22T18:00:00+02:00',
    endedAt: '2026-05-22T22:30:00+02:00',
    staffCount: 2,
    youthUnder13: 0,
    youth13To15: 12,
    youth16To17: 8,
    youth18Plus: 3,
    mood: 'anstrangt',
    observations: 'Stor samling vid busshållplatsen efter 21. Lugnade sig när vi kom.',
    forSituationPicture: true,
    visibility: 'all',
    ...overrides,
  };
}

const post = (member: TestMember, payload: unknown, language = 'sv') =>
  t.app.inject({ method: 'POST', url, headers: { ...member.headers, 'accept-language': language }, payload: payload as Record<string, unknown> });
const list = async (member: TestMember) => {
  const response = await t.app.inject({ method: 'GET', url, headers: member.headers });
  expect(response.statusCode).toBe(200);
  return (response.json() as { reports: Array<{ id: string; visibility: string; observations: string }> }).reports;
};

async function setUp() {
  const tenant = await t.tenant();
  const fritid = await t.organisation(tenant, 'fritid', { name: 'Fältgruppen Gävle' });
  const police = await t.organisation(tenant, 'polis', { name: 'Polisen Gävle' });
  const club = await t.organisation(tenant, 'forening', { name: 'Nattvandrarna Gävle' });
  const social = await t.organisation(tenant, 'socialtjanst');
  const fieldWorker = await t.member(tenant, fritid, 'faltassistent');
  const officer = await t.member(tenant, police, 'polis');
  const nightWalker = await t.member(tenant, club, 'foreningsnyckelperson');
  const placeId = await addPlace(tenant);
  return { tenant, fritid, police, club, social, fieldWorker, officer, nightWalker, placeId };
}

// Each test signs in several members with two-factor: on a busy machine that takes more than the default half minute.
describe('field reports', { timeout: 120_000 }, () => {
  it('files a report with counts by age band and names the organisations present, audited without the text', async () => {
    const { tenant, fieldWorker, police, club, placeId } = await setUp();
    const body = report(placeId, { otherOrganisationIds: [police.id, club.id] });
    const created = await post(fieldWorker, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: body.id,
      organisation: { name: 'Fältgruppen Gävle' },
      otherOrganisations: [{ id: police.id, name: 'Polisen Gävle' }, { id: club.id, name: 'Nattvandrarna Gävle' }],
      place: { id: placeId, name: 'Stortorget' },
      youth13To15: 12,
      mood: 'anstrangt',
      forSituationPicture: true,
      mine: true,
    });
    const [event] = await t.auditEvents(tenant, 'field_report.create');
    expect(event).toMatchObject({ resourceId: body.id, actorUserId: fieldWorker.userId, outcome: 'allowed' });
    expect(event!.details).toMatchObject({ repeat: false, youth: 23, placeId });
    expect(JSON.stringify(event)).not.toContain('busshållplatsen');
  });

  it('is idempotent on the client id: the same report twice is one report, and a resend with other content keeps the first', async () => {
    const { tenant, fieldWorker, placeId } = await setUp();
    const body = report(placeId);
    expect((await post(fieldWorker, body)).statusCode).toBe(201);
    const again = await post(fieldWorker, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(body.id);
    const changed = await post(fieldWorker, { ...body, youth13To15: 99 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().youth13To15).toBe(12);
    expect((await list(fieldWorker)).filter((r) => r.id === body.id)).toHaveLength(1);
    expect((await t.auditEvents(tenant, 'field_report.create')).map((e) => (e.details as { repeat: boolean }).repeat)).toEqual([false, true, true]);
  });

  it('lets another tenant use the same id without colliding, and another user in the tenant cannot take it over', async () => {
    const a = await setUp();
    const b = await setUp();
    const id = randomUUID();
    expect((await post(a.fieldWorker, report(a.placeId, { id }))).statusCode).toBe(201);
    const other = await post(b.fieldWorker, report(b.placeId, { id, observations: 'Tomt på torget.' }));
    expect(other.statusCode).toBe(201);
    expect((await list(a.fieldWorker)).find((r) => r.id === id)?.observations).toContain('busshållplatsen');
    expect((await list(b.fieldWorker)).find((r) => r.id === id)?.observations).toBe('Tomt på torget.');
    // A colleague in the same tenant sending that id gets a conflict, not the report.
    const colleague = await post(a.nightWalker, report(a.placeId, { id }));
    expect(colleague.statusCode).toBe(409);
    expect(colleague.body).not.toContain('busshållplatsen');
  });

  it('refuses a personnummer in the observations with a field-level message, in Swedish and English', async () => {
    const { fieldWorker, placeId } = await setUp();
    for (const text of ['Pratade med 080512-1234 om kvällen.', 'Hen sa 200805121234.', 'Samordningsnummer 080572-1234']) {
      const sv = await post(fieldWorker, report(placeId, { observations: text }));
      expect(sv.statusCode).toBe(400);
      expect(sv.json().error.fields).toEqual({ observations: 'Skriv inte personnummer i rapporten. En fältrapport beskriver platsen och stämningen, inte personer.' });
    }
    const en = await post(fieldWorker, report(placeId, { observations: 'Met 080512-1234.' }), 'en');
    expect(en.json().error.fields.observations).toMatch(/^Do not write identity numbers/);
    // Times, counts and dates are no personnummer.
    expect((await post(fieldWorker, report(placeId, { observations: 'Kl. 21.30 kom 15 st, 2026-05-22 1800 lugnt.' }))).statusCode).toBe(201);
    expect((await list(fieldWorker)).some((r) => r.observations.includes('1234'))).toBe(false);
  });

  it('answers bad input with field-level messages', async () => {
    const { tenant, fieldWorker, placeId } = await setUp();
    const response = await post(fieldWorker, {
      ...report(placeId),
      id: 'inte-ett-id',
      youth13To15: -1,
      mood: 'glatt',
      visibility: 'alla',
      name: 'Kalle',
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['id', 'mood', 'name', 'visibility', 'youth13To15']);

    const noPlace = await post(fieldWorker, report(placeId, { placeId: null }));
    expect(noPlace.json().error.fields).toEqual({ placeId: 'Välj platsen eller området.' });
    const backwards = await post(fieldWorker, report(placeId, { startedAt: '2026-05-22T23:00:00+02:00' }));
    expect(backwards.json().error.fields).toEqual({ endedAt: 'Slutdatum måste vara efter startdatum.' });

    // Another tenant's place and organisation are unknown here (400 on the field, nothing written).
    const other = await setUp();
    const foreign = await post(fieldWorker, report(other.placeId, { otherOrganisationIds: [other.police.id] }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual({ placeId: 'Hittar inte det som fältet pekar på.', otherOrganisationIds: 'Hittar inte det som fältet pekar på.' });
    expect(await t.auditEvents(tenant, 'field_report.create')).toHaveLength(0);
  });

  it('shows each report only to those its visibility allows (policy and RLS)', async () => {
    const { tenant, social, fieldWorker, officer, nightWalker, placeId } = await setUp();
    const otherPolice = await t.member(tenant, await t.organisation(tenant, 'polis'), 'polis');
    const estReporter = await t.member(tenant, social, 'est_rapportor');
    const authorities = report(placeId, { visibility: 'authorities' });
    const own = report(placeId, { visibility: 'organisation' });
    const all = report(placeId, { visibility: 'all' });
    for (const body of [authorities, own]) expect((await post(officer, body)).statusCode).toBe(201);
    expect((await post(fieldWorker, all)).statusCode).toBe(201);

    const seen = async (member: TestMember) => (await list(member)).map((r) => r.id).sort();
    const sorted = (...ids: string[]) => ids.sort();
    expect(await seen(officer)).toEqual(sorted(authorities.id, own.id, all.id));
    expect(await seen(otherPolice)).toEqual(sorted(authorities.id, all.id));
    expect(await seen(fieldWorker)).toEqual(sorted(authorities.id, all.id)); // a municipal fritid organisation is an authority
    expect(await seen(estReporter)).toEqual(sorted(authorities.id, all.id));
    // The association sees neither the authorities-only nor the police's own report.
    expect(await seen(nightWalker)).toEqual([all.id]);

    // The second wall on its own: row-level security, asked directly as the association's organisation.
    const asOrganisation = <T>(organisationId: string, isAuthority: boolean, work: (tx: Parameters<Parameters<typeof inContext>[2]>[0]) => Promise<T>) =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('app.tenant_id', ${tenant.id}, true), set_config('app.user_id', '', true), set_config('app.organisation_id', ${organisationId}, true), set_config('app.organisation_is_authority', ${String(isAuthority)}, true)`,
        );
        return work(tx);
      });
    const rlsSeen = await asOrganisation(nightWalker.organisationId, false, (tx) => tx.select({ id: fieldReport.id }).from(fieldReport));
    expect(rlsSeen.map((r) => r.id)).toEqual([all.id]);
    // ...and it refuses a report written in another organisation's name.
    await expect(
      asOrganisation(nightWalker.organisationId, false, (tx) =>
        tx.insert(fieldReport).values({ tenantId: tenant.id, id: randomUUID(), organisationId: officer.organisationId, placeId, startedAt: new Date('2026-05-22T18:00:00Z'), endedAt: new Date('2026-05-22T20:00:00Z'), mood: 'lugnt', visibility: 'all' }),
      ),
    ).rejects.toSatisfy((error: Error & { cause?: Error }) => /row-level security/.test(error.cause?.message ?? error.message));
  });

  it('refuses roles that do not do field work, and keeps tenants apart', async () => {
    const { tenant, social, fieldWorker, placeId } = await setUp();
    const body = report(placeId);
    expect((await post(fieldWorker, body)).statusCode).toBe(201);
    for (const role of ['handlaggare', 'administrator', 'skolpersonal', 'analytiker', 'est_rapportor'] as const) {
      const member = await t.member(tenant, social, role);
      const filed = await post(member, report(placeId));
      expect(filed.statusCode).toBe(403);
      const options = await t.app.inject({ method: 'GET', url: `${url}/options`, headers: member.headers });
      expect(options.statusCode).toBe(403);
      if (role !== 'est_rapportor') expect((await t.app.inject({ method: 'GET', url, headers: member.headers })).statusCode).toBe(403);
    }
    const denials = (await t.auditEvents(tenant)).filter((e) => e.outcome === 'denied' && e.resourceType === 'field_report');
    expect(denials.length).toBe(14);

    const other = await setUp();
    expect((await list(other.fieldWorker)).map((r) => r.id)).not.toContain(body.id);
    expect((await t.app.inject({ method: 'GET', url: `${url}?placeId=${placeId}`, headers: other.fieldWorker.headers })).json().reports).toEqual([]);
    // Without a session: 401.
    expect((await t.app.inject({ method: 'POST', url, payload: report(placeId) })).statusCode).toBe(401);
  });

  it('gives the form its options: places, other organisations and the default visibility by organisation', async () => {
    const { fieldWorker, officer, placeId, police } = await setUp();
    const field = (await t.app.inject({ method: 'GET', url: `${url}/options`, headers: fieldWorker.headers })).json();
    expect(field.defaultVisibility).toBe('all');
    expect(field.places).toEqual([{ id: placeId, name: 'Stortorget', type: 'centrum_torg' }]);
    expect(field.organisations.map((o: { id: string }) => o.id)).toContain(police.id);
    expect(field.organisations.map((o: { id: string }) => o.id)).not.toContain(fieldWorker.organisationId);
    const polis = (await t.app.inject({ method: 'GET', url: `${url}/options`, headers: officer.headers })).json();
    expect(polis.defaultVisibility).toBe('authorities');
  });
});
