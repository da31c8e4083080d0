import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The tenant's legal review of the sharing guide's rules (issue 17 §3). Constraints and RLS are in
 * migration 0043_sharing_rule_review.sql. A rule with no row is "not reviewed" and enabled.
 */
export const sharingRuleReview = pgTable(
  'sharing_rule_review',
  {
    tenantId: uuid('tenant_id').notNull(),
    ruleId: text('rule_id').notNull(),
    reviewedVersion: text('reviewed_version'),
    reviewedBy: text('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    disabled: boolean('disabled').notNull().default(false),
    disabledBy: text('disabled_by'),
    disabledByName: text('disabled_by_name'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ruleId] })],
);
