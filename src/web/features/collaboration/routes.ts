import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';

export const collaborationTimePath = '/tid-for-samverkan';

/** Every member: the coordinator and the analyst see every organisation, everyone else their own (the server decides). */
export const collaborationRoutes: AppRoute[] = [
  {
    path: collaborationTimePath,
    component: lazy(() => import('./CollaborationTimePage')),
    access: 'member',
    nav: { label: 'common:nav.collaborationTime', order: 75 },
  },
];
