import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestMember } from '../factories';
import type { Role } from '../../src/shared/roles';
import type { OrganisationType } from '../../src/shared/organisations';
import { inAppNotifications, intake, newConcern, newPlaceReport, readConcern, step } from './concerns-support';


let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000', SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

const SUBJECT = 'Kalle Hemligsson';
const STORY = 'Säljer åt de äldre vid Nian';

describe('routing keeps concerns about persons inside social services', () => {
  it('gives police, school, leisure, the coordinator and others nothing: 403 on the inbox, 404 on the concern', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const { id } = await newConcern(t, tenant, { subject: { name: SUBJECT }, description: STORY });
    const outsiders: [OrganisationType, Role][] = [
      ['polis', 'polis'],
      ['skola', 'skolpersonal'],
      ['fritid', 'fritidsledare'],
      ['fritid', 'faltassistent'],
      ['forening', 'foreningsnyckelperson'],
      ['annan', 'administrator'],
      ['annan', 'loggranskare'],
      ['annan', 'analytiker'],
    ];
    const members: TestMember[] = [];
    for (const [type, role] of outsiders) members.push(await t.member(tenant, await t.organisation(tenant, type), role));
    for (const member of members) {
      const inbox = await t.app.inject({ method: 'GET', url: '/api/concerns', headers: member.headers });
      expect(inbox.statusCode, member.role).toBe(403);
      const page = await readConcern(t, member, id);
      expect(page.statusCode, member.role).toBe(404);
      expect(page.body).not.toContain(SUBJECT);
      for (const [path, body] of [
        ['assessment', { result: 'akut_skyddsbehov' }],
        ['notes', { body: 'x' }],
        ['close', { reason: 'annat' }],
      ] as const) {
        expect((await step(t, member, id, path, body)).statusCode, `${member.role} ${path}`).toBe(404);
      }
    }
    const denials = (await t.auditEvents(tenant, 'concern.read')).filter((event) => event.outcome === 'denied');
    expect(denials).toHaveLength(members.length);

    // The coordinator has an inbox (for place reports) but never a concern about a person, even
    // as a member of the social services organisation itself.
    for (const coordinator of [await t.member(tenant, await t.organisation(tenant, 'annan'), 'koordinator'), await t.member(tenant, social, 'koordinator')]) {
      const inbox = await t.app.inject({ method: 'GET', url: '/api/concerns?status=mottagen,under_bedomning,vidarebefordrad,avslutad', headers: coordinator.headers });
      expect(inbox.statusCode).toBe(200);
      expect(inbox.json().concerns).toEqual([]);
      expect(inbox.body).not.toContain(SUBJECT);
      expect((await readConcern(t, coordinator, id)).statusCode).toBe(404);
    }
    expect((await readConcern(t, mottagning, id)).json().subject.name).toBe(SUBJECT);
  });

  it('shows a concern only to the receiving organisation, never to another social services unit or tenant', async () => {
    const { tenant, mottagning } = await intake(t);
    const otherUnit = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'mottagning');
    const otherTenant = await intake(t);
    const { id } = await newConcern(t, tenant, { subject: { name: SUBJECT } });
    expect((await readConcern(t, mottagning, id)).statusCode).toBe(200);
    for (const outsider of [otherUnit, otherTenant.mottagning]) {
      expect((await readConcern(t, outsider, id)).statusCode).toBe(404);
      const inbox = await t.app.inject({ method: 'GET', url: '/api/concerns', headers: outsider.headers });
      expect(inbox.json().concerns).toEqual([]);
    }
  });

  it('sends place reports to the EST group, not to the intake unit', async () => {
    const { tenant, mottagning } = await intake(t);
    const estOrg = await t.organisation(tenant, 'bostadsbolag');
    const est = await t.member(tenant, estOrg, 'est_rapportor');
    const estCoordinator = await t.member(tenant, estOrg, 'koordinator');
    const { id } = await newPlaceReport(t, tenant, { description: STORY });
    expect(await inAppNotifications(t, est)).toEqual([{ kind: 'place_report.received', link: `/mottagning/${id}` }]);
    expect(await inAppNotifications(t, mottagning)).toEqual([]);
    expect((await readConcern(t, est, id)).json().description).toBe(STORY);
    expect((await readConcern(t, estCoordinator, id)).statusCode).toBe(200);
    expect((await readConcern(t, mottagning, id)).statusCode).toBe(404);
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/concerns', headers: est.headers })).json();
    expect(inbox.concerns.map((row: { id: string; kind: string }) => [row.id, row.kind])).toEqual([[id, 'place']]);
  });
});

