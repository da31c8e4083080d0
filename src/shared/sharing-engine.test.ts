import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applicableRules, evaluateSharing, todayInStockholm } from './sharing-engine';
import { SHARING_RULES, ruleVersion, sharingRuleSetSchema, type SharingRule } from './sharing-rules';
import { SHARING_EXAMPLES } from './sharing-examples';
import type { SharingQuestion } from './sharing';
import type { OrganisationType } from './organisations';

const AUTHORITIES: OrganisationType[] = ['skola', 'socialtjanst', 'polis', 'halso_sjukvard'];
const party = (type: OrganisationType, isAuthority = AUTHORITIES.includes(type)) => ({ type, isAuthority });

/** A question with neutral defaults: social services to the police, 17 years old, collaboration, no consent. */
function ask(overrides: Partial<SharingQuestion> = {}): SharingQuestion {
  return {
    from: party('socialtjanst'),
    to: party('polis'),
    personAge: 17,
    category: 'socialtjanst',
    purpose: 'sspf_samverkan',
    consent: 'none',
    on: '2026-03-01',
    // The two conditions of OSL 10 kap. 18 a § hold unless a test says otherwise (they matter only there).
    riskOfCrime: true,
    canPrevent: true,
    ...overrides,
  };
}

describe('the rule set', () => {
  it('is valid data: every rule passes the schema and ids are unique', () => {
    expect(() => sharingRuleSetSchema.parse(SHARING_RULES)).not.toThrow();
    expect(SHARING_RULES.length).toBeGreaterThanOrEqual(10);
  });

  it('rejects a malformed rule set (duplicate id, unknown field, validTo before validFrom)', () => {
    const [first] = SHARING_RULES as SharingRule[];
    expect(() => sharingRuleSetSchema.parse([first, first])).toThrow();
    expect(() => sharingRuleSetSchema.parse([{ ...first, when: { fromTypes: ['skola'], colour: 'red' } }])).toThrow();
    expect(() => sharingRuleSetSchema.parse([{ ...first, validFrom: '2020-01-02', validTo: '2020-01-01' }])).toThrow();
  });

  it('marks every rule as needing legal review', () => {
    for (const rule of SHARING_RULES) expect(rule.reviewNote, rule.id).toMatch(/jurist/);
  });

  it('names every rule, with its effect and source, in docs/LEGAL-RULES.md', () => {
    const doc = readFileSync(new URL('../../docs/LEGAL-RULES.md', import.meta.url), 'utf8');
    for (const rule of SHARING_RULES) {
      expect(doc, `${rule.id} missing from docs/LEGAL-RULES.md`).toContain(`\`${rule.id}\``);
      expect(doc, `${rule.id}: source or dates out of date in docs/LEGAL-RULES.md`).toContain(`${rule.source.law} ${rule.source.reference}`);
      expect(doc, rule.id).toContain(rule.validFrom);
    }
    expect(doc).toContain('`ingen_grund`');
  });
});

