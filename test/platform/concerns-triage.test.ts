import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestApp, randomIdentityNumber } from '../factories';
import { intake, lookUp, newConcern, newPlaceReport, notifications, professionalReporter, readConcern, step } from './concerns-support';

vi.mock('../../src/server/modules/notifications/notify', async (importOriginal) => (await import('./concerns-support')).guardedNotify(importOriginal));

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000', SAMVERKA_PUBLIC_STATUS_LOOKUPS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

const wrongState = (response: { statusCode: number; json(): { error: { code: string; fields?: Record<string, string> } } }) => {
  expect(response.statusCode).toBe(409);
  expect(response.json().error.fields?.status).toBe('Anmälan är inte i ett läge där detta går att göra.');
};

describe('status transitions', () => {
  it('moves mottagen -> under bedömning -> avslutad with who and when on each step', async () => {
    const { tenant, mottagning } = await intake(t);
    const { id, receiptCode } = await newConcern(t, tenant, { reporter: professionalReporter('polis') });
    const fresh = (await readConcern(t, mottagning, id)).json();
    expect(fresh.status).toBe('mottagen');
    expect(fresh.abilities).toMatchObject({ read: true, assess: true, decide: false, assign: true, forward: true, close: true, linkPerson: true, addNote: true });

    const assessed = await step(t, mottagning, id, 'assessment', { result: 'akut_skyddsbehov', note: 'Barnet placerat akut hos släkting.' });
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json().status).toBe('under_bedomning');
    expect(assessed.json().assessment).toMatchObject({ result: 'akut_skyddsbehov', by: { userId: mottagning.userId, name: 'Test mottagning' } });
    expect(assessed.json().abilities).toMatchObject({ assess: false, decide: true });

    const decided = await step(t, mottagning, id, 'decision', { decision: 'pagar_redan' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'avslutad', feedback: 'pagar_redan', decision: { decision: 'pagar_redan', by: { userId: mottagning.userId } } });
    expect(decided.json().abilities).toMatchObject({ assess: false, decide: false, forward: false, close: false, assign: false, addNote: true });

    const timeline = decided.json().timeline as { type: string; actor: { userId: string } | null; note: string | null; details: Record<string, unknown> }[];
    expect(timeline.map((entry) => entry.type)).toEqual(['received', 'assessed', 'decided']);
    expect(timeline[0]!.actor).toBeNull();
    expect(timeline[1]).toMatchObject({ actor: { userId: mottagning.userId }, note: 'Barnet placerat akut hos släkting.', details: { result: 'akut_skyddsbehov' } });
    expect(timeline[2]!.details).toEqual({ decision: 'pagar_redan', feedbackToReporter: true });
    expect((await lookUp(t, receiptCode)).json().feedback).toBe('pagar_redan');

    const audit = await t.auditEvents(tenant);
    expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(['concern.submit', 'concern.read', 'concern.assess', 'concern.decide']));
    const submit = audit.find((event) => event.action === 'concern.submit')!;
    expect(submit).toMatchObject({ actorUserId: null, ip: null, userAgent: null, resourceId: id });
    expect(audit.find((event) => event.action === 'concern.decide')).toMatchObject({ actorUserId: mottagning.userId, resourceId: id, outcome: 'allowed' });
  });

  it('refuses a decision before the protection assessment, and a second assessment', async () => {
    const { tenant, mottagning } = await intake(t);
    const { id } = await newConcern(t, tenant);
    wrongState(await step(t, mottagning, id, 'decision', { decision: 'ej_inledd' }));
    expect((await step(t, mottagning, id, 'assessment', { result: 'inget_akut_skyddsbehov' })).statusCode).toBe(200);
    wrongState(await step(t, mottagning, id, 'assessment', { result: 'akut_skyddsbehov' }));
    expect((await step(t, mottagning, id, 'decision', { decision: 'ej_inledd' })).statusCode).toBe(200);
    wrongState(await step(t, mottagning, id, 'decision', { decision: 'utredning_inledd' }));
  });

  it('closes with a reason; a closed concern takes notes and nothing else', async () => {
    const { tenant, mottagning } = await intake(t);
    const { id, receiptCode } = await newConcern(t, tenant, { reporter: professionalReporter('skola') });
    const closed = await step(t, mottagning, id, 'close', { reason: 'dubblett', note: 'Samma som anmälan från i går.' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'avslutad', feedback: null, closed: { reason: 'dubblett', by: { userId: mottagning.userId } } });
    expect((await lookUp(t, receiptCode)).json()).toEqual({ status: 'avslutad', updatedAt: expect.any(String) });
    wrongState(await step(t, mottagning, id, 'assessment', { result: 'akut_skyddsbehov' }));
    wrongState(await step(t, mottagning, id, 'close', { reason: 'annat' }));
    wrongState(await step(t, mottagning, id, 'assign', { userId: null }));
    const other = await t.organisation(tenant, 'socialtjanst');
    wrongState(await step(t, mottagning, id, 'forward', { organisationId: other.id, legalBasis: 'OSL 10 kap. 2 §' }));
    const noted = await step(t, mottagning, id, 'notes', { body: 'Efterhandsanteckning.' });
    expect(noted.statusCode).toBe(200);
    expect(noted.json().timeline.at(-1)).toMatchObject({ type: 'note', note: 'Efterhandsanteckning.' });
  });

  it('forwards to another social services organisation with the legal basis; the new one assesses and decides', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const district = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten Väster' });
    const districtIntake = await t.member(tenant, district, 'mottagning');
    const { id, receiptCode } = await newConcern(t, tenant, { reporter: professionalReporter('skola') });

    const police = await t.organisation(tenant, 'polis');
    const refused = await step(t, mottagning, id, 'forward', { organisationId: police.id, legalBasis: 'OSL 10 kap. 18 a §' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.organisationId).toMatch(/bara gå till en annan del av socialtjänsten/);
    const targets = await t.app.inject({ method: 'GET', url: `/api/concerns/${id}/forward-targets`, headers: mottagning.headers });
    expect(targets.json().organisations.map((o: { id: string }) => o.id)).toEqual([district.id]);

    const before = notifications.length;
    const forwarded = await step(t, mottagning, id, 'forward', { organisationId: district.id, legalBasis: 'OSL 10 kap. 2 §', note: 'Familjen bor i Väster.' });
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.json()).toEqual({ forwardedTo: { id: district.id, name: 'Socialtjänsten Väster' }, concern: null });
    expect(notifications.slice(before)).toEqual([{ tenantId: tenant.id, kind: 'concern.forwarded', link: `/mottagning/${id}`, organisationId: district.id }]);
    expect((await lookUp(t, receiptCode)).json().status).toBe('vidarebefordrad');
    expect((await readConcern(t, mottagning, id)).statusCode).toBe(404);

    const event = (await t.auditEvents(tenant, 'concern.forward'))[0]!;
    expect(event).toMatchObject({ legalBasis: 'OSL 10 kap. 2 §', actorUserId: mottagning.userId, resourceId: id });
    expect(event.details).toMatchObject({ fromOrganisationId: social.id, toOrganisationId: district.id });

    const page = (await readConcern(t, districtIntake, id)).json();
    expect(page.receivingOrganisation).toEqual({ id: district.id, name: 'Socialtjänsten Väster' });
    expect(page.timeline.at(-1)).toMatchObject({ type: 'forwarded', note: 'Familjen bor i Väster.', details: { legalBasis: 'OSL 10 kap. 2 §' } });
    expect((await step(t, districtIntake, id, 'assessment', { result: 'inget_akut_skyddsbehov' })).json().status).toBe('under_bedomning');
    expect((await step(t, districtIntake, id, 'decision', { decision: 'utredning_inledd' })).json().status).toBe('avslutad');
    expect((await lookUp(t, receiptCode)).json()).toEqual({ status: 'avslutad', updatedAt: expect.any(String), feedback: 'utredning_inledd' });
  });

  it('forwards and closes place reports, which have no assessment or decision', async () => {
    const tenant = await t.tenant();
    const estOrg = await t.organisation(tenant, 'bostadsbolag');
    const est = await t.member(tenant, estOrg, 'est_rapportor');
    await t.organisation(tenant, 'socialtjanst');
    const { id, receiptCode } = await newPlaceReport(t, tenant);
    const page = (await readConcern(t, est, id)).json();
    expect(page).toMatchObject({ kind: 'place', eventType: 'otrygghetsskapande_samling', occurredTime: '21:30', reporter: null, subject: null, deadlines: null });
    expect(page.abilities).toMatchObject({ assess: false, decide: false, assign: false, forward: true, close: true, addNote: true });
    expect((await step(t, est, id, 'assessment', { result: 'inget_akut_skyddsbehov' })).statusCode).toBe(404);

    const police = await t.organisation(tenant, 'polis');
    const policeEst = await t.member(tenant, police, 'est_rapportor');
    const before = notifications.length;
    const forwarded = await step(t, est, id, 'forward', { organisationId: police.id, legalBasis: 'Ingen sekretess (platsrapport)' });
    expect(forwarded.json().concern).toBeNull();
    expect(notifications.slice(before)).toEqual([{ tenantId: tenant.id, kind: 'place_report.forwarded', link: `/mottagning/${id}`, organisationId: police.id }]);
    expect((await lookUp(t, receiptCode)).json().status).toBe('vidarebefordrad');
    expect((await step(t, policeEst, id, 'close', { reason: 'hanterad' })).json().status).toBe('avslutad');
    expect((await lookUp(t, receiptCode)).json().status).toBe('avslutad');
  });
});

