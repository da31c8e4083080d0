import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { CONCERN_PATHS } from '../../../shared/concerns';
import { paths } from '../../app/paths';

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

/**
 * `/` for a visitor who is not signed in (a signed-in user gets their start page there): the way to the
 * concern form for someone who typed the site's address. Wired in app/router.tsx through RouteGate.
 */
export const visitorStartPage = { path: paths.home, component: lazy(() => import('./PublicStartPage')) };
