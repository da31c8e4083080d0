import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { ROLE_KEYS } from '../../../shared/roles';
import { LAGESBILD_NO_READ_ROLES } from '../../../shared/lagesbild';

/**
 * The weekly lägesbild, the place actions and the yearly action plan (issue 14): every partner's staff
 * reads them (the analyst with small counts suppressed; that is the server's decision), the log
 * reviewer does not. Who writes, closes, sends and decides comes with each answer (abilities).
 */
const readers = ROLE_KEYS.filter((role) => !(LAGESBILD_NO_READ_ROLES as readonly string[]).includes(role));

export const lagesbildRoutes: AppRoute[] = [
  { path: '/lagesbild', component: lazy(() => import('./WeekPage')), access: 'member', roles: readers, nav: { label: 'common:nav.lagesbild', order: 47 } },
  { path: '/lagesbild/:week', component: lazy(() => import('./WeekPage')), access: 'member', roles: readers },
  { path: '/lagesbild/atgarder', component: lazy(() => import('./ActionsPage')), access: 'member', roles: readers },
  { path: '/lagesbild/atgarder/ny', component: lazy(() => import('./NewActionPage')), access: 'member', roles: readers },
  { path: '/lagesbild/atgarder/:actionId', component: lazy(() => import('./ActionPage')), access: 'member', roles: readers },
  { path: '/lagesbild/atgardsplan/:year', component: lazy(() => import('./PlanPage')), access: 'member', roles: readers },
];
