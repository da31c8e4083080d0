import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { REFERRAL_BVC_ROLES, REFERRAL_NO_PROVIDER_ROLES, type ReferralStatus } from '../../../shared/referrals';

/**
 * A referral; `id` null is the collection (the inbox, a new BVC referral, the figures). A referral made
 * from a plan carries its case's director (the referring side); one made by BVC/MVC has none, and its
 * referring side is the BVC staff of the referring organisation.
 */
export interface ReferralResource {
  kind: 'referral';
  tenantId: string;
  id: string | null;
  status: ReferralStatus | null;
  providerOrganisationId: string | null;
  referringOrganisationId: string | null;
  /** The case's director and the organisation the case is run from; null for a referral without a case. */
  directorUserId: string | null;
  caseOwnerOrganisationId: string | null;
}

/** The provider organisation's staff: whoever works there, except the roles whose work is elsewhere. */
export const isProviderStaff = (actor: Actor, r: Pick<ReferralResource, 'providerOrganisationId'>) =>
  r.providerOrganisationId !== null && r.providerOrganisationId === actor.organisationId && !hasRole(actor, ...REFERRAL_NO_PROVIDER_ROLES);

/** The referring side: the case's director, or for a referral without a case the BVC/MVC staff who made it. */
export const isReferrer = (actor: Actor, r: ReferralResource) =>
  r.id !== null &&
  (r.directorUserId !== null
    ? r.directorUserId === actor.userId && r.caseOwnerOrganisationId === actor.organisationId
    : r.referringOrganisationId === actor.organisationId && hasRole(actor, ...REFERRAL_BVC_ROLES));

const provider = (actor: Actor, r: ReferralResource) => r.id !== null && isProviderStaff(actor, r);
const running = (r: ReferralResource) => r.status === 'accepterad' || r.status === 'paborjad';

export const referralRules: Rules<ReferralResource> = {
  /** Everyone may ask for their lists; each holds only what they reach. */
  list: () => true,
  /** The per-offer figures and placements per business: suppressed for everyone but the coordinators. */
  readFigures: () => true,
  createParent: (actor, r) => r.id === null && hasRole(actor, ...REFERRAL_BVC_ROLES),
  read: (actor, r) => provider(actor, r) || isReferrer(actor, r),
  answer: (actor, r) => provider(actor, r) && r.status === 'vantar_svar',
  progress: (actor, r) => provider(actor, r) && running(r),
  reportOutcome: (actor, r) => provider(actor, r) && running(r),
};

export const referralsResource = (tenantId: string): ReferralResource => ({
  kind: 'referral',
  tenantId,
  id: null,
  status: null,
  providerOrganisationId: null,
  referringOrganisationId: null,
  directorUserId: null,
  caseOwnerOrganisationId: null,
});
