import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { ROLE_KEYS } from '../../src/shared/roles';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const schoolToPolice = {
  from: { type: 'skola', isAuthority: true },
  to: { type: 'polis', isAuthority: true },
  personAge: 15,
  category: 'skola',
  purpose: 'forebygga_brott',
  consent: 'none',
};
const socialToPoliceUnder21 = { ...schoolToPolice, from: { type: 'socialtjanst', isAuthority: true }, personAge: 17, category: 'socialtjanst' };
const crimeToAssociation = { ...schoolToPolice, from: { type: 'polis', isAuthority: true }, to: { type: 'forening', isAuthority: false }, category: 'polis', purpose: 'sspf_samverkan', consent: 'in_scope' };

async function setUp() {
  const tenant = await t.tenant();
  const school = await t.organisation(tenant, 'skola');
  const teacher = await t.member(tenant, school, 'skolpersonal');
  return { tenant, school, teacher };
}

const ask = (headers: Record<string, string> | undefined, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/sharing/questions', headers, payload: payload as object });

describe('POST /api/sharing/questions', () => {
  it('answers the three example questions: no, yes on OSL 10 kap. 18 a §, no', async () => {
    const { teacher } = await setUp();
    const school = await ask(teacher.headers, schoolToPolice);
    expect(school.statusCode).toBe(200);
    expect(school.json()).toMatchObject({ allowed: false, ruleId: 'osl_10_18a_galler_inte_skola' });

    const social = await ask(teacher.headers, socialToPoliceUnder21);
    expect(social.json()).toMatchObject({ allowed: true, ruleId: 'osl_10_18a_forebygga_brott', basis: 'OSL 10 kap. 18 a §', source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a §' } });
    expect(social.json().explanationSv).toMatch(/21 år/);
    expect(social.json().considered.length).toBeGreaterThan(5);

    const association = await ask(teacher.headers, crimeToAssociation);
    expect(association.json()).toMatchObject({ allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' });
  });

  it('answers no at 21, and honours a date: before 2018 there was no 18 a § rule', async () => {
    const { teacher } = await setUp();
    expect((await ask(teacher.headers, { ...socialToPoliceUnder21, personAge: 21 })).json()).toMatchObject({ allowed: false, ruleId: 'ingen_grund', basis: 'Ingen grund för utlämnande' });
    expect((await ask(teacher.headers, { ...socialToPoliceUnder21, on: '2017-12-31' })).json().ruleId).toBe('ingen_grund');
  });

  it('audits every question without a person, with the basis and the answer', async () => {
    const { tenant, school, teacher } = await setUp();
    await ask(teacher.headers, socialToPoliceUnder21);
    await ask(teacher.headers, crimeToAssociation);
    const events = await t.auditEvents(tenant, 'sharing.question');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actorUserId: teacher.userId, actorOrganisationId: school.id, personId: null, legalBasis: 'OSL 10 kap. 18 a §', outcome: 'allowed' });
    expect(events[0]!.details).toMatchObject({ from: 'socialtjanst', to: 'polis', purpose: 'forebygga_brott', allowed: true, ruleId: 'osl_10_18a_forebygga_brott' });
    expect(events[1]!.details).toMatchObject({ allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' });
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

  it('answers 400 with field errors on bad input', async () => {
    const { teacher } = await setUp();
    const response = await ask(teacher.headers, { ...schoolToPolice, personAge: -3, purpose: 'nyfikenhet' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['personAge', 'purpose']));
    const missing = await ask(teacher.headers, { from: schoolToPolice.from });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(expect.arrayContaining(['to', 'category', 'consent']));
  });
});

describe('GET /api/sharing/rules', () => {
  it('lists the rules in force today with source, dates and review note, not the superseded ones', async () => {
    const { teacher } = await setUp();
    const response = await t.app.inject({ method: 'GET', url: '/api/sharing/rules', headers: teacher.headers });
    expect(response.statusCode).toBe(200);
    const rules = response.json().rules as { id: string; reviewNote: string | null; validTo: string | null }[];
    const ids = rules.map((rule) => rule.id);
    expect(ids).toEqual(expect.arrayContaining(['skyddad_identitet_kraver_beslut', 'osl_10_18a_forebygga_brott', 'anmalningsskyldighet_sol_2025']));
    expect(ids).not.toContain('anmalningsskyldighet');
    expect(rules.find((rule) => rule.id === 'osl_10_18a_forebygga_brott')).toMatchObject({
      effect: 'allow',
      source: { law: 'OSL', reference: '10 kap. 18 a §' },
      validFrom: '2018-01-01',
      validTo: null,
      title: { sv: expect.any(String), en: expect.any(String) },
    });
    expect(rules.every((rule) => rule.reviewNote?.includes('jurist'))).toBe(true);
    expect(JSON.stringify(response.json())).not.toContain('"when"');
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/sharing/rules' })).statusCode).toBe(401);
  });
});
