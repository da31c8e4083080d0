import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import type { Role } from '../../../shared/roles';

/**
 * The housing exchange between municipalities (issue 16): its pages are for the exchange officer
 * (utbytessamordnare) only, and only that role gets the navigation entry. The administrator has the
 * participation page under administration (no navigation entry: it is linked from there). The
 * server decides what anyone gets; for everyone else the routes answer as if they did not exist.
 */
// Written out rather than imported from shared/housing-exchange: this list is in the first page's bundle,
// and that module brings zod schemas and the 290 municipalities with it.
const officer: readonly Role[] = ['utbytessamordnare'];

export const housingExchangeRoutes: AppRoute[] = [
  {
    path: '/bostadsutbyte',
    component: lazy(() => import('./ExchangeStartPage')),
    access: 'member',
    roles: officer,
    nav: { label: 'common:nav.bostadsutbyte', order: 47 },
    quickLink: { label: 'common:nav.bostadsutbyte', description: 'common:nav.bostadsutbyteDescription', order: 20 },
  },
  { path: '/bostadsutbyte/behov/nytt', component: lazy(() => import('./NewRequestPage')), access: 'member', roles: officer },
  { path: '/bostadsutbyte/behov/:requestId', component: lazy(() => import('./RequestPage')), access: 'member', roles: officer },
  { path: '/bostadsutbyte/inkommande/:requestId', component: lazy(() => import('./IncomingRequestPage')), access: 'member', roles: officer },
  { path: '/bostadsutbyte/erbjudanden/nytt', component: lazy(() => import('./NewOfferPage')), access: 'member', roles: officer },
  { path: '/bostadsutbyte/matchningar/:matchId', component: lazy(() => import('./MatchPage')), access: 'member', roles: officer },
  { path: '/administration/bostadsutbyte', component: lazy(() => import('./ParticipationPage')), access: 'member', roles: ['administrator'] },
];
