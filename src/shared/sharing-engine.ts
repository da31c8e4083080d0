import { isCrimeData, sharingQuestionSchema, type ParsedSharingQuestion, type SharingAnswer, type SharingQuestion } from './sharing';
import { NO_BASIS, SHARING_RULES, ruleVersion, type RuleCondition, type SharingRule } from './sharing-rules';

/**
 * The lawful-sharing engine: may this information go from this organisation to that one, and on what
 * legal basis? Pure (no I/O); the only clock it reads is for the default date. Any applying denial
 * wins; otherwise the first applying permission; otherwise secrecy holds (`ingen_grund`).
 */
export function evaluateSharing(question: SharingQuestion, rules: readonly SharingRule[] = SHARING_RULES): SharingAnswer {
  const parsed = sharingQuestionSchema.parse(question);
  if (parsed.category === 'aggregerad_statistik' && !parsed.aggregatePassesThreshold) return evaluateAsUnderlying(parsed, rules);
  const inForce = rulesInForce(rules, parsed.on ?? todayInStockholm());
  const considered = inForce.map((rule) => ({ ruleId: rule.id, effect: rule.effect, applied: conditionHolds(rule.when, parsed) }));
  const applying = inForce.filter((_, index) => considered[index]!.applied);
  const decisive = applying.find((rule) => rule.effect === 'deny') ?? applying.find((rule) => rule.effect === 'allow');
  // A note never decides; it tells the user about law the guide does not apply (and whether it is confirmed).
  const notes = applying.filter((rule) => rule.effect === 'note').map((rule) => ({ ruleId: rule.id, sv: rule.explanation.sv, en: rule.explanation.en, unconfirmed: rule.unconfirmed === true }));
  if (!decisive) {
    return {
      allowed: false,
      ruleId: NO_BASIS.ruleId,
      basis: NO_BASIS.basis,
      explanationSv: NO_BASIS.explanation.sv,
      explanationEn: NO_BASIS.explanation.en,
      source: { ...NO_BASIS.source },
      considered,
      ruleVersion: null,
      unconfirmed: false,
      notes,
      review: null,
      consentFinding: null,
    };
  }
  return {
    allowed: decisive.effect === 'allow',
    ruleId: decisive.id,
    basis: basisOf(decisive),
    explanationSv: decisive.explanation.sv,
    explanationEn: decisive.explanation.en,
    source: { ...decisive.source },
    considered,
    ruleVersion: ruleVersion(decisive),
    unconfirmed: decisive.unconfirmed === true,
    notes,
    review: null,
    consentFinding: null,
  };
}

/** The rule set without the rules a tenant's counsel has disabled. */
export function enabledRules(disabledRuleIds: ReadonlySet<string>, rules: readonly SharingRule[] = SHARING_RULES): SharingRule[] {
  return rules.filter((rule) => !disabledRuleIds.has(rule.id));
}

/**
 * A table with a count below k can point at someone, so it is the data it counts: the answer is the one
 * for the underlying category, with a sentence saying why. Without the underlying category, no basis.
 */
function evaluateAsUnderlying(parsed: ParsedSharingQuestion, rules: readonly SharingRule[]): SharingAnswer {
  const note = {
    sv: 'Tabellen har tal under k och räknas därför som de uppgifter den bygger på. ',
    en: 'The table has counts below k and therefore counts as the data it is made from. ',
  };
  if (parsed.aggregateOf === undefined) {
    return {
      allowed: false,
      ruleId: NO_BASIS.ruleId,
      basis: NO_BASIS.basis,
      explanationSv: note.sv + NO_BASIS.explanation.sv,
      explanationEn: note.en + NO_BASIS.explanation.en,
      source: { ...NO_BASIS.source },
      considered: [],
      ruleVersion: null,
      unconfirmed: false,
      notes: [],
      review: null,
      consentFinding: null,
    };
  }
  const answer = evaluateSharing({ ...parsed, category: parsed.aggregateOf, aggregatePassesThreshold: false, aggregateOf: undefined }, rules);
  return { ...answer, explanationSv: note.sv + answer.explanationSv, explanationEn: note.en + answer.explanationEn };
}

/** The rules in force on a date (YYYY-MM-DD, default today in Sweden), in list order. */
export function applicableRules(on: string = todayInStockholm(), rules: readonly SharingRule[] = SHARING_RULES): SharingRule[] {
  return rulesInForce(rules, on);
}

/** How a rule's source is written into the answer and the audit event: "OSL 10 kap. 18 a §". */
export function basisOf(rule: Pick<SharingRule, 'source'>): string {
  return `${rule.source.law} ${rule.source.reference}`;
}

/** ISO dates compare correctly as strings; `validTo` is the last day the rule applies. */
function rulesInForce(rules: readonly SharingRule[], on: string): SharingRule[] {
  return rules.filter((rule) => rule.validFrom <= on && (rule.validTo === null || on <= rule.validTo));
}

function conditionHolds(when: RuleCondition, question: ParsedSharingQuestion): boolean {
  const checks: boolean[] = [
    when.fromTypes === undefined || when.fromTypes.includes(question.from.type),
    when.toTypes === undefined || when.toTypes.includes(question.to.type),
    when.fromAuthority === undefined || when.fromAuthority === question.from.isAuthority,
    when.toAuthority === undefined || when.toAuthority === question.to.isAuthority,
    when.maxAgeExclusive === undefined || question.personAge < when.maxAgeExclusive,
    when.minAge === undefined || question.personAge >= when.minAge,
    when.categories === undefined || when.categories.includes(question.category),
    when.purposes === undefined || when.purposes.includes(question.purpose),
    when.consent === undefined || when.consent.includes(question.consent),
    when.crimeData === undefined || when.crimeData === crimeDataIn(question),
    when.aggregatePassesThreshold === undefined || when.aggregatePassesThreshold === question.aggregatePassesThreshold,
    when.protectedIdentity === undefined || when.protectedIdentity === question.protectedIdentity,
    when.coordinatorDecision === undefined || when.coordinatorDecision === question.coordinatorDecision,
    when.osl18aConditions === undefined || when.osl18aConditions === (question.riskOfCrime && question.canPrevent),
  ];
  return checks.every(Boolean);
}

/** Counts above k about crime are not data about anyone's offences (GDPR art. 10 needs a person). */
function crimeDataIn(question: ParsedSharingQuestion): boolean {
  if (question.category === 'aggregerad_statistik' && question.aggregatePassesThreshold) return false;
  return isCrimeData(question.category, question.crimeData);
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Sweden: the day a rule takes effect is a Swedish calendar day, whatever the server's zone. */
export function todayInStockholm(now: Date = new Date()): string {
  return stockholmDate.format(now);
}
