import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { organisation } from '../../src/server/db/schema';
import { and, eq } from 'drizzle-orm';
import { qrCodeSvg } from '../../src/server/modules/associations/qr';
import { readPdf } from './associations-pdf-text';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const contact = { name: 'Socialtjänstens mottagning', phone: '026-17 80 00', email: 'mottagningen@example.se', hours: 'Vardagar 8–16' };

/** A tenant whose administrator has set the concern contact, with two associations, one with an anmälningsansvarig. */
async function tenantWithGuide(name = 'Gävle kommun') {
  const tenant = await t.tenant(name);
  const social = await t.organisation(tenant, 'socialtjanst');
  const admin = await t.member(tenant, social, 'administrator');
  const settings = await t.app.inject({ method: 'PUT', url: '/api/concern-settings', headers: admin.headers, payload: { socialServicesPhone: '026-17 80 00', contact } });
  expect(settings.statusCode).toBe(200);
  const club = await t.organisation(tenant, 'forening', { name: 'Sandvikens BK' });
  const choir = await t.organisation(tenant, 'forening', { name: 'Kören Allegro' });
  const keyPerson = await t.member(tenant, club, 'foreningsnyckelperson');
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/associations/${club.id}/reporting-contact`,
    headers: keyPerson.headers,
    payload: { name: 'Åsa Öberg', phone: '070-123 45 67', email: 'asa@sandvikensbk.example' },
  });
  expect(saved.statusCode).toBe(200);
  return { tenant, social, club, choir };
}

const formUrl = (tenant: TestTenant) => `http://localhost:3000/oro?tenant=${tenant.slug}`;

describe('association guide', () => {
  it('gives the contact, the deadlines, the form URL and the associations, with only the name of their anmälningsansvarig', async () => {
    const { tenant, club, choir } = await tenantWithGuide();
    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/association-guide` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      tenant: { slug: tenant.slug, name: tenant.name },
      formUrl: formUrl(tenant),
      statusUrl: 'http://localhost:3000/oro/status',
      qrCodeUrl: `http://localhost:3000/api/public/tenants/${tenant.slug}/concern-qr.svg`,
      posterUrl: `http://localhost:3000/api/public/tenants/${tenant.slug}/concern-poster.pdf`,
      acceptsConcerns: true,
      contact,
      socialServicesPhone: '026-17 80 00',
      emergencyNumbers: { emergency: '112', policeTips: '114 14', bris: '116 111' },
      deadlines: { protectionAssessment: 'same_day', decisionWithinDays: 14 },
      associations: [
        { id: choir.id, name: 'Kören Allegro', reportingContactName: null },
        { id: club.id, name: 'Sandvikens BK', reportingContactName: 'Åsa Öberg' },
      ],
    });
    expect(response.body).not.toContain('070-123');
    expect(response.body).not.toContain('asa@sandvikensbk');
  });

  it('answers an unknown tenant with 404, and leaves out deactivated associations', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/public/tenants/finns-inte/association-guide' })).statusCode).toBe(404);
    const { tenant, club } = await tenantWithGuide();
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.update(organisation).set({ active: false }).where(and(eq(organisation.tenantId, tenant.id), eq(organisation.id, club.id))),
    );
    const guide = (await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/association-guide` })).json();
    expect(guide.associations.map((a: { id: string }) => a.id)).not.toContain(club.id);
  });

  it('says when the tenant takes no concerns yet, without a contact', async () => {
    const tenant = await t.tenant();
    const guide = (await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/association-guide` })).json();
    expect(guide).toMatchObject({ acceptsConcerns: false, contact: null, socialServicesPhone: null, associations: [] });
  });
});

describe('QR code', () => {
  it('is an SVG generated from the tenant’s form URL', async () => {
    const { tenant } = await tenantWithGuide();
    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/concern-qr.svg` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(response.body).toBe(await qrCodeSvg(formUrl(tenant)));
    expect(response.body).not.toBe(await qrCodeSvg(`http://localhost:3000/oro?tenant=${tenant.slug}x`));
    expect((await t.app.inject({ method: 'GET', url: '/api/public/tenants/finns-inte/concern-qr.svg' })).statusCode).toBe(404);
  });
});

describe('poster', () => {
  it('is a one-page A4 PDF with the title, the emergency numbers, the form address and the tenant’s name', async () => {
    const { tenant } = await tenantWithGuide('Ödeshögs kommun');
    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/concern-poster.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`inline; filename="sa-gor-du-med-din-oro-${tenant.slug}.pdf"`);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = readPdf(response.rawPayload);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.mediaBoxes).toEqual([[0, 0, 595.28, 841.89]]);
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const expected of [tenant.name, 'Så gör du med din oro', 'Ring 112', '114 14', '116 111', '026-17 80 00', `localhost:3000/oro?tenant=${tenant.slug}`, 'Socialtjänstens mottagning', 'Inom 14 dagar']) {
      expect(text).toContain(expected);
    }
    // The tenant-wide poster names no association's person.
    expect(text).not.toContain('Åsa Öberg');
  });

  it('for one association names its anmälningsansvarig, never the phone; an unknown association is 404', async () => {
    const { tenant, club, social } = await tenantWithGuide();
    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/concern-poster.pdf?association=${club.id}` });
    expect(response.statusCode).toBe(200);
    const text = readPdf(response.rawPayload).text.replace(/\s+/g, ' ');
    expect(text).toContain('I Sandvikens BK');
    expect(text).toContain('Åsa Öberg');
    expect(text).not.toContain('070-123');
    const notAnAssociation = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/concern-poster.pdf?association=${social.id}` });
    expect(notAnAssociation.statusCode).toBe(404);
    const other = await tenantWithGuide();
    const foreign = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/concern-poster.pdf?association=${other.club.id}` });
    expect(foreign.statusCode).toBe(404);
  });

  it('stays on one page with long contact texts', async () => {
    const tenant = await t.tenant('Upplands Väsby och Sollentuna samverkansområde med ett mycket långt namn');
    const social = await t.organisation(tenant, 'socialtjanst');
    const admin = await t.member(tenant, social, 'administrator');
    const long = { name: 'N'.repeat(200), phone: '08-123 456 78', email: 'mottagning@example.se', hours: 'Öppet '.repeat(33).trim() };
    expect((await t.app.inject({ method: 'PUT', url: '/api/concern-settings', headers: admin.headers, payload: { socialServicesPhone: '08-123 456 78', contact: long } })).statusCode).toBe(200);
    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}/concern-poster.pdf` });
    expect(readPdf(response.rawPayload).pageCount).toBe(1);
  });
});
