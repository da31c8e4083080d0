import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { PRESENCE_PATHS } from './queries';

/**
 * Every member reads the presence plan; what each sees of it is the server's decision (an entry's
 * visibility), and whether they may plan comes with the answer (abilities).
 */
export const presenceRoutes: AppRoute[] = [
  {
    path: PRESENCE_PATHS.week,
    component: lazy(() => import('./WeekPlanPage')),
    access: 'member',
    nav: { label: 'common:nav.narvaroplan', order: 46 },
  },
  { path: PRESENCE_PATHS.coverage, component: lazy(() => import('./CoveragePage')), access: 'member' },
  { path: PRESENCE_PATHS.holidays, component: lazy(() => import('./SchoolHolidaysPage')), access: 'member' },
  { path: PRESENCE_PATHS.newEntry, component: lazy(() => import('./EntryPage')), access: 'member' },
  { path: `${PRESENCE_PATHS.week}/:entryId`, component: lazy(() => import('./EntryPage')), access: 'member' },
];
