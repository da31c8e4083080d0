import { applicableRules } from '../../../shared/sharing-engine';
import type { SharingRuleList } from '../../../shared/sharing-rules';

/** The rules in force on a date, as the API shows them: everything but the machine condition. */
export function presentRulesInForce(on?: string): SharingRuleList {
  return {
    rules: applicableRules(on).map(({ id, effect, title, source, validFrom, validTo, explanation, reviewNote }) => ({
      id,
      effect,
      title,
      source,
      validFrom,
      validTo,
      explanation,
      reviewNote: reviewNote ?? null,
    })),
  };
}
