import type { Rules } from '../../policy/rules';

/** The guide "Får vi dela?" as a whole: it holds no personal data, so there is no record id. */
export interface SharingGuideResource {
  kind: 'sharing_guide';
  tenantId: string;
  id: null;
}

/**
 * Every member may ask the guide and read its rules: the questions carry no personal data, and knowing
 * the law is what keeps the others from sharing too much. The tenant check in `can()` still applies.
 */
export const sharingGuideRules: Rules<SharingGuideResource> = {
  ask: () => true,
  listRules: () => true,
};
