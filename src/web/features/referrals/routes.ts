import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { REFERRAL_PATHS } from './queries';

/**
 * Referrals (issue 15 §4, §6): the provider's inbox of incoming referrals (every member; it holds only
 * their organisation's), and BVC/MVC's referral of a parent to parenting support without a case.
 */
export const referralRoutes: AppRoute[] = [
  { path: REFERRAL_PATHS.inbox, component: lazy(() => import('./ReferralsPage')), access: 'member', nav: { label: 'common:nav.hanvisningar', order: 50 } },
  { path: REFERRAL_PATHS.parent, component: lazy(() => import('./ParentReferralPage')), access: 'member', roles: ['mvc_bvc'] },
];
