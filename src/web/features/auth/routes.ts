import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';

export const authRoutes: AppRoute[] = [
  { path: paths.signIn, component: lazy(() => import('./SignInPage')), access: 'public' },
  { path: paths.setPassword, component: lazy(() => import('./SetPasswordPage')), access: 'public' },
  { path: paths.chooseMembership, component: lazy(() => import('./ChooseMembershipPage')), access: 'session' },
];
