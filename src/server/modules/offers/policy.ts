import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { OFFER_COORDINATOR_ROLES, OFFER_NO_WRITE_ROLES } from '../../../shared/offers';

/**
 * An offer; `id` null is the collection. `providerOrganisationId` is the provider of the offer (for the
 * collection: the provider a new offer would have, or null when none is named yet).
 */
export interface OfferResource {
  kind: 'offer';
  tenantId: string;
  id: string | null;
  providerOrganisationId: string | null;
}

const coordinator = (actor: Actor) => hasRole(actor, ...OFFER_COORDINATOR_ROLES);
/** The provider's own staff, or a coordinator; never the roles whose work is elsewhere. */
const writer = (actor: Actor, offer: OfferResource) =>
  !hasRole(actor, ...OFFER_NO_WRITE_ROLES) &&
  (coordinator(actor) || (offer.providerOrganisationId !== null && offer.providerOrganisationId === actor.organisationId));

/**
 * Every member reads the catalogue: knowing what there is to refer to is the point. The provider
 * organisation's staff and the coordinators create, change and archive its offers.
 */
export const offerRules: Rules<OfferResource> = {
  read: () => true,
  create: (actor, offer) =>
    offer.id === null && !hasRole(actor, ...OFFER_NO_WRITE_ROLES) && (coordinator(actor) || offer.providerOrganisationId === null || offer.providerOrganisationId === actor.organisationId),
  update: (actor, offer) => offer.id !== null && writer(actor, offer),
  archive: (actor, offer) => offer.id !== null && writer(actor, offer),
};

/** A new offer for `providerOrganisationId`: create asks this, with the provider named. */
export const offerResource = (tenantId: string, row: { id: string | null; providerOrganisationId: string | null } | null): OfferResource => ({
  kind: 'offer',
  tenantId,
  id: row?.id ?? null,
  providerOrganisationId: row?.providerOrganisationId ?? null,
});