describe('assignment', () => {
  it('lets the intake unit assign a case officer, who then sees and handles the concern', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const officer = await t.member(tenant, social, 'handlaggare');
    const otherOfficer = await t.member(tenant, social, 'handlaggare');
    const { id } = await newConcern(t, tenant);
    expect((await readConcern(t, officer, id)).statusCode).toBe(404);

    const assignees = await t.app.inject({ method: 'GET', url: `/api/concerns/${id}/assignees`, headers: mottagning.headers });
    expect(assignees.json().assignees.map((a: { userId: string }) => a.userId).sort()).toEqual([officer.userId, otherOfficer.userId].sort());
    const before = notifications.length;
    const assigned = await step(t, mottagning, id, 'assign', { userId: officer.userId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().assignee).toEqual({ userId: officer.userId, name: 'Test handlaggare' });
    expect(assigned.json().timeline.at(-1)).toMatchObject({ type: 'assigned', actor: { userId: mottagning.userId }, details: { assigneeUserId: officer.userId, assigneeName: 'Test handlaggare' } });
    expect(notifications.slice(before)).toEqual([{ tenantId: tenant.id, kind: 'concern.assigned', link: `/mottagning/${id}`, userIds: [officer.userId] }]);

    const seen = await readConcern(t, officer, id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toMatchObject({ assess: true, assign: false });
    expect((await readConcern(t, otherOfficer, id)).statusCode).toBe(404);
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/concerns', headers: officer.headers })).json();
    expect(inbox.concerns.map((row: { id: string }) => row.id)).toEqual([id]);
    expect((await step(t, officer, id, 'assessment', { result: 'inget_akut_skyddsbehov' })).statusCode).toBe(200);
    expect((await step(t, officer, id, 'assign', { userId: otherOfficer.userId })).statusCode).toBe(404);
  });

  it('refuses to assign someone who is not a case officer of the receiving organisation', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const police = await t.member(tenant, await t.organisation(tenant, 'polis'), 'polis');
    const colleague = await t.member(tenant, social, 'mottagning');
    const { id } = await newConcern(t, tenant);
    for (const userId of [police.userId, colleague.userId, 'nobody']) {
      const refused = await step(t, mottagning, id, 'assign', { userId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields.userId).toBe('Personen är inte handläggare i den mottagande organisationen.');
    }
  });
});

describe('person link', () => {
  it('links a person found by personnummer through the blind index, and audits reads with the person', async () => {
    const { tenant, mottagning } = await intake(t);
    const person = await t.person(tenant, { firstName: 'Elin' });
    const { id } = await newConcern(t, tenant);
    const missing = await step(t, mottagning, id, 'person', { identityNumber: randomIdentityNumber() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.identityNumber).toMatch(/Registrera personen/);

    const linked = await step(t, mottagning, id, 'person', { identityNumber: person.identityNumber });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().person).toMatchObject({ id: person.id, firstName: 'Elin' });
    expect(linked.json().abilities).toMatchObject({ linkPerson: false, unlinkPerson: true });
    await readConcern(t, mottagning, id);
    const reads = await t.auditEvents(tenant, 'concern.read');
    expect(reads.at(-1)).toMatchObject({ personId: person.id, resourceId: id });
    expect((await t.auditEvents(tenant, 'concern.link_person'))[0]).toMatchObject({ personId: person.id });

    const unlinked = await t.app.inject({ method: 'DELETE', url: `/api/concerns/${id}/person`, headers: mottagning.headers });
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json().person).toBeNull();
    expect(unlinked.json().timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'person_linked', 'person_unlinked']);
  });

  it('registers a new person from the concern page', async () => {
    const { tenant, mottagning } = await intake(t);
    const { id } = await newConcern(t, tenant);
    const identityNumber = randomIdentityNumber();
    const created = await step(t, mottagning, id, 'person', { newPerson: { identityNumber, firstName: 'Nils', lastName: 'Nysson' } });
    expect(created.statusCode).toBe(200);
    const personId = created.json().person.id;
    expect((await t.auditEvents(tenant, 'person.create'))[0]).toMatchObject({ personId, details: { via: 'concern', concernId: id } });
    const both = await step(t, mottagning, id, 'person', { identityNumber, newPerson: { identityNumber, firstName: 'A', lastName: 'B' } });
    expect(both.statusCode).toBe(400);
  });
});

