import { hasRole, type Rules } from '../../policy/rules';

/** The tenant's pinned partner installations (`id: null` for the list), issue 16 §5. */
export interface ExchangePartnerResource {
  kind: 'exchange_partner';
  tenantId: string;
  id: string | null;
}

/**
 * Pinning a partner installation is a decision to trust its key for this tenant's exchange: the
 * administrator's, as joining the exchange is. The pin holds no personal data about young people, and
 * the administrator sees nothing of the exchange's requests, offers or matches through it. Nobody else
 * governs it; the tenant check in can() keeps every administrator to their own tenant's pins.
 */
export const exchangePartnerRules: Rules<ExchangePartnerResource> = {
  read: (actor) => hasRole(actor, 'administrator'),
  create: (actor, resource) => resource.id === null && hasRole(actor, 'administrator'),
  update: (actor, resource) => resource.id !== null && hasRole(actor, 'administrator'),
  delete: (actor, resource) => resource.id !== null && hasRole(actor, 'administrator'),
};
