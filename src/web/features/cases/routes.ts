import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';

/** Everyone who can sit on an SSPF team. What each of them sees of a case is the server's decision. */
export const CASE_ROLES = [
  'koordinator',
  'handlaggare',
  'mottagning',
  'skolpersonal',
  'polis',
  'fritidsledare',
  'faltassistent',
  'foreningsnyckelperson',
  'naringsidkare',
  'mvc_bvc',
  'mentor',
] as const;

export const caseRoutes: AppRoute[] = [
  {
    path: paths.cases,
    component: lazy(() => import('./CasesPage')),
    access: 'member',
    roles: CASE_ROLES,
    nav: { label: 'common:nav.cases', order: 30 },
    quickLink: {
      label: 'common:nav.cases',
      description: 'home:quickLinks.cases',
      order: 5,
    },
  },
  {
    path: `${paths.cases}/:id`,
    component: lazy(() => import('./CasePage')),
    access: 'member',
    roles: CASE_ROLES,
  },
];