describe('handover to SSPF', () => {
  it('offers intake the tenant’s coordinators, and the case it opens from the concern is the chosen coordinator’s', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const sspf = await t.organisation(tenant, 'annan');
    const kim = await t.member(tenant, sspf, 'koordinator');
    const kerstin = await t.member(tenant, social, 'koordinator');
    const school = await t.member(tenant, await t.organisation(tenant, 'skola'), 'skolpersonal');
    const elsewhere = await intake(t);
    await t.member(elsewhere.tenant, elsewhere.social, 'koordinator');
    const person = await t.person(tenant, { firstName: 'Wilma' });
    const { id } = await newConcern(t, tenant);
    expect((await step(t, mottagning, id, 'person', { identityNumber: person.identityNumber })).statusCode).toBe(200);
    expect((await readConcern(t, mottagning, id)).json().abilities).toMatchObject({ handOver: true });

    const listed = await t.app.inject({ method: 'GET', url: `/api/concerns/${id}/coordinators`, headers: mottagning.headers });
    expect(listed.statusCode).toBe(200);
    // Coordinators of this tenant, whatever their organisation; nobody else, and no one from another tenant.
    expect(listed.json().coordinators.map((entry: { userId: string }) => entry.userId).sort()).toEqual([kim.userId, kerstin.userId].sort());

    const opened = await t.app.inject({ method: 'POST', url: '/api/cases', headers: mottagning.headers, payload: { personId: person.id, concernId: id, directorUserId: kim.userId } });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    const cases = (await t.app.inject({ method: 'GET', url: '/api/cases', headers: kim.headers })).json() as { cases: { id: string; personName: string }[] };
    expect(cases.cases.map((entry) => entry.id)).toEqual([caseId]);
    // Handed over once: a second handover is refused, saying why.
    const again = await t.app.inject({ method: 'POST', url: '/api/cases', headers: mottagning.headers, payload: { personId: person.id, concernId: id, directorUserId: kerstin.userId } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.personId).toBe('Personen har redan ett pågående SSPF-ärende.');

    // Those who do not handle the concern are not offered the list: the concern stays unknown to them (404), audited.
    for (const outsider of [kim, school, elsewhere.mottagning]) {
      const refused = await t.app.inject({ method: 'GET', url: `/api/concerns/${id}/coordinators`, headers: outsider.headers });
      expect(refused.statusCode).toBe(404);
    }
    expect((await t.auditEvents(tenant, 'concern.coordinators')).filter((event) => event.outcome === 'denied')).toHaveLength(2);
  });
});

