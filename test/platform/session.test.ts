import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { testDatabaseKind } from '../support/database';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

describe('health and session', () => {
  it('reports health with the database kind and version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: testDatabaseKind, version: '0.1.0' });
  });

  it('lists only my own memberships across tenants, and lets me choose one', async () => {
    const a = await t.tenant('Alfa');
    const b = await t.tenant('Beta');
    const orgA = await t.organisation(a, 'socialtjanst');
    const orgB = await t.organisation(b, 'skola');
    const member = await t.member(a, orgA, 'handlaggare');
    const otherBMember = await t.member(b, orgB, 'skolpersonal');
    await t.addMembership(b, orgB, member.userId, 'skolpersonal');

    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: member.headers });
    expect(session.statusCode).toBe(200);
    const body = session.json();
    expect(body.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual([a.id, b.id].sort());
    expect(body.active.membershipId).toBe(member.membershipId);
    expect(body.twoFactorRequired).toBe(false);

    const foreign = await t.app.inject({ method: 'PUT', url: '/api/session/membership', headers: member.headers, payload: { membershipId: otherBMember.membershipId } });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses the API without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'polis');
    const member = await t.member(tenant, org, 'analytiker');
    const response = await t.app.inject({ method: 'PUT', url: '/api/session/locale', headers: { cookie: member.headers.cookie! }, payload: { locale: 'en' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    const ok = await t.app.inject({ method: 'PUT', url: '/api/session/locale', headers: member.headers, payload: { locale: 'en' } });
    expect(ok.statusCode).toBe(200);
  });

  it('answers bad input with 400 and field messages in the requested language', async () => {
    const tenant = await t.tenant();
    const org = await t.organisation(tenant, 'polis');
    const member = await t.member(tenant, org, 'analytiker');
    const sv = await t.app.inject({ method: 'PUT', url: '/api/session/locale', headers: member.headers, payload: { locale: 'fi', extra: 1 } });
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.code).toBe('validation_failed');
    expect(sv.json().error.fields.locale).toMatch(/tillåtna/);
    expect(sv.json().error.fields.extra).toBe('Okänt fält.');
    const en = await t.app.inject({ method: 'PUT', url: '/api/session/locale', headers: { ...member.headers, 'accept-language': 'en-GB,en;q=0.9' }, payload: { locale: 'fi' } });
    expect(en.json().error.fields.locale).toMatch(/allowed/);
  });
});
