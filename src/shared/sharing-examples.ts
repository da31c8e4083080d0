import type { OrganisationType } from './organisations';
import type { SharingQuestion } from './sharing';

/**
 * Worked examples: one or more per rule, on each side of every date of effect. They are the table the
 * engine tests run (src/shared/sharing-engine.test.ts), the "tests that cover it" the jurist sees per
 * rule, and the worked examples in the printable review pack. An example names the rule it is about
 * (`ruleId`), the answer it must give and the rule that must decide it (`expectRuleId`).
 */
export interface SharingExample {
  id: string;
  /** The rule the example is about (shown with that rule). */
  ruleId: string;
  title: { sv: string; en: string };
  question: SharingQuestion;
  expect: { allowed: boolean; ruleId: string; note?: string; noNotes?: true };
}

const AUTHORITIES: readonly OrganisationType[] = ['skola', 'socialtjanst', 'polis', 'halso_sjukvard'];
const party = (type: OrganisationType) => ({ type, isAuthority: AUTHORITIES.includes(type) });
const q = (overrides: Partial<SharingQuestion>): SharingQuestion => ({
  from: party('socialtjanst'),
  to: party('polis'),
  personAge: 17,
  category: 'socialtjanst',
  purpose: 'sspf_samverkan',
  consent: 'none',
  on: '2026-03-01',
  ...overrides,
});
const socialToPolice = (overrides: Partial<SharingQuestion> = {}) => q({ purpose: 'forebygga_brott', riskOfCrime: true, canPrevent: true, ...overrides });