describe('deadlines and the inbox', () => {
  async function backdate(tenantId: string, id: string, hours: number): Promise<void> {
    await t.database.asOwner((owner) =>
      owner.execute(sql`update concern set received_at = received_at - make_interval(hours => ${hours}),
        assessment_due_at = assessment_due_at - make_interval(hours => ${hours}), decision_due_at = decision_due_at - make_interval(hours => ${hours})
        where tenant_id = ${tenantId} and id = ${id}`),
    );
  }

  it('computes the same-day assessment and the 14-day decision deadlines in Stockholm time', async () => {
    const { tenant, mottagning } = await intake(t);
    const { id } = await newConcern(t, tenant);
    const page = (await readConcern(t, mottagning, id)).json();
    const received = new Date(page.receivedAt);
    const stockholmDay = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const assessmentDue = new Date(page.deadlines.protectionAssessment.dueAt);
    const decisionDue = new Date(page.deadlines.decision.dueAt);
    expect(stockholmDay(assessmentDue)).toBe(stockholmDay(received));
    expect(stockholmDay(new Date(assessmentDue.getTime() + 1))).not.toBe(stockholmDay(received));
    expect(stockholmDay(decisionDue)).toBe(stockholmDay(new Date(received.getTime() + 14 * 86_400_000)));
    expect(page.deadlines.protectionAssessment.doneAt).toBeNull();
  });

  it('marks overdue concerns, filters and sorts the inbox by them', async () => {
    const { tenant, mottagning } = await intake(t);
    const late = await newConcern(t, tenant);
    const fresh = await newConcern(t, tenant);
    const closed = await newConcern(t, tenant);
    await backdate(tenant.id, late.id, 48);
    await step(t, mottagning, closed.id, 'close', { reason: 'annat' });

    const inbox = (await t.app.inject({ method: 'GET', url: '/api/concerns?sort=deadline', headers: mottagning.headers })).json();
    expect(inbox.total).toBe(2);
    expect(inbox.concerns.map((row: { id: string }) => row.id)).toEqual([late.id, fresh.id]);
    expect(inbox.concerns[0]).toMatchObject({ deadlineState: 'overdue', deadlines: { protectionAssessment: { state: 'overdue' }, decision: { state: 'ok' } } });
    expect(inbox.abilities).toMatchObject({ list: true, configureRouting: false });

    const overdue = (await t.app.inject({ method: 'GET', url: '/api/concerns?overdue=true', headers: mottagning.headers })).json();
    expect(overdue.concerns.map((row: { id: string }) => row.id)).toEqual([late.id]);
    const onTime = (await t.app.inject({ method: 'GET', url: '/api/concerns?overdue=false', headers: mottagning.headers })).json();
    expect(onTime.concerns.map((row: { id: string }) => row.id)).toEqual([fresh.id]);
    const all = (await t.app.inject({ method: 'GET', url: '/api/concerns?status=mottagen,avslutad&sort=received_asc', headers: mottagning.headers })).json();
    expect(all.concerns.map((row: { id: string }) => row.id)).toEqual([late.id, fresh.id, closed.id]);
    const page2 = (await t.app.inject({ method: 'GET', url: '/api/concerns?status=mottagen,avslutad&sort=received_asc&pageSize=2&page=2', headers: mottagning.headers })).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.concerns.map((row: { id: string }) => row.id)).toEqual([closed.id]);

    await step(t, mottagning, late.id, 'assessment', { result: 'inget_akut_skyddsbehov' });
    const after = (await readConcern(t, mottagning, late.id)).json();
    expect(after.deadlines.protectionAssessment.state).toBe('ok');
    expect(after.deadlines.protectionAssessment.doneAt).not.toBeNull();
    expect(after.deadlineState).toBe('ok');

    await backdate(tenant.id, fresh.id, 12 * 24);
    expect((await readConcern(t, mottagning, fresh.id)).json().deadlines.decision.state).toBe('near');
  });

  it('filters by assignment and kind, and refuses unknown query fields', async () => {
    const { tenant, social, mottagning } = await intake(t);
    const officer = await t.member(tenant, social, 'handlaggare');
    const a = await newConcern(t, tenant);
    const b = await newConcern(t, tenant);
    await step(t, mottagning, a.id, 'assign', { userId: officer.userId });
    const ids = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/concerns?${query}`, headers: mottagning.headers })).json().concerns.map((row: { id: string }) => row.id);
    expect(await ids('assigned=none')).toEqual([b.id]);
    expect(await ids(`assigned=${officer.userId}`)).toEqual([a.id]);
    expect(await ids('kind=place')).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/concerns?status=oppen&x=1', headers: { ...mottagning.headers, 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.x).toBe('Unknown field.');
  });
});
