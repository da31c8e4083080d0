import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { FIELD_REPORT_PATHS, FIELD_REPORT_WRITER_ROLES } from '../../../shared/field-reports';

/**
 * The field report. `public` to the route gate on purpose: the gate asks the server who is signed in,
 * and a phone without a connection cannot ask. The page does its own gating (FieldReportGate): online
 * it requires the session and a field role as the gate would; offline it opens the form for the user
 * whose profile the phone kept, and what it writes is only sent under that user's session.
 */
export const fieldReportRoutes: AppRoute[] = [
  {
    path: FIELD_REPORT_PATHS.page,
    component: lazy(() => import('./FieldReportPage')),
    access: 'public',
    roles: FIELD_REPORT_WRITER_ROLES,
    nav: { label: 'common:nav.faltrapport', order: 35 },
    quickLink: { label: 'common:nav.faltrapport', description: 'home:quickLinks.faltrapport', order: 7 },
  },
];
