import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TestApp } from '../factories';
import { inContext } from '../../src/server/db/context';
import { sharingRuleReview } from '../../src/server/db/schema';
import { ROLE_KEYS } from '../../src/shared/roles';
import { SHARING_RULES, ruleVersion } from '../../src/shared/sharing-rules';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const noConsent = { exists: false };
const fullConsent = { exists: true, guardians: [{ consented: true }, { consented: true }], youngPersonConsented: true, coversRecipient: true, coversCategory: true, coversPurpose: true };
const schoolToPolice = {
  from: { type: 'skola', isAuthority: true },
  to: { type: 'polis', isAuthority: true },
  personAge: 15,
  category: 'skola',
  purpose: 'forebygga_brott',
  consentFacts: noConsent,
  on: '2026-03-01',
};
const socialToPoliceUnder21 = { ...schoolToPolice, from: { type: 'socialtjanst', isAuthority: true }, personAge: 17, category: 'socialtjanst', riskOfCrime: true, canPrevent: true };
const crimeToAssociation = { ...schoolToPolice, from: { type: 'polis', isAuthority: true }, to: { type: 'forening', isAuthority: false }, category: 'polis', purpose: 'sspf_samverkan', consentFacts: fullConsent };
const schoolToLeisure = { ...schoolToPolice, to: { type: 'fritid', isAuthority: true }, purpose: 'sspf_samverkan', personAge: 16 };

async function setUp() {
  const tenant = await t.tenant();
  const school = await t.organisation(tenant, 'skola');
  const teacher = await t.member(tenant, school, 'skolpersonal');
  const legal = await t.organisation(tenant, 'annan');
  const jurist = await t.member(tenant, legal, 'jurist');
  return { tenant, school, teacher, jurist };
}

