import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { EVENT_CATEGORY_ADMIN_ROLES, EVENT_REPORT_WRITER_ROLES } from '../../../shared/event-reports';
import { EVENT_IMPORT_ROLES } from '../../../shared/event-import';
import { EVENT_PAGES } from './queries';

/**
 * Event reports (issue 14 §1). "Rapportera händelse" is `public` to the route gate for the same
 * reason as the field report (it must open offline): the page gates itself, online as the gate
 * would, offline for the user whose profile the phone kept. The list, an event and the import need
 * the server and are gated as usual; the server still decides who sees and reviews what.
 */
export const eventReportRoutes: AppRoute[] = [
  { path: EVENT_PAGES.list, component: lazy(() => import('./EventsPage')), access: 'member', roles: EVENT_REPORT_WRITER_ROLES, nav: { label: 'common:nav.handelser', order: 36 } },
  {
    path: EVENT_PAGES.report,
    component: lazy(() => import('./ReportEventPage')),
    access: 'public',
    roles: EVENT_REPORT_WRITER_ROLES,
    quickLink: { label: 'common:nav.rapporteraHandelse', description: 'common:nav.rapporteraHandelseDescription', order: 8 },
  },
  { path: EVENT_PAGES.import, component: lazy(() => import('./ImportPage')), access: 'member', roles: EVENT_IMPORT_ROLES },
  // Everyone who reports reads the categories; the administrator (who does not report) manages them too.
  { path: EVENT_PAGES.categories, component: lazy(() => import('./CategoriesPage')), access: 'member', roles: [...new Set([...EVENT_REPORT_WRITER_ROLES, ...EVENT_CATEGORY_ADMIN_ROLES])] },
  { path: '/handelser/:id', component: lazy(() => import('./EventPage')), access: 'member', roles: EVENT_REPORT_WRITER_ROLES },
];
