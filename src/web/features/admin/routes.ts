import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';

export const adminRoutes: AppRoute[] = [
  {
    path: paths.admin,
    component: lazy(() => import('./AdminPage')),
    access: 'member',
    roles: ['administrator'],
    nav: { label: 'common:nav.admin', order: 80 },
    quickLink: { label: 'common:nav.admin', description: 'home:quickLinks.admin', order: 10 },
  },
  {
    path: `${paths.admin}/organisationer/:organisationId`,
    component: lazy(() => import('./OrganisationPage')),
    access: 'member',
    roles: ['administrator'],
  },
  {
    path: `${paths.admin}/anvandare/:userId`,
    component: lazy(() => import('./UserPage')),
    access: 'member',
    roles: ['administrator'],
  },
];
