import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { sharingRuleReview } from '../../db/schema';
import { SHARING_RULES, ruleVersion, type RuleReviewState, type SharingRule } from '../../../shared/sharing-rules';
import { examplesFor } from '../../../shared/sharing-examples';
import { evaluateSharing } from '../../../shared/sharing-engine';
import type { RuleReviewList, SharingRuleList } from '../../../shared/sharing-rules';

export type ReviewRow = typeof sharingRuleReview.$inferSelect;

/** The tenant's review rows, by rule id. */
export async function loadReviews(tx: Tx, tenantId: string): Promise<Map<string, ReviewRow>> {
  const rows = await tx.select().from(sharingRuleReview).where(eq(sharingRuleReview.tenantId, tenantId));
  return new Map(rows.map((row) => [row.ruleId, row]));
}

/** The rules counsel has disabled for the tenant. */
export function disabledIds(reviews: ReadonlyMap<string, ReviewRow>): Set<string> {
  return new Set([...reviews.values()].filter((row) => row.disabled).map((row) => row.ruleId));
}

/** Reviewed (this version), changed since review (another version was reviewed), or not reviewed. */
export function reviewStateOf(rule: SharingRule, row: ReviewRow | undefined): RuleReviewState {
  if (!row?.reviewedVersion) return 'not_reviewed';
  return row.reviewedVersion === ruleVersion(rule) ? 'reviewed' : 'changed_since_review';
}

const isoDay = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

function summaryOf(rule: SharingRule) {
  const { id, effect, title, source, validFrom, validTo, explanation, reviewNote, unconfirmed, history } = rule;
  return { id, effect, title, source, validFrom, validTo, explanation, reviewNote: reviewNote ?? null, unconfirmed: unconfirmed === true, history: history ?? null, version: ruleVersion(rule) };
}

/** The rules in force on a date for the guide: the tenant's disabled rules left out. */
export function presentRulesInForce(on: string, disabled: ReadonlySet<string>, youngPersonConsentAge: number): SharingRuleList {
  const rules = SHARING_RULES.filter((rule) => rule.validFrom <= on && (rule.validTo === null || on <= rule.validTo) && !disabled.has(rule.id));
  return { rules: rules.map(summaryOf), youngPersonConsentAge };
}

/** Every rule, with the tenant's review and the worked examples (tests) that cover it, and whether each passes now. */
export function presentReview(reviews: ReadonlyMap<string, ReviewRow>): RuleReviewList {
  return {
    rules: SHARING_RULES.map((rule) => {
      const row = reviews.get(rule.id);
      return {
        ...summaryOf(rule),
        review: {
          state: reviewStateOf(rule, row),
          reviewedVersion: row?.reviewedVersion ?? null,
          reviewedByName: row?.reviewedByName ?? null,
          reviewedAt: row?.reviewedAt?.toISOString() ?? null,
          comment: row?.reviewComment ?? null,
          disabled: row?.disabled ?? false,
          disabledByName: row?.disabled ? (row.disabledByName ?? null) : null,
          disabledAt: row?.disabled ? (row.disabledAt?.toISOString() ?? null) : null,
          disabledReason: row?.disabled ? (row.disabledReason ?? null) : null,
        },
        examples: examplesFor(rule.id).map((example) => ({
          id: example.id,
          titleSv: example.title.sv,
          titleEn: example.title.en,
          allowed: evaluateSharing(example.question).allowed,
          on: example.question.on ?? '',
        })),
      };
    }),
  };
}

/** The review of the decisive rule, as the answer shows it: "granskad av … 2026-…" or "ej granskad". */
export function answerReview(ruleId: string, reviews: ReadonlyMap<string, ReviewRow>) {
  const rule = SHARING_RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) return null;
  const row = reviews.get(ruleId);
  const state = reviewStateOf(rule, row);
  return { state, reviewedByName: state === 'not_reviewed' ? null : (row?.reviewedByName ?? null), reviewedOn: state === 'not_reviewed' ? null : isoDay(row?.reviewedAt ?? null) };
}
