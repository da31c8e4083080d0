import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { paths } from '../../app/paths';

export const auditLogRoutes: AppRoute[] = [
  {
    path: paths.auditLog,
    component: lazy(() => import('./AuditLogPage')),
    access: 'member',
    roles: ['loggranskare'],
    nav: { label: 'common:nav.auditLog', order: 81 },
    quickLink: { label: 'common:nav.auditLog', description: 'home:quickLinks.auditLog', order: 10 },
  },
  {
    path: `${paths.auditLog}/granskning`,
    component: lazy(() => import('./LogReviewPage')),
    access: 'member',
    roles: ['loggranskare'],
  },
  {
    path: `${paths.auditLog}/inloggningar`,
    component: lazy(() => import('./SignInsPage')),
    access: 'member',
    roles: ['loggranskare'],
  },
  {
    path: `${paths.auditLog}/person`,
    component: lazy(() => import('./FindPersonPage')),
    access: 'member',
    roles: ['loggranskare'],
  },
  {
    path: `${paths.auditLog}/person/:personId`,
    component: lazy(() => import('./PersonHistoryPage')),
    access: 'member',
    roles: ['loggranskare'],
  },
];
