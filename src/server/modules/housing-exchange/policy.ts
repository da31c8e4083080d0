import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { EXCHANGE_OFFICER_ROLE } from '../../../shared/housing-exchange';

/**
 * The housing exchange (issue 16 §1). Only exchange officers see it: a membership with the role
 * utbytessamordnare that the administrator's participation decision names, in a tenant that takes part.
 * Nobody else, administrators included: 403 on a collection, 404 on a record. `id` null is a collection.
 */
export interface HousingExchangeResource {
  kind: 'housing_exchange';
  tenantId: string;
  id: string | null;
  /** The actor's membership is named in this tenant's participation, and the tenant participates. */
  namedOfficer: boolean;
}

/** The participation decision (one per tenant): the administrator's, read also by the named officers. */
export interface ExchangeParticipationResource {
  kind: 'exchange_participation';
  tenantId: string;
  id: null;
  namedOfficer: boolean;
}

const officer = (actor: Actor, resource: { namedOfficer: boolean }) => hasRole(actor, EXCHANGE_OFFICER_ROLE) && resource.namedOfficer;

export const housingExchangeRules: Rules<HousingExchangeResource> = {
  list: (actor, r) => r.id === null && officer(actor, r),
  create: (actor, r) => r.id === null && officer(actor, r),
  read: (actor, r) => r.id !== null && officer(actor, r),
  act: (actor, r) => r.id !== null && officer(actor, r),
};

export const exchangeParticipationRules: Rules<ExchangeParticipationResource> = {
  read: (actor, r) => hasRole(actor, 'administrator') || officer(actor, r),
  manage: (actor) => hasRole(actor, 'administrator'),
};

export const exchangeCollection = (tenantId: string, namedOfficer: boolean): HousingExchangeResource => ({ kind: 'housing_exchange', tenantId, id: null, namedOfficer });
export const exchangeRecord = (tenantId: string, id: string, namedOfficer: boolean): HousingExchangeResource => ({ kind: 'housing_exchange', tenantId, id, namedOfficer });
