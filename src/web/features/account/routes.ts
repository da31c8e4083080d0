import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';

export const accountRoutes: AppRoute[] = [
  {
    path: paths.account,
    component: lazy(() => import('./AccountPage')),
    access: 'session',
    quickLink: { label: 'common:nav.account', description: 'home:quickLinks.account', order: 90 },
  },
];
