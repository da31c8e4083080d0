import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { RECEIPT_ALPHABET } from '../../src/shared/concerns';
import { concernBody, formToken, inAppNotifications, intake, lookUp, newConcern, placeBody, professionalReporter, step, submitConcern, submitPlaceReport } from './concerns-support';


let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000', SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

const RECEIPT_FORMAT = new RegExp(`^[${RECEIPT_ALPHABET}]{4}-[${RECEIPT_ALPHABET}]{4}-[${RECEIPT_ALPHABET}]{4}$`);

describe('public concern form', () => {
  it('takes a concern without sign-in and answers with a readable receipt and the status page', async () => {
    const { tenant } = await intake(t);
    const response = await submitConcern(t, concernBody(t, tenant));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['receiptCode', 'statusUrl']);
    expect(body.receiptCode).toMatch(RECEIPT_FORMAT);
    expect(body.statusUrl).toBe('http://localhost:3000/oro/status');
    expect(response.headers['cache-control']).toBe('no-store');

    const status = await lookUp(t, body.receiptCode);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ status: 'mottagen', updatedAt: expect.any(String) });
  });

  it('draws receipt codes from the alphabet without look-alikes, different every time', async () => {
    const { tenant } = await intake(t);
    const codes = new Set<string>();
    for (let i = 0; i < 15; i += 1) codes.add((await newConcern(t, tenant)).receiptCode);
    expect(codes.size).toBe(15);
    const characters = [...codes].join('').replace(/-/g, '');
    expect(characters).toHaveLength(15 * 12);
    expect(characters).not.toMatch(/[0O1IL5S2Z8B6GQ]/);
  });

  it('accepts a typed code in any case, with spaces or without dashes', async () => {
    const { tenant } = await intake(t);
    const { receiptCode } = await newConcern(t, tenant);
    for (const typed of [receiptCode.toLowerCase(), receiptCode.replace(/-/g, ''), ` ${receiptCode.replace(/-/g, ' ')} `]) {
      expect((await lookUp(t, typed)).statusCode).toBe(200);
    }
    const viaBody = await t.app.inject({ method: 'POST', url: '/api/public/concerns/status', payload: { receiptCode: receiptCode.toLowerCase() } });
    expect(viaBody.statusCode).toBe(200);
    expect(viaBody.json().status).toBe('mottagen');
  });

  it('answers an unknown or malformed code with the same 404 as everything else missing', async () => {
    const unknown = await lookUp(t, 'AAAA-AAAA-AAAA');
    const malformed = await lookUp(t, 'hello');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(unknown.body).toBe(malformed.body);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('takes a place report with its own receipt, and refuses person fields on it', async () => {
    const { tenant } = await intake(t);
    const response = await submitPlaceReport(t, placeBody(t, tenant));
    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json())).toEqual(['receiptCode']);
    expect(response.json().receiptCode).toMatch(RECEIPT_FORMAT);
    expect((await lookUp(t, response.json().receiptCode)).json().status).toBe('mottagen');

    const withPerson = await submitPlaceReport(t, placeBody(t, tenant, { subject: { name: 'Kalle' } }));
    expect(withPerson.statusCode).toBe(400);
    expect(withPerson.json().error.fields.subject).toBe('Okänt fält.');
  });

  it('answers an unknown tenant, or one with no social services to receive, with 404', async () => {
    const unknown = await submitConcern(t, concernBody(t, { id: '', slug: 'finns-inte', name: '' }));
    expect(unknown.statusCode).toBe(404);
    const empty = await t.tenant();
    const nowhere = await submitConcern(t, concernBody(t, empty));
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.code).toBe('not_found');
  });

  it('tells the public form about the tenant: associations, numbers, whether it takes reports', async () => {
    const { tenant } = await intake(t);
    const club = await t.organisation(tenant, 'forening', { name: 'IK Test Fotboll' });
    const closed = await t.organisation(tenant, 'forening', { name: 'Nedlagda klubben' });
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const { inContext } = await import('../../src/server/db/context');
    const { organisation } = await import('../../src/server/db/schema');
    const { eq } = await import('drizzle-orm');
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) => tx.update(organisation).set({ active: false }).where(eq(organisation.id, closed.id)));

    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.slug).toBe(tenant.slug);
    expect(body.associations).toEqual([{ id: club.id, name: 'IK Test Fotboll' }]);
    expect(body.acceptsConcerns).toBe(true);
    expect(body.socialServicesPhone).toBeNull();
    expect(body.formMinSeconds).toBe(3);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/tenants/finns-inte' })).statusCode).toBe(404);

    const list = (await t.app.inject({ method: 'GET', url: '/api/public/tenants' })).json();
    expect(list.tenants).toContainEqual({ slug: tenant.slug, name: tenant.name });
    expect(Object.keys(list.tenants[0]).sort()).toEqual(['name', 'slug']);

    const empty = await t.tenant();
    const none = (await t.app.inject({ method: 'GET', url: `/api/public/tenants/${empty.slug}` })).json();
    expect(none.acceptsConcerns).toBe(false);
    expect(none.acceptsPlaceReports).toBe(false);
  });

  it('accepts an association from the tenant list, and refuses one of another tenant', async () => {
    const { tenant } = await intake(t);
    const club = await t.organisation(tenant, 'forening');
    const other = await t.tenant();
    const foreign = await t.organisation(other, 'forening');
    const ok = await submitConcern(t, concernBody(t, tenant, { reporter: { role: 'forening', associationId: club.id } }));
    expect(ok.statusCode).toBe(201);
    const typed = await submitConcern(t, concernBody(t, tenant, { reporter: { role: 'forening', associationName: 'Sandvikens BK' } }));
    expect(typed.statusCode).toBe(201);
    const refused = await submitConcern(t, concernBody(t, tenant, { reporter: { role: 'forening', associationId: foreign.id } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields['reporter.associationId']).toBe('Hittar inte det som fältet pekar på.');
  });

  it('may be called from an association’s own web site (CORS without credentials)', async () => {
    const { tenant } = await intake(t);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/public/concerns',
      headers: { origin: 'https://ikdemo.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST' });
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const submitted = await submitConcern(t, concernBody(t, tenant), { origin: 'https://ikdemo.example' });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.headers['access-control-allow-origin']).toBe('*');
    const refused = await lookUp(t, 'AAAA-AAAA-AAAA');
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    const signedIn = await t.app.inject({ method: 'GET', url: '/api/concerns', headers: { origin: 'https://ikdemo.example' } });
    expect(signedIn.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('notifies the receiving organisation, and by default not the coordinator', async () => {
    const { tenant, mottagning } = await intake(t);
    const coordinator = await t.member(tenant, await t.organisation(tenant, 'annan'), 'koordinator');
    const { id } = await newConcern(t, tenant);
    expect(await inAppNotifications(t, mottagning)).toEqual([{ kind: 'concern.received', link: `/mottagning/${id}` }]);
    expect(await inAppNotifications(t, coordinator)).toEqual([]);
  });
});

describe('validation', () => {
  it('answers with field messages in Swedish by default and in English on request', async () => {
    const { tenant } = await intake(t);
    const body = concernBody(t, tenant, { categories: [], description: '', reporter: { role: 'yrkesperson', organisationType: 'skola', organisationName: 'Skolan' }, extra: 1 });
    const sv = await submitConcern(t, body);
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.message).toBe('Några uppgifter behöver rättas.');
    expect(sv.json().error.fields).toMatchObject({ categories: 'Värdet är för kort eller för litet.', description: 'Värdet är för kort eller för litet.', extra: 'Okänt fält.' });

    const en = await submitConcern(t, body, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Some fields need to be corrected.');
    expect(en.json().error.fields).toMatchObject({ categories: 'The value is too short or too small.', extra: 'Unknown field.' });
  });

  it('requires contact details from a professional, but not from the public', async () => {
    const { tenant } = await intake(t);
    const anonymous = await submitConcern(t, concernBody(t, tenant, { reporter: { role: 'granne_allmanhet' } }));
    expect(anonymous.statusCode).toBe(201);

    const noContact = { role: 'yrkesperson', organisationType: 'skola', organisationName: 'Demoskolan' };
    const sv = await submitConcern(t, concernBody(t, tenant, { reporter: noContact }));
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.fields['reporter.contact']).toBe('Som yrkesperson behöver du ange namn och telefonnummer eller e-postadress.');
    const en = await submitConcern(t, concernBody(t, tenant, { reporter: { ...noContact, contact: { name: 'Karin' } } }), { 'accept-language': 'en-GB' });
    expect(en.json().error.fields['reporter.contact']).toBe('As a professional you need to give your name and a phone number or e-mail address.');
  });

  it('asks a club reporter for the club, and refuses fields of another reporter role', async () => {
    const { tenant } = await intake(t);
    const club = await submitConcern(t, concernBody(t, tenant, { reporter: { role: 'forening' } }));
    expect(club.json().error.fields['reporter.associationName']).toBe('Välj föreningen i listan eller skriv dess namn.');
    const mixed = await submitConcern(t, concernBody(t, tenant, { reporter: { role: 'foralder', organisationName: 'Skolan' } }), { 'accept-language': 'en' });
    expect(mixed.json().error.fields['reporter.organisationName']).toBe('This does not belong to the role you chose.');
  });

  it('refuses unknown categories, future dates, a bad time and oversized bodies', async () => {
    const { tenant } = await intake(t);
    const bad = await submitConcern(t, concernBody(t, tenant, { categories: ['hemligt'], occurredOn: '2999-01-01' }));
    expect(bad.json().error.fields.categories ?? bad.json().error.fields['categories.0']).toBe('Värdet är inte ett av de tillåtna.');
    expect(bad.json().error.fields.occurredOn).toBe('Datumet kan inte ligga i framtiden.');
    const time = await submitPlaceReport(t, placeBody(t, tenant, { occurredTime: '25:00' }));
    expect(time.json().error.fields.occurredTime).toBe('Ange tiden som TT:MM, till exempel 21:30.');
    const huge = await submitConcern(t, concernBody(t, tenant, { description: 'x'.repeat(40_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });
});

describe('bots', () => {
  it('refuses a filled honeypot and a too fresh, forged or expired form token, all alike', async () => {
    const { tenant } = await intake(t);
    const refusals = [
      await submitConcern(t, concernBody(t, tenant, { website: 'http://spam.example' })),
      await submitConcern(t, concernBody(t, tenant, { formToken: formToken(t, 0) })),
      await submitConcern(t, concernBody(t, tenant, { formToken: formToken(t, 25 * 3600) })),
      await submitConcern(t, concernBody(t, tenant, { formToken: `${formToken(t).split('.')[0]}.forged` })),
      await submitPlaceReport(t, placeBody(t, tenant, { website: 'x' })),
    ];
    for (const refusal of refusals) {
      expect(refusal.statusCode).toBe(400);
      expect(refusal.body).toBe(refusals[0]!.body);
    }
    expect(refusals[0]!.json().error.code).toBe('submission_refused');
    expect(refusals[0]!.json().error.message).toMatch(/112/);
  });

  it('issues form tokens that the server accepts once they are old enough', async () => {
    const { tenant } = await intake(t);
    const issued = await t.app.inject({ method: 'GET', url: '/api/public/form-token' });
    expect(issued.statusCode).toBe(200);
    const { token, notBefore, expiresAt } = issued.json();
    expect(new Date(notBefore).getTime() - Date.now()).toBeGreaterThan(2000);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const tooSoon = await submitConcern(t, concernBody(t, tenant, { formToken: token }));
    expect(tooSoon.json().error.code).toBe('submission_refused');
  });
});

describe('free text', () => {
  it('stores HTML-looking input verbatim and returns it as the same text', async () => {
    const { tenant, mottagning } = await intake(t);
    const payload = '<img src=x onerror=alert(1)>';
    const { id } = await newConcern(t, tenant, { description: payload, place: payload, subject: { name: payload } });
    const page = await t.app.inject({ method: 'GET', url: `/api/concerns/${id}`, headers: mottagning.headers });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^application\/json/);
    expect(page.json().description).toBe(payload);
    expect(page.json().place.text).toBe(payload);
    expect(page.json().subject.name).toBe(payload);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/concerns', headers: mottagning.headers });
    expect(inbox.json().concerns.find((row: { id: string }) => row.id === id).excerpt).toBe(payload);
  });

  it('keeps free text, names and contact details encrypted at rest', async () => {
    const { tenant } = await intake(t);
    const secret = `Hemlig beskrivning ${crypto.randomUUID()}`;
    const place = `Hemlig plats ${crypto.randomUUID()}`;
    await newConcern(t, tenant, {
      description: secret,
      place,
      subject: { name: 'Zlatan Hemligsson', school: 'Hemligskolan' },
      reporter: { ...professionalReporter(), contact: { name: 'Rapportör Hemligsdotter', email: 'hemlig@example.se' } },
    });
    const dump = await t.database.asOwner(async (owner) => {
      const { sql } = await import('drizzle-orm');
      const concerns = await owner.execute(sql`select * from concern where tenant_id = ${tenant.id}`);
      const events = await owner.execute(sql`select * from concern_event where tenant_id = ${tenant.id}`);
      const audit = await owner.execute(sql`select * from audit_event where tenant_id = ${tenant.id}`);
      return JSON.stringify([concerns.rows, events.rows, audit.rows]);
    });
    expect(dump).toContain('reporter_encrypted');
    for (const plain of [secret, place, 'Zlatan', 'Hemligskolan', 'Hemligsdotter', 'hemlig@example.se', 'Demoskolan Norr']) expect(dump).not.toContain(plain);
  });
});

describe('status and feedback seen by the reporter', () => {
  it('never gives a public reporter the decision, only the status', async () => {
    const { tenant, mottagning } = await intake(t);
    const { receiptCode, id } = await newConcern(t, tenant, { reporter: { role: 'foralder', contact: { name: 'Förälder', phone: '070-123 45 67' } } });
    await step(t, mottagning, id, 'assessment', { result: 'inget_akut_skyddsbehov' });
    expect((await lookUp(t, receiptCode)).json()).toEqual({ status: 'under_bedomning', updatedAt: expect.any(String) });
    await step(t, mottagning, id, 'decision', { decision: 'utredning_inledd' });
    expect((await lookUp(t, receiptCode)).json()).toEqual({ status: 'avslutad', updatedAt: expect.any(String) });
  });

  it('gives a professional with the duty to report exactly the decision, and nothing more', async () => {
    const { tenant, mottagning } = await intake(t);
    for (const decision of ['utredning_inledd', 'ej_inledd', 'pagar_redan'] as const) {
      const { receiptCode, id } = await newConcern(t, tenant, { reporter: professionalReporter('halso_sjukvard') });
      expect((await lookUp(t, receiptCode)).json()).toEqual({ status: 'mottagen', updatedAt: expect.any(String) });
      await step(t, mottagning, id, 'assessment', { result: 'akut_skyddsbehov', note: 'Kontaktade vårdnadshavare.' });
      await step(t, mottagning, id, 'decision', { decision, note: 'Intern motivering som aldrig ska ut.' });
      const seen = (await lookUp(t, receiptCode)).json();
      expect(seen).toEqual({ status: 'avslutad', updatedAt: expect.any(String), feedback: decision });
    }
  });

  it('gives no feedback to a professional without the duty to report', async () => {
    const { tenant, mottagning } = await intake(t);
    const { receiptCode, id } = await newConcern(t, tenant, { reporter: professionalReporter('annan') });
    await step(t, mottagning, id, 'assessment', { result: 'inget_akut_skyddsbehov' });
    await step(t, mottagning, id, 'decision', { decision: 'ej_inledd' });
    expect((await lookUp(t, receiptCode)).json()).toEqual({ status: 'avslutad', updatedAt: expect.any(String) });
  });

  it('moves the date the reporter sees only when the status changes', async () => {
    const { tenant, mottagning } = await intake(t);
    const { receiptCode, id } = await newConcern(t, tenant);
    const first = (await lookUp(t, receiptCode)).json().updatedAt;
    await step(t, mottagning, id, 'notes', { body: 'Ringde skolan.' });
    expect((await lookUp(t, receiptCode)).json().updatedAt).toBe(first);
    await step(t, mottagning, id, 'assessment', { result: 'inget_akut_skyddsbehov' });
    expect((await lookUp(t, receiptCode)).json().updatedAt).not.toBe(first);
  });
});
