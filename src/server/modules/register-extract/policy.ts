import { hasRole, type Rules } from '../../policy/rules';

/** Everything held about one person, for the person's right of access (registerutdrag, art. 15 GDPR). */
export interface RegisterExtractResource {
  kind: 'register_extract';
  tenantId: string;
  id: string;
}

/**
 * Producing it reads every record about the person, whoever wrote it: not a case worker's task but
 * the log reviewer's, who already sees the access log and finds the person on their person page.
 * Not the administrator's (issue 12): that role sees no information about children and has no
 * person search.
 */
export const registerExtractRules: Rules<RegisterExtractResource> = {
  produce: (actor) => hasRole(actor, 'loggranskare'),
};

export const registerExtractResource = (tenantId: string, personId: string): RegisterExtractResource => ({ kind: 'register_extract', tenantId, id: personId });
