import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';
import { ROLE_KEYS, ROLES } from '../../../shared/roles';

/**
 * Everyone whose work touches personal data about a child may need to know what they may share; the
 * jurist asks too, to see the answers the rules they review give (issue 17 §3).
 */
const GUIDE_ROLES = [...ROLE_KEYS.filter((role) => ROLES[role].readsPersonalData), 'jurist' as const];

export const sharingRoutes: AppRoute[] = [
  {
    path: paths.farViDela,
    component: lazy(() => import('./SharingGuidePage')),
    access: 'member',
    roles: GUIDE_ROLES,
    nav: { label: 'common:nav.farViDela', order: 40 },
    quickLink: { label: 'common:nav.farViDela', description: 'home:quickLinks.farViDela', order: 8 },
  },
  {
    path: paths.farViDelaGranskning,
    component: lazy(() => import('./RuleReviewPage')),
    access: 'member',
    roles: ['jurist'],
    nav: { label: 'common:nav.farViDelaGranskning', order: 41 },
  },
];
