import type { Rules } from '../../policy/rules';
import { ATTENTION_CARD_ROLES, type AttentionCardId } from '../../../shared/attention';

/**
 * One card of the start page for the actor. The card only says which kind of work is listed; every item
 * in it is also checked against its own module's rules (concern `read`, case `read` with the sections
 * the engine allows, membership `list`), so a card never shows what its module would refuse.
 */
export interface AttentionResource {
  kind: 'attention';
  tenantId: string;
  id: null;
  card: AttentionCardId;
}

export const attentionResource = (tenantId: string, card: AttentionCardId): AttentionResource => ({ kind: 'attention', tenantId, id: null, card });

export const attentionRules: Rules<AttentionResource> = {
  read: (actor, resource) => ATTENTION_CARD_ROLES[resource.card].includes(actor.role),
};
