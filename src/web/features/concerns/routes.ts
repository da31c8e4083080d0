import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { CONCERN_PATHS } from '../../../shared/concerns';

/** The receiving roles' side of the concern channel. The server narrows what each role sees. */
const INBOX_ROLES = ['mottagning', 'handlaggare', 'est_rapportor', 'koordinator'] as const;

export const concernRoutes: AppRoute[] = [
  {
    path: CONCERN_PATHS.inbox,
    component: lazy(() => import('./InboxPage')),
    access: 'member',
    roles: INBOX_ROLES,
    nav: { label: 'common:nav.inbox', order: 20 },
  },
  {
    path: '/mottagning/:id',
    component: lazy(() => import('./ConcernPage')),
    access: 'member',
    roles: INBOX_ROLES,
  },
];
