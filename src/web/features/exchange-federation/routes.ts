import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { EXCHANGE_FEDERATION_PATH } from './queries';

/** Administration › the housing exchange between installations: this installation's key and the pinned partners. */
export const exchangeFederationRoutes: AppRoute[] = [
  {
    path: EXCHANGE_FEDERATION_PATH,
    component: lazy(() => import('./ExchangeFederationPage')),
    access: 'member',
    roles: ['administrator'],
  },
];
