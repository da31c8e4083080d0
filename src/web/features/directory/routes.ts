import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { DIRECTORY_PATHS } from './paths';

/** Katalog: every member reads it; the server's abilities decide who may add and edit (administrators, coordinators). */
export const directoryRoutes: AppRoute[] = [
  { path: DIRECTORY_PATHS.list, component: lazy(() => import('./DirectoryPage')), access: 'member', nav: { label: 'common:nav.katalog', order: 47 } },
  { path: DIRECTORY_PATHS.newKeyPerson, component: lazy(() => import('./KeyPersonPage')), access: 'member' },
  { path: `${DIRECTORY_PATHS.keyPerson}/:keyPersonId`, component: lazy(() => import('./KeyPersonPage')), access: 'member' },
  { path: `${DIRECTORY_PATHS.organisation}/:organisationId`, component: lazy(() => import('./DirectoryOrganisationPage')), access: 'member' },
];
