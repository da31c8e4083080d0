import { hasRole, type Rules } from '../../policy/rules';

/** The guide "Får vi dela?" as a whole: it holds no personal data, so there is no record id. */
export interface SharingGuideResource {
  kind: 'sharing_guide';
  tenantId: string;
  id: null;
}

/**
 * Every member may ask the guide and read its rules: the questions carry no personal data, and knowing
 * the law is what keeps the others from sharing too much. Only the tenant's jurist reads the review
 * (every rule with its review and tests), reviews rules and disables them for the tenant (issue 17 §3).
 * The tenant check in `can()` still applies.
 */
export const sharingGuideRules: Rules<SharingGuideResource> = {
  ask: () => true,
  listRules: () => true,
  readReview: (actor) => hasRole(actor, 'jurist'),
  review: (actor) => hasRole(actor, 'jurist'),
  disable: (actor) => hasRole(actor, 'jurist'),
};
