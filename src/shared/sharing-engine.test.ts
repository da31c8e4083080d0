import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applicableRules, evaluateSharing, todayInStockholm } from './sharing-engine';
import { SHARING_RULES, sharingRuleSetSchema, type SharingRule } from './sharing-rules';
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

  it('the same at 21: no, there is no basis', () => {
    const answer = evaluateSharing(ask({ personAge: 21, purpose: 'forebygga_brott' }));
    expect(answer).toMatchObject({ allowed: false, ruleId: 'ingen_grund', basis: 'Ingen grund för utlämnande' });
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
  { name: 'consent out of scope', question: { from: party('skola'), to: party('fritid', false), consent: 'out_of_scope' }, allowed: false, ruleId: 'ingen_grund' },
  // osl_10_18a_forebygga_brott
  { name: '18 a § at 20', question: { personAge: 20, purpose: 'forebygga_brott' }, allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  { name: '18 a § at 0', question: { personAge: 0, purpose: 'forebygga_brott' }, allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  { name: '18 a § at 21 (boundary)', question: { personAge: 21, purpose: 'forebygga_brott' }, allowed: false, ruleId: 'ingen_grund' },
  { name: '18 a § does not cover social services to school', question: { to: party('skola'), purpose: 'forebygga_brott' }, allowed: false, ruleId: 'ingen_grund' },
  { name: '18 a § with crime information: the police are an authority', question: { category: 'polis', purpose: 'forebygga_brott' }, allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  // anmalningsskyldighet
  { name: 'school reports concern to social services', question: { from: party('skola'), to: party('socialtjanst'), purpose: 'orosanmalan' }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'police report concern with crime data to social services', question: { from: party('polis'), to: party('socialtjanst'), category: 'polis', purpose: 'orosanmalan' }, allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  { name: 'a concern report to the police is no orosanmälan', question: { from: party('skola'), to: party('polis'), purpose: 'orosanmalan' }, allowed: false, ruleId: 'ingen_grund' },
  // aggregerad_statistik_over_k
  { name: 'aggregates above k about crime, to an association, for the lägesbild', question: { from: party('polis'), to: party('forening'), category: 'aggregerad_statistik', aggregatePassesThreshold: true, aggregateOf: 'polis', purpose: 'lagesbild' }, allowed: true, ruleId: 'aggregerad_statistik_over_k' },
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
    ['2025-07-01', 'anmalningsskyldighet_sol_2025', 'SoL (2025:400) anmälningsskyldigheten (paragraf ska bekräftas)'],
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

  it('18 a § from 2018-01-01, not the day before', () => {
    const prevent = (on: string) => evaluateSharing(ask({ purpose: 'forebygga_brott', on }));
    expect(prevent('2017-12-31')).toMatchObject({ allowed: false, ruleId: 'ingen_grund' });
    expect(prevent('2018-01-01')).toMatchObject({ allowed: true, ruleId: 'osl_10_18a_forebygga_brott' });
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

  it('rejects a malformed question', () => {
    expect(() => evaluateSharing({ ...ask(), personAge: -1 })).toThrow();
    expect(() => evaluateSharing({ ...ask(), purpose: 'nyfikenhet' } as unknown as SharingQuestion)).toThrow();
  });
});
