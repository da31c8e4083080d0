import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { auditEvent } from '../../src/server/db/schema';

let t: TestApp;
beforeAll(async () => {
  // Each test signs several members in from one address; the sign-in rate limit has its own tests.
  t = await TestApp.start({ SAMVERKA_SIGN_IN_RATE_LIMIT: '100000' });
});
afterAll(async () => t.close());

function call(member: TestMember, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, language?: string) {
  const headers = language ? { ...member.headers, 'accept-language': language } : member.headers;
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function auditActions(tenant: TestTenant, resourceId: string) {
  const rows = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx
      .select({ action: auditEvent.action, outcome: auditEvent.outcome, details: auditEvent.details, actor: auditEvent.actorUserId })
      .from(auditEvent)
      .where(and(eq(auditEvent.tenantId, tenant.id), eq(auditEvent.resourceId, resourceId))),
  );
  return rows;
}

async function tenantWithAdmin() {
  const tenant = await t.tenant();
  const home = await t.organisation(tenant, 'socialtjanst', { name: 'Kommunledningen' });
  const admin = await t.member(tenant, home, 'administrator');
  return { tenant, home, admin };
}

describe('organisations directory', () => {
  it('lets an administrator create, edit, deactivate and reactivate an organisation, and audits each write', async () => {
    const { tenant, admin } = await tenantWithAdmin();

    const created = await call(admin, 'POST', '/api/organisations', { name: '  Hagaskolan ', type: 'skola', isAuthority: true });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: 'Hagaskolan', type: 'skola', isAuthority: true, active: true });
    expect(org.abilities).toMatchObject({ read: true, update: true, deactivate: true });

    const fetched = await call(admin, 'GET', `/api/organisations/${org.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().name).toBe('Hagaskolan');

    const edited = await call(admin, 'PATCH', `/api/organisations/${org.id}`, { name: 'Hagaskolan F-9', isAuthority: true });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Hagaskolan F-9', type: 'skola' });

    const deactivated = await call(admin, 'POST', `/api/organisations/${org.id}/deactivate`);
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().active).toBe(false);
    const reactivated = await call(admin, 'POST', `/api/organisations/${org.id}/reactivate`);
    expect(reactivated.json().active).toBe(true);
    const viaPatch = await call(admin, 'PATCH', `/api/organisations/${org.id}`, { active: false });
    expect(viaPatch.json().active).toBe(false);

    const events = await auditActions(tenant, org.id);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organisation.create', 'organisation.update', 'organisation.deactivate', 'organisation.reactivate']),
    );
    expect(events.filter((e) => e.action === 'organisation.deactivate')).toHaveLength(2);
    // Only the name changed: the audit event says so, with before and after.
    expect(events.find((e) => e.action === 'organisation.update')!.details).toEqual({ before: { name: 'Hagaskolan' }, after: { name: 'Hagaskolan F-9' } });
    expect(events.every((e) => e.actor === admin.userId && e.outcome === 'allowed')).toBe(true);
  });

  it('filters the directory by type and active, sorted by name', async () => {
    const { tenant, admin } = await tenantWithAdmin();
    await t.organisation(tenant, 'skola', { name: 'Östra skolan' });
    await t.organisation(tenant, 'skola', { name: 'Alléskolan' });
    const closed = await t.organisation(tenant, 'skola', { name: 'Nedlagda skolan' });
    await t.organisation(tenant, 'forening', { name: 'IFK Bollklubb' });
    await call(admin, 'POST', `/api/organisations/${closed.id}/deactivate`);

    const schools = await call(admin, 'GET', '/api/organisations?type=skola');
    expect(schools.json().organisations.map((o: { name: string }) => o.name)).toEqual(['Alléskolan', 'Nedlagda skolan', 'Östra skolan']);
    const activeSchools = await call(admin, 'GET', '/api/organisations?type=skola&active=true');
    expect(activeSchools.json().organisations.map((o: { name: string }) => o.name)).toEqual(['Alléskolan', 'Östra skolan']);
    const inactive = await call(admin, 'GET', '/api/organisations?active=false');
    expect(inactive.json().organisations.map((o: { id: string }) => o.id)).toEqual([closed.id]);
    const all = await call(admin, 'GET', '/api/organisations');
    expect(all.json().organisations).toHaveLength(5);
    expect(all.json().abilities.create).toBe(true);

    const badFilter = await call(admin, 'GET', '/api/organisations?type=kyrka');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.fields.type).toBeDefined();
  });

  it('shows the directory to every role but refuses writes to non-administrators', async () => {
    const { tenant, home } = await tenantWithAdmin();
    const school = await t.organisation(tenant, 'skola', { name: 'Bergsskolan' });
    const reporter = await t.member(tenant, home, 'est_rapportor');
    const coordinator = await t.member(tenant, home, 'koordinator');

    for (const member of [reporter, coordinator]) {
      const list = await call(member, 'GET', '/api/organisations');
      expect(list.statusCode).toBe(200);
      expect(list.json().organisations.map((o: { id: string }) => o.id)).toContain(school.id);
      expect(list.json().abilities.create).toBe(false);
      const row = list.json().organisations.find((o: { id: string }) => o.id === school.id);
      expect(row.abilities).toMatchObject({ read: true, update: false, deactivate: false });

      const create = await call(member, 'POST', '/api/organisations', { name: 'Smygskolan', type: 'skola', isAuthority: true });
      expect(create.statusCode).toBe(403);
      expect(create.json().error.code).toBe('forbidden');
      const edit = await call(member, 'PATCH', `/api/organisations/${school.id}`, { name: 'Omdöpt' });
      expect(edit.statusCode).toBe(404);
      const emptyEdit = await call(member, 'PATCH', `/api/organisations/${school.id}`, {});
      expect(emptyEdit.statusCode).toBe(404);
      const deactivate = await call(member, 'POST', `/api/organisations/${school.id}/deactivate`);
      expect(deactivate.statusCode).toBe(404);
    }
    const admin = await t.member(tenant, home, 'administrator');
    const after = await call(admin, 'GET', `/api/organisations/${school.id}`);
    expect(after.json()).toMatchObject({ name: 'Bergsskolan', active: true });
    const names = (await call(admin, 'GET', '/api/organisations')).json().organisations.map((o: { name: string }) => o.name);
    expect(names).not.toContain('Smygskolan');

    const denied = await auditActions(tenant, school.id);
    expect(denied.filter((e) => e.outcome === 'denied').map((e) => e.action)).toEqual(
      expect.arrayContaining(['organisation.update', 'organisation.deactivate']),
    );
  });

  it('answers 404 for another tenant’s organisation and leaves it untouched', async () => {
    const { admin } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const foreign = await t.organisation(other.tenant, 'polis', { name: 'Polisen Syd' });

    expect((await call(admin, 'GET', `/api/organisations/${foreign.id}`)).statusCode).toBe(404);
    const update = await call(admin, 'PATCH', `/api/organisations/${foreign.id}`, { name: 'Kapad' });
    expect(update.statusCode).toBe(404);
    expect(update.json().error.code).toBe('not_found');
    expect((await call(admin, 'POST', `/api/organisations/${foreign.id}/deactivate`)).statusCode).toBe(404);
    const missing = await call(admin, 'GET', '/api/organisations/7d1b2f0e-8a3c-4c5e-9f10-2b3c4d5e6f70');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(update.json());

    const list = await call(admin, 'GET', '/api/organisations');
    expect(list.json().organisations.map((o: { id: string }) => o.id)).not.toContain(foreign.id);
    const untouched = await call(other.admin, 'GET', `/api/organisations/${foreign.id}`);
    expect(untouched.json()).toMatchObject({ name: 'Polisen Syd', active: true });
  });

  it('answers bad input with field messages in Swedish and English, and a duplicate name with 409', async () => {
    const { admin } = await tenantWithAdmin();
    const sv = await call(admin, 'POST', '/api/organisations', { name: 'X', type: 'kyrka', extra: true });
    expect(sv.statusCode).toBe(400);
    expect(sv.json().error.code).toBe('validation_failed');
    expect(sv.json().error.fields).toEqual({
      name: 'Värdet är för kort eller för litet.',
      type: 'Värdet är inte ett av de tillåtna.',
      isAuthority: 'Fältet måste fyllas i.',
      extra: 'Okänt fält.',
    });
    const en = await call(admin, 'POST', '/api/organisations', { name: 'X', type: 'skola', isAuthority: 'ja' }, 'en');
    expect(en.json().error.fields).toEqual({ name: 'The value is too short or too small.', isAuthority: 'Wrong kind of value.' });
    const badId = await call(admin, 'GET', '/api/organisations/not-a-uuid');
    expect(badId.statusCode).toBe(400);

    await call(admin, 'POST', '/api/organisations', { name: 'Fältgruppen', type: 'fritid', isAuthority: true });
    const duplicate = await call(admin, 'POST', '/api/organisations', { name: 'fältgruppen', type: 'fritid', isAuthority: true });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields.name).toMatch(/finns redan en organisation/);
    const duplicateEn = await call(admin, 'POST', '/api/organisations', { name: 'FÄLTGRUPPEN', type: 'annan', isAuthority: false }, 'en');
    expect(duplicateEn.json().error.fields.name).toMatch(/already exists/);
  });

  it('does not let an administrator deactivate the organisation they work through', async () => {
    const { home, admin } = await tenantWithAdmin();
    const own = await call(admin, 'GET', `/api/organisations/${home.id}`);
    expect(own.json().abilities).toMatchObject({ update: true, deactivate: false });
    expect((await call(admin, 'POST', `/api/organisations/${home.id}/deactivate`)).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/api/organisations/${home.id}`, { active: false })).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/api/organisations')).statusCode).toBe(200);
  });

  it('shuts the members of a deactivated organisation out from their next request', async () => {
    const { tenant, admin } = await tenantWithAdmin();
    const youthCentre = await t.organisation(tenant, 'fritid', { name: 'Fritidsgården Navet' });
    const reporter = await t.member(tenant, youthCentre, 'est_rapportor');
    expect((await call(reporter, 'GET', '/api/organisations')).statusCode).toBe(200);

    await call(admin, 'POST', `/api/organisations/${youthCentre.id}/deactivate`);
    const refused = await call(reporter, 'GET', '/api/organisations');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('no_active_membership');

    await call(admin, 'POST', `/api/organisations/${youthCentre.id}/reactivate`);
    expect((await call(reporter, 'GET', '/api/organisations')).statusCode).toBe(200);
  });
});