describe('the questions the issue must answer', () => {
  it('school to police without consent: no', () => {
    const answer = evaluateSharing(ask({ from: party('skola'), to: party('polis'), category: 'skola', purpose: 'forebygga_brott' }));
    expect(answer.allowed).toBe(false);
    expect(answer.ruleId).toBe('osl_10_18a_galler_inte_skola');
  });

  it('social services to police about someone under 21 to prevent crime: yes, OSL 10 kap. 18 a §', () => {
    const answer = evaluateSharing(ask({ personAge: 17, purpose: 'forebygga_brott' }));
    expect(answer).toMatchObject({ allowed: true, ruleId: 'osl_10_18a_forebygga_brott', basis: 'OSL 10 kap. 18 a §' });
    expect(answer.source).toEqual({ law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a §' });
  });

  it('the same at 21: no, and the answer says that 18 a § stops at 21 and what to do instead', () => {
    const answer = evaluateSharing(ask({ personAge: 21, purpose: 'forebygga_brott' }));
    expect(answer).toMatchObject({ allowed: false, ruleId: 'osl_10_18a_over_21' });
    expect(answer.explanationSv).toMatch(/inte har fyllt 21 år/);
    expect(answer.explanationSv).toMatch(/Gör så här i stället/);
  });

  it('each "no" says its own reason: no two denials share an explanation', () => {
    const denials = SHARING_RULES.filter((rule) => rule.effect === 'deny');
    const texts = new Map<string, string[]>();
    for (const rule of denials) texts.set(rule.explanation.sv, [...(texts.get(rule.explanation.sv) ?? []), rule.id]);
    // The adult report-of-concern rule is the same reason under the old and the new act.
    const shared = [...texts.values()].filter((ids) => ids.length > 1);
    expect(shared).toEqual([['orosanmalan_galler_barn', 'orosanmalan_galler_barn_sol_2025']]);
  });

  it('an association seeing information about crime: no', () => {
    const answer = evaluateSharing(ask({ from: party('polis'), to: party('forening'), category: 'polis', consent: 'in_scope' }));
    expect(answer).toMatchObject({ allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' });
  });
});

interface Case {
  name: string;
  question: Partial<SharingQuestion>;
  allowed: boolean;
  ruleId: string;
}

const CASES: Case[] = [
  // skyddad_identitet_kraver_beslut
  { name: 'protected identity, no decision, no consent', question: { protectedIdentity: true, purpose: 'forebygga_brott' }, allowed: false, ruleId: 'skyddad_identitet_kraver_beslut' },
  { name: 'protected identity, no decision, consent in scope', question: { protectedIdentity: true, consent: 'in_scope' }, allowed: false, ruleId: 'skyddad_identitet_kraver_beslut' },
  { name: 'protected identity with decision and consent', question: { protectedIdentity: true, coordinatorDecision: true, consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: 'protected identity with decision but no consent', question: { protectedIdentity: true, coordinatorDecision: true }, allowed: false, ruleId: 'ingen_grund' },
  { name: 'protected identity never holds back a report of concern', question: { protectedIdentity: true, from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan' }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'a coordinator decision alone is no basis', question: { coordinatorDecision: true }, allowed: false, ruleId: 'ingen_grund' },
  // brottsuppgifter_endast_myndighet
  { name: 'crime category to association, consent in scope', question: { to: party('forening'), category: 'polis', consent: 'in_scope' }, allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' },
  { name: 'flagged crime note to business, consent in scope', question: { to: party('naringsliv'), category: 'fritid', crimeData: true, consent: 'in_scope' }, allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' },
  { name: 'leisure information (not crime) to association with consent', question: { to: party('forening'), category: 'fritid', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: 'crime data to a non-authority school (friskola), consent in scope', question: { to: party('skola', false), category: 'polis', consent: 'in_scope' }, allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' },
  { name: 'crime data to police with consent', question: { from: party('skola'), category: 'polis', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  // osl_10_18a_galler_inte_skola
  { name: 'school to police, investigate, no consent', question: { from: party('skola'), purpose: 'utreda_brott' }, allowed: false, ruleId: 'osl_10_18a_galler_inte_skola' },
  { name: 'school to police, prevent, consent withdrawn', question: { from: party('skola'), purpose: 'forebygga_brott', consent: 'withdrawn' }, allowed: false, ruleId: 'osl_10_18a_galler_inte_skola' },
  { name: 'school to police, prevent, consent in scope', question: { from: party('skola'), purpose: 'forebygga_brott', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: 'school to police, collaboration, no consent (no school rule, no basis)', question: { from: party('skola') }, allowed: false, ruleId: 'ingen_grund' },
  // osl_10_18a_inte_konkret_brott
  { name: 'social services to police, investigate, 17, no consent', question: { purpose: 'utreda_brott' }, allowed: false, ruleId: 'osl_10_18a_inte_konkret_brott' },
  { name: 'social services to police, investigate, consent expired', question: { purpose: 'utreda_brott', consent: 'expired' }, allowed: false, ruleId: 'osl_10_18a_inte_konkret_brott' },
  { name: 'social services to police, investigate, consent in scope', question: { purpose: 'utreda_brott', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  // samtycke_inom_ramen
  { name: 'consent in scope, school to leisure', question: { from: party('skola'), to: party('fritid', false), category: 'skola', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: 'consent out of scope', question: { from: party('skola'), to: party('fritid', false), consent: 'out_of_scope' }, allowed: false, ruleId: 'samtycke_omfattar_inte' },
  { name: 'consent withdrawn, collaboration', question: { from: party('skola'), to: party('fritid', false), consent: 'withdrawn' }, allowed: false, ruleId: 'samtycke_aterkallat' },
  { name: 'consent expired, mentorship', question: { from: party('skola'), to: party('forening'), purpose: 'mentorskap', consent: 'expired' }, allowed: false, ruleId: 'samtycke_utgatt' },
  { name: 'withdrawn consent never stops a report of concern', question: { from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan', consent: 'withdrawn' }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'housing exchange with consent', question: { to: party('bostadsbolag', false), category: 'adress_vistelseort', purpose: 'bostadsutbyte', consent: 'in_scope', personAge: 19 }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: 'housing exchange, address of a protected person, with consent and decision', question: { to: party('bostadsbolag', false), category: 'adress_vistelseort', purpose: 'bostadsutbyte', consent: 'in_scope', protectedIdentity: true, coordinatorDecision: true }, allowed: false, ruleId: 'adress_skyddad_identitet' },
  // osl_10_18a_forebygga_brott
  { name: '18 a § at 20', question: { personAge: 20, purpose: 'forebygga_brott' }, allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  { name: '18 a § at 0', question: { personAge: 0, purpose: 'forebygga_brott' }, allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  { name: '18 a § at 21 (boundary)', question: { personAge: 21, purpose: 'forebygga_brott' }, allowed: false, ruleId: 'osl_10_18a_over_21' },
  { name: '18 a § at 17, no special risk', question: { purpose: 'forebygga_brott', riskOfCrime: false }, allowed: false, ruleId: 'osl_10_18a_villkor_saknas' },
  { name: '18 a § at 17, cannot prevent', question: { purpose: 'forebygga_brott', canPrevent: false }, allowed: false, ruleId: 'osl_10_18a_villkor_saknas' },
  { name: '18 a § conditions not met, but consent in scope', question: { purpose: 'forebygga_brott', riskOfCrime: false, consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: '18 a § at 25 with consent', question: { personAge: 25, purpose: 'forebygga_brott', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: '18 a § does not cover social services to school', question: { to: party('skola'), purpose: 'forebygga_brott' }, allowed: false, ruleId: 'ingen_grund' },
  { name: '18 a § with crime information: the police are an authority', question: { category: 'polis', purpose: 'forebygga_brott' }, allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  // anmalningsskyldighet
  { name: 'school reports concern to social services', question: { from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan' }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'police report concern with crime data to social services', question: { from: party('polis'), to: party('socialtjanst'), category: 'polis', purpose: 'orosanmalan' }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'a concern report to the police is no orosanmälan', question: { from: party('skola'), to: party('polis'), purpose: 'orosanmalan' }, allowed: false, ruleId: 'ingen_grund' },
  { name: 'a report of concern about an adult (18): no, it is about children', question: { from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan', personAge: 18 }, allowed: false, ruleId: 'orosanmalan_galler_barn_sol_2025' },
  { name: 'a report of concern about a 17-year-old: yes', question: { from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan', personAge: 17 }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'an adult with consent in scope: the consent is the basis, not the duty to report', question: { from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan', personAge: 30, consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  // aggregerad_statistik_over_k
  { name: 'aggregates above k about crime, to an association, for the lägesbild', question: { from: party('polis'), to: party('forening'), category: 'aggregerad_statistik', aggregatePassesThreshold: true, aggregateOf: 'polis', purpose: 'lagesbild' }, allowed: true, ruleId: 'aggregerad_statistik_over_k' },
  { name: 'address to school with consent', question: { to: party('skola'), category: 'adress_vistelseort', consent: 'in_scope' }, allowed: true, ruleId: 'samtycke_inom_ramen' },
  { name: 'address without consent', question: { to: party('skola'), category: 'adress_vistelseort' }, allowed: false, ruleId: 'ingen_grund' },
  { name: 'aggregates above k, but for another purpose', question: { category: 'aggregerad_statistik', aggregatePassesThreshold: true, aggregateOf: 'polis', purpose: 'sspf_samverkan' }, allowed: false, ruleId: 'ingen_grund' },
  // alla_far_anmala_oro
  { name: 'association reports concern to social services', question: { from: party('forening'), to: party('socialtjanst'), category: 'fritid', purpose: 'orosanmalan' }, allowed: true, ruleId: 'alla_far_anmala_oro_sol_2025' },
];

describe('every rule, table-driven', () => {
  it.each(CASES)('$name → $ruleId', ({ question, allowed, ruleId }) => {
    const answer = evaluateSharing(ask(question));
    expect({ allowed: answer.allowed, ruleId: answer.ruleId }).toEqual({ allowed, ruleId });
  });

  it('covers every rule id in the set (each one decides at least one case above or below)', () => {
    const decided = new Set(CASES.map((testCase) => testCase.ruleId));
    decided.add('anmalningsskyldighet').add('alla_far_anmala_oro'); // decided on dates before 2025-07-01, below
    decided.add('orosanmalan_galler_barn'); // before 2025-07-01, in the worked examples
    decided.add('uppgiftsskyldighet_brottsbekampning_2025'); // a note: never decides, tested below
    for (const rule of SHARING_RULES) expect(decided, rule.id).toContain(rule.id);
  });
});

describe('aggregated statistics for the lägesbild', () => {
  const aggregate = (overrides: Partial<SharingQuestion>) =>
    ask({ from: party('polis'), category: 'aggregerad_statistik', aggregateOf: 'polis', purpose: 'lagesbild', ...overrides });

  it('above k: may go to partners of every kind, authority or not (the analyst sits in one of them)', () => {
    for (const to of [party('forening'), party('bostadsbolag', false), party('naringsliv'), party('socialtjanst')]) {
      expect(evaluateSharing(aggregate({ to, aggregatePassesThreshold: true })), to.type).toMatchObject({ allowed: true, ruleId: 'aggregerad_statistik_over_k', basis: 'GDPR skäl 26' });
    }
  });

  it('below k: the same answer as for the underlying data, with the reason in front', () => {
    const cases: Partial<SharingQuestion>[] = [
      { to: party('forening'), aggregateOf: 'polis', consent: 'in_scope' },
      { to: party('polis'), aggregateOf: 'skola', from: party('skola') },
      { to: party('fritid', false), aggregateOf: 'fritid', consent: 'in_scope' },
    ];
    for (const overrides of cases) {
      const below = evaluateSharing(aggregate({ ...overrides, aggregatePassesThreshold: false }));
      const underlying = evaluateSharing(ask({ ...overrides, purpose: 'lagesbild', category: overrides.aggregateOf! }));
      expect({ allowed: below.allowed, ruleId: below.ruleId, basis: below.basis }).toEqual({ allowed: underlying.allowed, ruleId: underlying.ruleId, basis: underlying.basis });
      expect(below.explanationSv).toMatch(/^Tabellen har tal under k/);
      expect(below.explanationEn).toContain(underlying.explanationEn);
    }
    // Crime counts below k to an association: as crime data, no, even with consent.
    expect(evaluateSharing(aggregate({ to: party('forening'), consent: 'in_scope' }))).toMatchObject({ allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' });
  });

  it('below k is the default, and without the underlying category there is no basis', () => {
    expect(evaluateSharing(aggregate({ to: party('forening') })).allowed).toBe(false);
    const { aggregateOf: _dropped, ...unknown } = aggregate({ to: party('socialtjanst') });
    expect(evaluateSharing(unknown)).toMatchObject({ allowed: false, ruleId: 'ingen_grund' });
  });
});

describe('dates of effect', () => {
  const schoolConcern = (on: string) => evaluateSharing(ask({ from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan', on }));
  const associationConcern = (on: string) => evaluateSharing(ask({ from: party('forening'), to: party('socialtjanst'), purpose: 'orosanmalan', on }));

  it.each([
    ['2025-06-30', 'anmalningsskyldighet', 'SoL 14 kap. 1 §'],
    ['2025-07-01', 'anmalningsskyldighet_sol_2025', 'SoL (2025:400) anmälningsskyldigheten (paragraf ej bekräftad)'],
  ])('an authority’s concern report on %s rests on %s', (on, ruleId, basis) => {
    expect(schoolConcern(on)).toMatchObject({ allowed: true, ruleId, basis });
  });

  it.each([
    ['2025-06-30', 'alla_far_anmala_oro'],
    ['2025-07-01', 'alla_far_anmala_oro_sol_2025'],
  ])('an association’s concern report on %s rests on %s', (on, ruleId) => {
    expect(associationConcern(on)).toMatchObject({ allowed: true, ruleId });
  });

  it('before 14 kap. 1 c § came into force, an association had no rule (2012-12-31)', () => {
    expect(associationConcern('2012-12-31')).toMatchObject({ allowed: false, ruleId: 'ingen_grund' });
  });

  it('18 a § from 2013-01-01 (prop. 2011/12:171), not the day before; the school and over-21 denials too', () => {
    const prevent = (on: string, overrides: Partial<SharingQuestion> = {}) => evaluateSharing(ask({ purpose: 'forebygga_brott', on, ...overrides }));
    expect(prevent('2012-12-31')).toMatchObject({ allowed: false, ruleId: 'ingen_grund' });
    expect(prevent('2013-01-01')).toMatchObject({ allowed: true, ruleId: 'osl_10_18a_forebygga_brott' });
    expect(prevent('2012-12-31', { personAge: 21 }).ruleId).toBe('ingen_grund');
    expect(prevent('2013-01-01', { personAge: 21 }).ruleId).toBe('osl_10_18a_over_21');
    expect(prevent('2012-12-31', { from: party('skola') }).ruleId).toBe('ingen_grund');
    expect(prevent('2013-01-01', { from: party('skola') }).ruleId).toBe('osl_10_18a_galler_inte_skola');
    expect(SHARING_RULES.find((rule) => rule.id === 'osl_10_18a_forebygga_brott')?.history).toMatch(/2011\/12:171/);
  });

  it('the 2025 act on information to law enforcement is a note from 2025-04-01, flagged unconfirmed, that never decides', () => {
    const schoolToPolice = (on: string) => evaluateSharing(ask({ from: party('skola'), purpose: 'forebygga_brott', on }));
    expect(schoolToPolice('2025-03-31').notes).toEqual([]);
    const after = schoolToPolice('2025-04-01');
    expect(after).toMatchObject({ allowed: false, ruleId: 'osl_10_18a_galler_inte_skola', unconfirmed: false });
    expect(after.notes).toEqual([expect.objectContaining({ ruleId: 'uppgiftsskyldighet_brottsbekampning_2025', unconfirmed: true })]);
    expect(after.notes[0]!.sv).toMatch(/fråga kommunens jurist/);
  });

  it('an answer resting on an unconfirmed rule says so; a confirmed one does not', () => {
    const concern = (on: string) => evaluateSharing(ask({ from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan', on }));
    expect(concern('2025-06-30')).toMatchObject({ ruleId: 'anmalningsskyldighet', unconfirmed: false });
    expect(concern('2025-07-01')).toMatchObject({ ruleId: 'anmalningsskyldighet_sol_2025', unconfirmed: true });
  });

  it('the crime-data denial from GDPR’s first day (2018-05-25)', () => {
    const crimeToAssociation = (on: string) => evaluateSharing(ask({ to: party('forening'), category: 'polis', consent: 'in_scope', on }));
    expect(crimeToAssociation('2018-05-24').ruleId).toBe('samtycke_inom_ramen');
    expect(crimeToAssociation('2018-05-25').ruleId).toBe('brottsuppgifter_endast_myndighet');
  });

  it('lists only the rules in force on the day, and never both versions of a law', () => {
    const before = applicableRules('2025-06-30').map((rule) => rule.id);
    const after = applicableRules('2025-07-01').map((rule) => rule.id);
    expect(before).toContain('anmalningsskyldighet');
    expect(before).not.toContain('anmalningsskyldighet_sol_2025');
    expect(after).toContain('anmalningsskyldighet_sol_2025');
    expect(after).not.toContain('anmalningsskyldighet');
  });

  it('defaults to today in Sweden', () => {
    expect(todayInStockholm(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
    expect(todayInStockholm(new Date('2025-06-30T21:30:00Z'))).toBe('2025-06-30');
    const { on: _ignored, ...withoutDate } = ask({ from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan' });
    expect(evaluateSharing(withoutDate).considered.map((entry) => entry.ruleId)).toEqual(applicableRules().map((rule) => rule.id));
  });
});

describe('precedence and reasoning', () => {
  it('a denial wins over a permission that also applies', () => {
    const answer = evaluateSharing(ask({ to: party('forening'), category: 'polis', consent: 'in_scope' }));
    const applied = answer.considered.filter((entry) => entry.applied).map((entry) => entry.ruleId);
    expect(applied).toEqual(['brottsuppgifter_endast_myndighet', 'samtycke_inom_ramen']);
    expect(answer.allowed).toBe(false);
  });

  it('the first applying denial in list order decides when several deny', () => {
    const answer = evaluateSharing(ask({ to: party('forening'), category: 'polis', protectedIdentity: true }));
    expect(answer.ruleId).toBe('skyddad_identitet_kraver_beslut');
    expect(answer.considered.filter((entry) => entry.applied && entry.effect === 'deny')).toHaveLength(2);
  });

  it('the first applying permission decides when several allow', () => {
    const answer = evaluateSharing(ask({ purpose: 'forebygga_brott', consent: 'in_scope' }));
    expect(answer).toMatchObject({ ruleId: 'samtycke_inom_ramen', basis: 'OSL 12 kap. 2 §' });
    expect(answer.considered.find((entry) => entry.ruleId === 'osl_10_18a_forebygga_brott')?.applied).toBe(true);
  });

  it('lists every rule in force, in order, with whether it applied', () => {
    const answer = evaluateSharing(ask());
    expect(answer.considered.map((entry) => entry.ruleId)).toEqual(applicableRules('2026-03-01').map((rule) => rule.id));
    expect(answer.considered.every((entry) => !entry.applied)).toBe(true);
  });

  it('explains the default in plain Swedish: secrecy applies, consent is the usual way', () => {
    const answer = evaluateSharing(ask());
    expect(answer.explanationSv).toMatch(/sekretess/);
    expect(answer.explanationSv).toMatch(/samtycke/);
    expect(answer.explanationEn).toMatch(/consent/);
  });

  it('takes the rules as an argument (a tenant could test a changed rule set)', () => {
    const onlyConsent = SHARING_RULES.filter((rule) => rule.id === 'samtycke_inom_ramen');
    const answer = evaluateSharing(ask({ to: party('forening'), category: 'polis', consent: 'in_scope' }), onlyConsent);
    expect(answer).toMatchObject({ allowed: true, ruleId: 'samtycke_inom_ramen' });
    expect(answer.considered).toHaveLength(1);
  });

  it('gives each rule a version that changes when the rule changes, and records it in the answer', () => {
    const rule = SHARING_RULES.find((candidate) => candidate.id === 'osl_10_18a_forebygga_brott')!;
    expect(ruleVersion(rule)).toMatch(/^[0-9a-f]{16}$/);
    expect(ruleVersion({ ...rule })).toBe(ruleVersion(rule));
    expect(ruleVersion({ ...rule, validFrom: '2013-01-02' })).not.toBe(ruleVersion(rule));
    expect(ruleVersion({ ...rule, explanation: { ...rule.explanation, sv: 'ändrad' } })).not.toBe(ruleVersion(rule));
    expect(new Set(SHARING_RULES.map(ruleVersion)).size).toBe(SHARING_RULES.length);
    expect(evaluateSharing(ask({ purpose: 'forebygga_brott' })).ruleVersion).toBe(ruleVersion(rule));
    expect(evaluateSharing(ask()).ruleVersion).toBeNull();
  });

  it('has a worked example for every rule', () => {
    for (const rule of SHARING_RULES) expect(SHARING_EXAMPLES.some((example) => example.ruleId === rule.id), rule.id).toBe(true);
  });

  it('rejects a malformed question', () => {
    expect(() => evaluateSharing({ ...ask(), personAge: -1 })).toThrow();
    expect(() => evaluateSharing({ ...ask(), purpose: 'nyfikenhet' } as unknown as SharingQuestion)).toThrow();
  });
});