describe('routing rules (administrator)', () => {
  async function admin(tenant: Awaited<ReturnType<typeof intake>>['tenant']) {
    return t.member(tenant, await t.organisation(tenant, 'annan'), 'administrator');
  }

  it('shows the fallback, lets the administrator route elsewhere, and refuses non-social-services targets for persons', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const administrator = await admin(tenant);
    const rules = await t.app.inject({ method: 'GET', url: '/api/concern-routing', headers: administrator.headers });
    expect(rules.statusCode).toBe(200);
    expect(rules.json().rules[0]).toMatchObject({ kind: 'person', configured: false, notifyCoordinator: false, organisation: { id: social.id } });
    expect(rules.json().abilities.configureRouting).toBe(true);

    const police = await t.organisation(tenant, 'polis');
    const refused = await t.app.inject({ method: 'PUT', url: '/api/concern-routing/person', headers: administrator.headers, payload: { organisationId: police.id } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.organisationId).toBe('Oro för en person kan bara gå till socialtjänsten.');

    const intakeUnit = await t.organisation(tenant, 'socialtjanst', { name: 'Mottagningsenheten' });
    const intakeOfficer = await t.member(tenant, intakeUnit, 'mottagning');
    const saved = await t.app.inject({ method: 'PUT', url: '/api/concern-routing/person', headers: administrator.headers, payload: { organisationId: intakeUnit.id } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().rules[0]).toMatchObject({ kind: 'person', configured: true, organisation: { id: intakeUnit.id, name: 'Mottagningsenheten' } });
    expect((await t.auditEvents(tenant, 'concern_routing.update'))[0]).toMatchObject({ resourceId: 'person', actorUserId: administrator.userId });

    const { id } = await newConcern(t, tenant);
    expect((await readConcern(t, intakeOfficer, id)).statusCode).toBe(200);
    expect((await readConcern(t, mottagning, id)).statusCode).toBe(404);

    expect((await t.app.inject({ method: 'GET', url: '/api/concern-routing', headers: mottagning.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/concern-routing/place', headers: mottagning.headers, payload: { organisationId: social.id } })).statusCode).toBe(403);
  });

  it('routes by a rule changed a moment ago, although the intake had just routed by the old one', async () => {
    const { tenant, mottagning } = await intake(t);
    const administrator = await admin(tenant);
    const first = await newConcern(t, tenant);
    const district = await t.organisation(tenant, 'socialtjanst');
    const districtIntake = await t.member(tenant, district, 'mottagning');
    const put = await t.app.inject({ method: 'PUT', url: '/api/concern-routing/person', headers: administrator.headers, payload: { organisationId: district.id } });
    expect(put.statusCode).toBe(200);

    const second = await newConcern(t, tenant);
    expect((await readConcern(t, districtIntake, second.id)).statusCode).toBe(200);
    expect((await readConcern(t, mottagning, second.id)).statusCode).toBe(404);
    expect((await readConcern(t, mottagning, first.id)).statusCode).toBe(200);
    expect(await inAppNotifications(t, districtIntake)).toEqual([{ kind: 'concern.received', link: `/mottagning/${second.id}` }]);
    const audited = (await t.auditEvents(tenant, 'concern.submit')).find((e) => e.resourceId === second.id);
    expect(audited?.details).toEqual({ kind: 'person', receivingOrganisationId: district.id });
  });

  it('tells the coordinators that a concern arrived only when the rule says so, and nothing more', async () => {
    const { tenant, social } = await intake(t);
    const administrator = await admin(tenant);
    const coordinator = await t.member(tenant, await t.organisation(tenant, 'annan'), 'koordinator');
    await newConcern(t, tenant);
    expect(await inAppNotifications(t, coordinator)).toEqual([]);

    await t.app.inject({ method: 'PUT', url: '/api/concern-routing/person', headers: administrator.headers, payload: { organisationId: social.id, notifyCoordinator: true } });
    const { id } = await newConcern(t, tenant);
    expect(await inAppNotifications(t, coordinator)).toEqual([{ kind: 'concern.received', link: '/' }]);
    expect((await readConcern(t, coordinator, id)).statusCode).toBe(404);
  });

  it('routes place reports by rule, and keeps the public facts in the tenant settings', async () => {
    const { tenant } = await intake(t);
    const administrator = await admin(tenant);
    const police = await t.organisation(tenant, 'polis');
    const est = await t.member(tenant, police, 'est_rapportor');
    const saved = await t.app.inject({ method: 'PUT', url: '/api/concern-routing/place', headers: administrator.headers, payload: { organisationId: police.id } });
    expect(saved.json().rules[1]).toMatchObject({ kind: 'place', configured: true, organisation: { id: police.id } });
    const { id } = await newPlaceReport(t, tenant);
    expect((await readConcern(t, est, id)).statusCode).toBe(200);

    const settings = { socialServicesPhone: '026-17 80 00', contact: { name: 'Socialtjänstens mottagning', phone: '026-17 80 00', email: 'oro@kommun.example', hours: 'Vardagar 8–16' } };
    const put = await t.app.inject({ method: 'PUT', url: '/api/concern-settings', headers: administrator.headers, payload: settings });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject(settings);
    const badPhone = await t.app.inject({ method: 'PUT', url: '/api/concern-settings', headers: administrator.headers, payload: { ...settings, socialServicesPhone: 'ring oss' } });
    expect(badPhone.json().error.fields.socialServicesPhone).toBe('Ange ett telefonnummer med siffror, till exempel 026-17 80 00.');
    const facts = (await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}` })).json();
    expect(facts).toMatchObject(settings);
    expect((await t.app.inject({ method: 'PUT', url: '/api/concern-settings', headers: est.headers, payload: settings })).statusCode).toBe(403);
  });
});
