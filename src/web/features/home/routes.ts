import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';

export const homeRoutes: AppRoute[] = [{ path: paths.home, component: lazy(() => import('./HomePage')), access: 'member', nav: { label: 'common:nav.home', order: 0 } }];
