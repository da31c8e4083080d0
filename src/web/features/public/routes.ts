import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { CONCERN_PATHS } from '../../../shared/concerns';

/** The public side of the concern channel: no sign-in. */
export const publicConcernRoutes: AppRoute[] = [
  {
    path: CONCERN_PATHS.publicForm,
    component: lazy(() => import('./OroFormPage')),
    access: 'public',
  },
  {
    path: CONCERN_PATHS.publicStatus,
    component: lazy(() => import('./StatusPage')),
    access: 'public',
  },
  {
    path: '/oro/forening',
    component: lazy(() => import('./AssociationGuidePage')),
    access: 'public',
  },
];