export const SHARING_EXAMPLES: readonly SharingExample[] = [
  {
    id: 'skyddad_utan_beslut',
    ruleId: 'skyddad_identitet_kraver_beslut',
    title: { sv: 'Skyddad identitet, samtycke men inget beslut: nej', en: 'Protected identity, consent but no decision: no' },
    question: q({ to: party('skola'), consent: 'in_scope', protectedIdentity: true }),
    expect: { allowed: false, ruleId: 'skyddad_identitet_kraver_beslut' },
  },
  {
    id: 'skyddad_med_beslut',
    ruleId: 'skyddad_identitet_kraver_beslut',
    title: { sv: 'Skyddad identitet, samtycke och koordinatorns beslut: ja', en: 'Protected identity, consent and the coordinator’s decision: yes' },
    question: q({ to: party('skola'), consent: 'in_scope', protectedIdentity: true, coordinatorDecision: true }),
    expect: { allowed: true, ruleId: 'samtycke_inom_ramen' },
  },
  {
    id: 'skyddad_adress',
    ruleId: 'adress_skyddad_identitet',
    title: { sv: 'Adress för en person med skyddad identitet, med beslut och samtycke: nej', en: 'Address of a person with protected identity, with decision and consent: no' },
    question: q({ to: party('skola'), category: 'adress_vistelseort', consent: 'in_scope', protectedIdentity: true, coordinatorDecision: true }),
    expect: { allowed: false, ruleId: 'adress_skyddad_identitet' },
  },
  {
    id: 'adress_med_samtycke',
    ruleId: 'samtycke_inom_ramen',
    title: { sv: 'Adress med samtycke, ingen skyddad identitet: ja', en: 'Address with consent, no protected identity: yes' },
    question: q({ to: party('skola'), category: 'adress_vistelseort', consent: 'in_scope' }),
    expect: { allowed: true, ruleId: 'samtycke_inom_ramen' },
  },
  {
    id: 'brott_till_forening',
    ruleId: 'brottsuppgifter_endast_myndighet',
    title: { sv: 'Polisens uppgifter om brott till en förening, med samtycke: nej', en: 'Police information about crime to an association, with consent: no' },
    question: q({ from: party('polis'), to: party('forening'), category: 'polis', consent: 'in_scope', personAge: 16 }),
    expect: { allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' },
  },
  {
    id: 'mentor_med_samtycke',
    ruleId: 'samtycke_inom_ramen',
    title: { sv: 'Skolsituationen till en mentor i en förening, med samtycke: ja', en: 'School situation to a mentor in an association, with consent: yes' },
    question: q({ from: party('skola'), to: party('forening'), category: 'skola', purpose: 'mentorskap', consent: 'in_scope', personAge: 14 }),
    expect: { allowed: true, ruleId: 'samtycke_inom_ramen' },
  },
  {
    id: 'bostadsutbyte_utan_samtycke',
    ruleId: 'samtycke_inom_ramen',
    title: { sv: 'Bostadsutbyte till ett bostadsbolag utan samtycke: nej', en: 'Housing exchange to a housing company without consent: no' },
    question: q({ to: party('bostadsbolag'), purpose: 'bostadsutbyte', personAge: 19 }),
    expect: { allowed: false, ruleId: 'ingen_grund' },
  },
  {
    id: 'skola_polis_2012',
    ruleId: 'osl_10_18a_galler_inte_skola',
    title: { sv: 'Skolan till polisen 2012-12-31 (före 18 a §): ingen grund', en: 'School to police on 2012-12-31 (before s. 18 a): no basis' },
    question: q({ from: party('skola'), category: 'skola', purpose: 'forebygga_brott', personAge: 15, on: '2012-12-31' }),
    expect: { allowed: false, ruleId: 'ingen_grund' },
  },
  {
    id: 'skola_polis_2013',
    ruleId: 'osl_10_18a_galler_inte_skola',
    title: { sv: 'Skolan till polisen 2013-01-01, 15 år, utan samtycke: nej, 18 a § gäller inte skolan', en: 'School to police on 2013-01-01, age 15, no consent: no, s. 18 a does not apply to school' },
    question: q({ from: party('skola'), category: 'skola', purpose: 'forebygga_brott', personAge: 15, on: '2013-01-01' }),
    expect: { allowed: false, ruleId: 'osl_10_18a_galler_inte_skola' },
  },
  {
    id: 'konkret_brott',
    ruleId: 'osl_10_18a_inte_konkret_brott',
    title: { sv: 'Socialtjänsten till polisen om ett konkret misstänkt brott: nej', en: 'Social services to police about a concrete suspected crime: no' },
    question: socialToPolice({ purpose: 'utreda_brott' }),
    expect: { allowed: false, ruleId: 'osl_10_18a_inte_konkret_brott' },
  },
  {
    id: 'over_21',
    ruleId: 'osl_10_18a_over_21',
    title: { sv: 'Socialtjänsten till polisen om en 21-åring: nej, 18 a § slutar vid 21', en: 'Social services to police about a 21-year-old: no, s. 18 a stops at 21' },
    question: socialToPolice({ personAge: 21 }),
    expect: { allowed: false, ruleId: 'osl_10_18a_over_21' },
  },
  {
    id: 'villkor_saknas',
    ruleId: 'osl_10_18a_villkor_saknas',
    title: { sv: 'Socialtjänsten till polisen, 17 år, men ingen särskild risk: nej', en: 'Social services to police, age 17, but no special risk: no' },
    question: socialToPolice({ riskOfCrime: false }),
    expect: { allowed: false, ruleId: 'osl_10_18a_villkor_saknas' },
  },
  {
    id: 'kan_inte_forhindra',
    ruleId: 'osl_10_18a_villkor_saknas',
    title: { sv: 'Risk finns, men uppgiften kan inte förhindra brott: nej', en: 'There is a risk, but the information cannot prevent crime: no' },
    question: socialToPolice({ canPrevent: false }),
    expect: { allowed: false, ruleId: 'osl_10_18a_villkor_saknas' },
  },
  {
    id: 'osl_18a_2012',
    ruleId: 'osl_10_18a_forebygga_brott',
    title: { sv: 'Socialtjänsten till polisen, villkoren uppfyllda, 2012-12-31: ingen grund ännu', en: 'Social services to police, conditions met, 2012-12-31: no basis yet' },
    question: socialToPolice({ on: '2012-12-31' }),
    expect: { allowed: false, ruleId: 'ingen_grund' },
  },
  {
    id: 'osl_18a_2013',
    ruleId: 'osl_10_18a_forebygga_brott',
    title: { sv: 'Socialtjänsten till polisen, 17 år, villkoren uppfyllda, 2013-01-01: ja', en: 'Social services to police, age 17, conditions met, 2013-01-01: yes' },
    question: socialToPolice({ on: '2013-01-01' }),
    expect: { allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  },
  {
    id: 'osl_18a_20',
    ruleId: 'osl_10_18a_forebygga_brott',
    title: { sv: 'Socialtjänsten till polisen, 20 år, villkoren uppfyllda: ja', en: 'Social services to police, age 20, conditions met: yes' },
    question: socialToPolice({ personAge: 20 }),
    expect: { allowed: true, ruleId: 'osl_10_18a_forebygga_brott' },
  },
  {
    id: 'brottsbekampning_2025_fore',
    ruleId: 'uppgiftsskyldighet_brottsbekampning_2025',
    title: { sv: 'Skolan till polisen 2025-03-31: nej, ingen notering om 2025 års lag', en: 'School to police on 2025-03-31: no, no note on the 2025 act' },
    question: q({ from: party('skola'), category: 'skola', purpose: 'forebygga_brott', personAge: 15, on: '2025-03-31' }),
    expect: { allowed: false, ruleId: 'osl_10_18a_galler_inte_skola', noNotes: true },
  },
  {
    id: 'brottsbekampning_2025_efter',
    ruleId: 'uppgiftsskyldighet_brottsbekampning_2025',
    title: { sv: 'Skolan till polisen 2025-04-01: nej, med en notering om 2025 års lag (ej bekräftad)', en: 'School to police on 2025-04-01: no, with a note on the 2025 act (unconfirmed)' },
    question: q({ from: party('skola'), category: 'skola', purpose: 'forebygga_brott', personAge: 15, on: '2025-04-01' }),
    expect: { allowed: false, ruleId: 'osl_10_18a_galler_inte_skola', note: 'uppgiftsskyldighet_brottsbekampning_2025' },
  },
  {
    id: 'aterkallat',
    ruleId: 'samtycke_aterkallat',
    title: { sv: 'Samverkan med återkallat samtycke: nej, ett nytt samtycke behövs', en: 'Collaboration with a withdrawn consent: no, a new consent is needed' },
    question: q({ to: party('skola'), consent: 'withdrawn' }),
    expect: { allowed: false, ruleId: 'samtycke_aterkallat' },
  },
  {
    id: 'utgatt',
    ruleId: 'samtycke_utgatt',
    title: { sv: 'Samverkan med utgånget samtycke: nej', en: 'Collaboration with an expired consent: no' },
    question: q({ to: party('skola'), consent: 'expired' }),
    expect: { allowed: false, ruleId: 'samtycke_utgatt' },
  },
  {
    id: 'omfattar_inte',
    ruleId: 'samtycke_omfattar_inte',
    title: { sv: 'Samtycke som inte omfattar mottagaren: nej', en: 'Consent that does not cover the recipient: no' },
    question: q({ to: party('skola'), consent: 'out_of_scope' }),
    expect: { allowed: false, ruleId: 'samtycke_omfattar_inte' },
  },
  {
    id: 'samtycke',
    ruleId: 'samtycke_inom_ramen',
    title: { sv: 'Samverkan med samtycke som omfattar mottagaren: ja', en: 'Collaboration with consent covering the recipient: yes' },
    question: q({ to: party('skola'), consent: 'in_scope' }),
    expect: { allowed: true, ruleId: 'samtycke_inom_ramen' },
  },
  {
    id: 'statistik_over_k',
    ruleId: 'aggregerad_statistik_over_k',
    title: { sv: 'Statistik med alla tal ≥ k till lägesbilden: ja', en: 'Statistics with every count ≥ k for the lägesbild: yes' },
    question: q({ to: party('annan'), category: 'aggregerad_statistik', purpose: 'lagesbild', aggregatePassesThreshold: true }),
    expect: { allowed: true, ruleId: 'aggregerad_statistik_over_k' },
  },
  {
    id: 'statistik_under_k',
    ruleId: 'aggregerad_statistik_over_k',
    title: { sv: 'Statistik över brott med tal under k: räknas som brottsuppgifter, nej', en: 'Crime statistics with counts below k: count as crime data, no' },
    question: q({ from: party('polis'), to: party('forening'), category: 'aggregerad_statistik', aggregateOf: 'polis', purpose: 'lagesbild' }),
    expect: { allowed: false, ruleId: 'brottsuppgifter_endast_myndighet' },
  },
  {
    id: 'oro_skola_2025_06_30',
    ruleId: 'anmalningsskyldighet',
    title: { sv: 'Skolan anmäler oro för en 12-åring 2025-06-30: ja, SoL (2001:453) 14 kap. 1 §', en: 'School reports a concern about a 12-year-old on 2025-06-30: yes, SoL (2001:453) ch. 14 s. 1' },
    question: q({ from: party('skola'), to: party('socialtjanst'), category: 'skola', purpose: 'orosanmalan', personAge: 12, on: '2025-06-30' }),
    expect: { allowed: true, ruleId: 'anmalningsskyldighet' },
  },
  {
    id: 'oro_skola_2025_07_01',
    ruleId: 'anmalningsskyldighet_sol_2025',
    title: { sv: 'Skolan anmäler oro för en 12-åring 2025-07-01: ja, ny socialtjänstlag (paragraf ej bekräftad)', en: 'School reports a concern about a 12-year-old on 2025-07-01: yes, new Social Services Act (paragraph unconfirmed)' },
    question: q({ from: party('skola'), to: party('socialtjanst'), category: 'skola', purpose: 'orosanmalan', personAge: 12, on: '2025-07-01' }),
    expect: { allowed: true, ruleId: 'anmalningsskyldighet_sol_2025' },
  },
  {
    id: 'oro_forening_2025_06_30',
    ruleId: 'alla_far_anmala_oro',
    title: { sv: 'Föreningen anmäler oro 2025-06-30: ja, 14 kap. 1 c §', en: 'An association reports a concern on 2025-06-30: yes, ch. 14 s. 1 c' },
    question: q({ from: party('forening'), to: party('socialtjanst'), category: 'fritid', purpose: 'orosanmalan', personAge: 12, on: '2025-06-30' }),
    expect: { allowed: true, ruleId: 'alla_far_anmala_oro' },
  },
  {
    id: 'oro_forening_2025_07_01',
    ruleId: 'alla_far_anmala_oro_sol_2025',
    title: { sv: 'Föreningen anmäler oro 2025-07-01: ja, ny socialtjänstlag (ej bekräftad)', en: 'An association reports a concern on 2025-07-01: yes, new Social Services Act (unconfirmed)' },
    question: q({ from: party('forening'), to: party('socialtjanst'), category: 'fritid', purpose: 'orosanmalan', personAge: 12, on: '2025-07-01' }),
    expect: { allowed: true, ruleId: 'alla_far_anmala_oro_sol_2025' },
  },
  {
    id: 'oro_vuxen_2025_06_30',
    ruleId: 'orosanmalan_galler_barn',
    title: { sv: 'Skolan vill göra en orosanmälan om en 19-åring 2025-06-30: nej, anmälan gäller barn', en: 'School wants to report a concern about a 19-year-old on 2025-06-30: no, reports are about children' },
    question: q({ from: party('skola'), to: party('socialtjanst'), category: 'skola', purpose: 'orosanmalan', personAge: 19, on: '2025-06-30' }),
    expect: { allowed: false, ruleId: 'orosanmalan_galler_barn' },
  },
  {
    id: 'oro_vuxen_2025_07_01',
    ruleId: 'orosanmalan_galler_barn_sol_2025',
    title: { sv: 'Orosanmälan om en 18-åring 2025-07-01: nej (ny socialtjänstlag, ej bekräftad)', en: 'Report of concern about an 18-year-old on 2025-07-01: no (new Social Services Act, unconfirmed)' },
    question: q({ from: party('skola'), to: party('socialtjanst'), category: 'skola', purpose: 'orosanmalan', personAge: 18, on: '2025-07-01' }),
    expect: { allowed: false, ruleId: 'orosanmalan_galler_barn_sol_2025' },
  },
];

/** The worked examples for one rule. */
export function examplesFor(ruleId: string): SharingExample[] {
  return SHARING_EXAMPLES.filter((example) => example.ruleId === ruleId);
}