const ask = (headers: Record<string, string> | undefined, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/sharing/questions', headers, payload: payload as object });
const put = (headers: Record<string, string> | undefined, url: string, payload?: unknown) => t.app.inject({ method: 'PUT', url, headers, payload: payload as object });

describe('POST /api/sharing/questions', () => {
  it('answers the example questions: no (school is not covered by 18 a §), yes on OSL 10 kap. 18 a §, no (crime to an association)', async () => {
    const { teacher } = await setUp();
    const school = await ask(teacher.headers, schoolToPolice);
    expect(school.statusCode, school.body).toBe(200);
    expect(school.json()).toMatchObject({ allowed: false, ruleId: 'osl_10_18a_galler_inte_skola', review: { state: 'not_reviewed' }, consentFinding: { state: 'none', reason: 'no_consent' } });
    expect(school.json().explanationSv).toMatch(/Gör så här i stället/);

    const social = await ask(teacher.headers, socialToPoliceUnder21);
    expect(social.json()).toMatchObject({ allowed: true, ruleId: 'osl_10_18a_forebygga_brott', basis: 'OSL 10 kap. 18 a §', source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a §' } });
    expect(social.json().ruleVersion).toBe(ruleVersion(SHARING_RULES.find((rule) => rule.id === 'osl_10_18a_forebygga_brott')!));

    const association = await ask(teacher.headers, crimeToAssociation);
    expect(association.json()).toMatchObject({ allowed: false, ruleId: 'brottsuppgifter_endast_myndighet', consentFinding: { state: 'in_scope', reason: 'covers' } });
    expect(association.json().explanationSv).toMatch(/vad den kan göra .* men inte varför/);
  });

  it('works out the consent from the facts through the consent module: a 16-year-old whose own consent is missing gets no from the guardians’ consent alone', async () => {
    const { teacher } = await setUp();
    const guardiansOnly = await ask(teacher.headers, { ...schoolToLeisure, consentFacts: { ...fullConsent, youngPersonConsented: false } });
    expect(guardiansOnly.json()).toMatchObject({ allowed: false, consentFinding: { state: 'none', reason: 'young_person_missing' } });
    expect(guardiansOnly.json().consentFinding.sv).toMatch(/Vårdnadshavarnas samtycke räcker inte/);
    // At 14 (under the tenant's consent age, 15) the guardians' consent is enough.
    expect((await ask(teacher.headers, { ...schoolToLeisure, personAge: 14, consentFacts: { ...fullConsent, youngPersonConsented: false } })).json()).toMatchObject({ allowed: true, ruleId: 'samtycke_inom_ramen' });
    // Everyone consented: yes.
    expect((await ask(teacher.headers, { ...schoolToLeisure, consentFacts: fullConsent })).json()).toMatchObject({ allowed: true, ruleId: 'samtycke_inom_ramen', consentFinding: { reason: 'covers' } });
    // One of two guardians missing: no.
    expect((await ask(teacher.headers, { ...schoolToLeisure, consentFacts: { ...fullConsent, guardians: [{ consented: true }, { consented: false }] } })).json()).toMatchObject({ allowed: false, consentFinding: { reason: 'guardian_missing' } });
    // Withdrawn: no, and a new consent is needed.
    const withdrawn = (await ask(teacher.headers, { ...schoolToLeisure, consentFacts: { ...fullConsent, withdrawn: true } })).json();
    expect(withdrawn).toMatchObject({ allowed: false, ruleId: 'samtycke_aterkallat', consentFinding: { state: 'withdrawn' } });
    expect(withdrawn.explanationSv).toMatch(/nytt samtycke/);
    // Expired on its last valid day + 1.
    expect((await ask(teacher.headers, { ...schoolToLeisure, consentFacts: { ...fullConsent, validTo: '2026-02-28' } })).json()).toMatchObject({ ruleId: 'samtycke_utgatt', consentFinding: { state: 'expired' } });
    // Does not cover the purpose: out of scope.
    expect((await ask(teacher.headers, { ...schoolToLeisure, consentFacts: { ...fullConsent, coversPurpose: false } })).json()).toMatchObject({ ruleId: 'samtycke_omfattar_inte', consentFinding: { state: 'out_of_scope' } });
    // No guardian recorded and under the consent age: nobody can consent.
    expect((await ask(teacher.headers, { ...schoolToLeisure, personAge: 10, consentFacts: { ...fullConsent, guardians: [] } })).json()).toMatchObject({ allowed: false, consentFinding: { reason: 'nobody_can_consent' } });
    // An adult: the person's own consent alone.
    expect((await ask(teacher.headers, { ...schoolToLeisure, personAge: 19, consentFacts: { ...fullConsent, guardians: [] } })).json()).toMatchObject({ allowed: true });
  });

  it('answers an adult’s report of concern with no basis, the address of a protected person with no, and statistics ≥ k with yes', async () => {
    const { teacher } = await setUp();
    const concern = { ...schoolToPolice, to: { type: 'socialtjanst', isAuthority: true }, purpose: 'orosanmalan' };
    expect((await ask(teacher.headers, { ...concern, personAge: 12 })).json()).toMatchObject({ allowed: true, ruleId: 'anmalningsskyldighet_sol_2025', unconfirmed: true });
    expect((await ask(teacher.headers, { ...concern, personAge: 19 })).json()).toMatchObject({ allowed: false, ruleId: 'orosanmalan_galler_barn_sol_2025' });
    expect((await ask(teacher.headers, { ...concern, personAge: 19, on: '2025-06-30' })).json()).toMatchObject({ allowed: false, ruleId: 'orosanmalan_galler_barn', unconfirmed: false });
    const address = { ...schoolToLeisure, category: 'adress_vistelseort', consentFacts: fullConsent, protectedIdentity: true, coordinatorDecision: true };
    expect((await ask(teacher.headers, address)).json()).toMatchObject({ allowed: false, ruleId: 'adress_skyddad_identitet' });
    const stats = { ...schoolToPolice, to: { type: 'annan', isAuthority: false }, category: 'aggregerad_statistik', purpose: 'lagesbild', aggregatePassesThreshold: true };
    expect((await ask(teacher.headers, stats)).json()).toMatchObject({ allowed: true, ruleId: 'aggregerad_statistik_over_k' });
    const mentor = { ...schoolToLeisure, to: { type: 'forening', isAuthority: false }, purpose: 'mentorskap', consentFacts: fullConsent };
    expect((await ask(teacher.headers, mentor)).json()).toMatchObject({ allowed: true, ruleId: 'samtycke_inom_ramen' });
  });

  it('asks "as of" a date: 18 a § from 2013-01-01, and the 2025 note from 2025-04-01 (unconfirmed)', async () => {
    const { teacher } = await setUp();
    expect((await ask(teacher.headers, { ...socialToPoliceUnder21, on: '2012-12-31' })).json().ruleId).toBe('ingen_grund');
    expect((await ask(teacher.headers, { ...socialToPoliceUnder21, on: '2013-01-01' })).json().ruleId).toBe('osl_10_18a_forebygga_brott');
    expect((await ask(teacher.headers, { ...schoolToPolice, on: '2025-03-31' })).json().notes).toEqual([]);
    expect((await ask(teacher.headers, { ...schoolToPolice, on: '2025-04-01' })).json().notes).toEqual([expect.objectContaining({ ruleId: 'uppgiftsskyldighet_brottsbekampning_2025', unconfirmed: true })]);
  });

  it('audits every question without a person, with the basis, the consent state worked out, the answer and the rule version', async () => {
    const { tenant, school, teacher } = await setUp();
    await ask(teacher.headers, socialToPoliceUnder21);
    await ask(teacher.headers, crimeToAssociation);
    const events = await t.auditEvents(tenant, 'sharing.question');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actorUserId: teacher.userId, actorOrganisationId: school.id, personId: null, legalBasis: 'OSL 10 kap. 18 a §', outcome: 'allowed' });
    expect(events[0]!.details).toMatchObject({ from: 'socialtjanst', to: 'polis', purpose: 'forebygga_brott', allowed: true, ruleId: 'osl_10_18a_forebygga_brott', consent: 'none', ruleVersion: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(events[1]!.details).toMatchObject({ allowed: false, ruleId: 'brottsuppgifter_endast_myndighet', consent: 'in_scope' });
  });

  it('is open to every member role', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    for (const role of ROLE_KEYS) {
      const member = await t.member(tenant, social, role);
      const response = await ask(member.headers, schoolToPolice);
      expect(response.statusCode, role).toBe(200);
    }
  });

  it('answers 401 without a session, and audits nothing', async () => {
    const { tenant } = await setUp();
    const response = await ask(undefined, schoolToPolice);
    expect(response.statusCode).toBe(401);
    expect(await t.auditEvents(tenant, 'sharing.question')).toHaveLength(0);
  });

  it('answers 400 with field errors on bad input, and refuses a consent state instead of facts', async () => {
    const { teacher } = await setUp();
    const response = await ask(teacher.headers, { ...schoolToPolice, personAge: -3, purpose: 'nyfikenhet' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['personAge', 'purpose']));
    const missing = await ask(teacher.headers, { from: schoolToPolice.from });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(expect.arrayContaining(['to', 'category', 'consentFacts']));
    expect((await ask(teacher.headers, { ...schoolToPolice, consent: 'in_scope' })).statusCode).toBe(400);
    expect((await ask(teacher.headers, { ...schoolToPolice, consentFacts: { exists: true, guardians: [{}, {}, {}] } })).statusCode).toBe(400);
  });
});

describe('GET /api/sharing/rules', () => {
  it('lists the rules in force on a date with source, dates, version and unconfirmed flag, and the tenant’s consent age', async () => {
    const { teacher } = await setUp();
    const response = await t.app.inject({ method: 'GET', url: '/api/sharing/rules', headers: teacher.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { youngPersonConsentAge: number; rules: { id: string; reviewNote: string | null; unconfirmed: boolean; version: string }[] };
    expect(body.youngPersonConsentAge).toBe(15);
    const ids = body.rules.map((rule) => rule.id);
    expect(ids).toEqual(expect.arrayContaining(['skyddad_identitet_kraver_beslut', 'osl_10_18a_forebygga_brott', 'anmalningsskyldighet_sol_2025']));
    expect(ids).not.toContain('anmalningsskyldighet');
    expect(body.rules.find((rule) => rule.id === 'osl_10_18a_forebygga_brott')).toMatchObject({ effect: 'allow', validFrom: '2013-01-01', validTo: null, unconfirmed: false });
    expect(body.rules.find((rule) => rule.id === 'anmalningsskyldighet_sol_2025')).toMatchObject({ unconfirmed: true });
    expect(JSON.stringify(response.json())).not.toContain('"when"');
    const old = (await t.app.inject({ method: 'GET', url: '/api/sharing/rules?on=2025-06-30', headers: teacher.headers })).json() as { rules: { id: string }[] };
    expect(old.rules.map((rule) => rule.id)).toContain('anmalningsskyldighet');
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/sharing/rules' })).statusCode).toBe(401);
  });
});

describe('legal review by the tenant’s jurist', () => {
  it('the jurist sees every rule with source, dates, review note and tests; others get 403, audited', async () => {
    const { tenant, teacher, jurist } = await setUp();
    const review = await t.app.inject({ method: 'GET', url: '/api/sharing/review', headers: jurist.headers });
    expect(review.statusCode, review.body).toBe(200);
    const rules = review.json().rules as { id: string; examples: unknown[]; review: { state: string }; history: string | null }[];
    expect(rules.map((rule) => rule.id)).toEqual(SHARING_RULES.map((rule) => rule.id));
    expect(rules.every((rule) => rule.examples.length > 0 && rule.review.state === 'not_reviewed')).toBe(true);
    expect(rules.find((rule) => rule.id === 'osl_10_18a_forebygga_brott')?.history).toMatch(/2011\/12:171/);
    expect((await t.app.inject({ method: 'GET', url: '/api/sharing/review', headers: teacher.headers })).statusCode).toBe(403);
    expect((await put(teacher.headers, '/api/sharing/rules/osl_10_18a_galler_inte_skola/review', { comment: 'ok' })).statusCode).toBe(403);
    expect((await put(teacher.headers, '/api/sharing/rules/osl_10_18a_galler_inte_skola/disable', { reason: 'nej' })).statusCode).toBe(403);
    const denied = await t.auditEvents(tenant, 'sharing.rule_review');
    expect(denied).toMatchObject([{ actorUserId: teacher.userId, outcome: 'denied' }]);
    expect(await t.auditEvents(tenant, 'sharing.review_list')).toHaveLength(2);
  });

  it('marks a rule reviewed (name, date, comment, version); the next answer shows it; a changed rule shows as changed since review', async () => {
    const { tenant, teacher, jurist } = await setUp();
    expect((await ask(teacher.headers, schoolToPolice)).json().review).toEqual({ state: 'not_reviewed', reviewedByName: null, reviewedOn: null });
    const reviewed = await put(jurist.headers, '/api/sharing/rules/osl_10_18a_galler_inte_skola/review', { comment: 'Stämmer med OSL 10 kap. 18 a §.' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const rule = SHARING_RULES.find((candidate) => candidate.id === 'osl_10_18a_galler_inte_skola')!;
    expect(reviewed.json().rules.find((r: { id: string }) => r.id === rule.id).review).toMatchObject({ state: 'reviewed', reviewedVersion: ruleVersion(rule), reviewedByName: 'Test jurist', comment: 'Stämmer med OSL 10 kap. 18 a §.' });
    const after = (await ask(teacher.headers, schoolToPolice)).json();
    expect(after.review).toMatchObject({ state: 'reviewed', reviewedByName: 'Test jurist', reviewedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const events = await t.auditEvents(tenant, 'sharing.rule_review');
    expect(events).toMatchObject([{ actorUserId: jurist.userId, outcome: 'allowed', resourceId: rule.id, details: { ruleVersion: ruleVersion(rule), comment: 'Stämmer med OSL 10 kap. 18 a §.' } }]);

    // A new release changes the rule: its version no longer matches the one reviewed.
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.update(sharingRuleReview).set({ reviewedVersion: '0000000000000000' }).where(and(eq(sharingRuleReview.tenantId, tenant.id), eq(sharingRuleReview.ruleId, rule.id))),
    );
    expect((await ask(teacher.headers, schoolToPolice)).json().review.state).toBe('changed_since_review');
    const list = (await t.app.inject({ method: 'GET', url: '/api/sharing/review', headers: jurist.headers })).json();
    expect(list.rules.find((r: { id: string }) => r.id === rule.id).review.state).toBe('changed_since_review');
    await put(jurist.headers, '/api/sharing/rules/osl_10_18a_galler_inte_skola/review', { comment: 'Granskad igen.' });
    expect((await ask(teacher.headers, schoolToPolice)).json().review.state).toBe('reviewed');
  });

  it('the review is per tenant: another tenant’s answer still says not reviewed', async () => {
    const first = await setUp();
    const second = await setUp();
    await put(first.jurist.headers, '/api/sharing/rules/osl_10_18a_galler_inte_skola/review', { comment: 'ok' });
    expect((await ask(second.teacher.headers, schoolToPolice)).json().review.state).toBe('not_reviewed');
  });

  it('disables a rule for the tenant with a reason (audited), and enables it again', async () => {
    const { tenant, teacher, jurist } = await setUp();
    const disabled = await put(jurist.headers, '/api/sharing/rules/osl_10_18a_forebygga_brott/disable', { reason: 'Vi bedömer 18 a § från fall till fall.' });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().rules.find((r: { id: string }) => r.id === 'osl_10_18a_forebygga_brott').review).toMatchObject({ disabled: true, disabledReason: 'Vi bedömer 18 a § från fall till fall.', disabledByName: 'Test jurist' });
    expect((await ask(teacher.headers, socialToPoliceUnder21)).json()).toMatchObject({ allowed: false, ruleId: 'ingen_grund' });
    const inForce = (await t.app.inject({ method: 'GET', url: '/api/sharing/rules', headers: teacher.headers })).json() as { rules: { id: string }[] };
    expect(inForce.rules.map((rule) => rule.id)).not.toContain('osl_10_18a_forebygga_brott');
    expect(await t.auditEvents(tenant, 'sharing.rule_disable')).toMatchObject([{ actorUserId: jurist.userId, details: { ruleId: 'osl_10_18a_forebygga_brott', reason: 'Vi bedömer 18 a § från fall till fall.' } }]);
    const enabled = await t.app.inject({ method: 'DELETE', url: '/api/sharing/rules/osl_10_18a_forebygga_brott/disable', headers: jurist.headers });
    expect(enabled.statusCode).toBe(200);
    expect((await ask(teacher.headers, socialToPoliceUnder21)).json()).toMatchObject({ allowed: true, ruleId: 'osl_10_18a_forebygga_brott' });
    expect(await t.auditEvents(tenant, 'sharing.rule_enable')).toHaveLength(1);
  });

  it('refuses an empty comment or reason (400) and an unknown rule (404)', async () => {
    const { jurist } = await setUp();
    const empty = await put(jurist.headers, '/api/sharing/rules/osl_10_18a_forebygga_brott/review', { comment: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().error.fields)).toContain('comment');
    expect((await put(jurist.headers, '/api/sharing/rules/osl_10_18a_forebygga_brott/disable', {})).statusCode).toBe(400);
    expect((await put(jurist.headers, '/api/sharing/rules/finns_inte/review', { comment: 'x' })).statusCode).toBe(404);
  });

  it('prints the review pack as a PDF for the jurist only, audited', async () => {
    const { tenant, teacher, jurist } = await setUp();
    const pdf = await t.app.inject({ method: 'GET', url: '/api/sharing/review-pack.pdf', headers: jurist.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
    expect((await t.app.inject({ method: 'GET', url: '/api/sharing/review-pack.pdf', headers: teacher.headers })).statusCode).toBe(403);
    expect((await t.auditEvents(tenant, 'sharing.review_pack')).map((event) => event.outcome).sort()).toEqual(['allowed', 'denied']);
  });
});
