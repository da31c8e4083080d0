import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { PLACES_PATHS } from '../../../shared/places';

/** Every member of the tenant reads the places; the server decides who may edit (abilities). */
export const placesRoutes: AppRoute[] = [
  {
    path: PLACES_PATHS.places,
    component: lazy(() => import('./PlacesPage')),
    access: 'member',
    nav: { label: 'common:nav.platser', order: 45 },
  },
  { path: PLACES_PATHS.areas, component: lazy(() => import('./AreasPage')), access: 'member' },
  { path: `${PLACES_PATHS.places}/ny`, component: lazy(() => import('./PlacePage')), access: 'member' },
  { path: `${PLACES_PATHS.places}/:placeId`, component: lazy(() => import('./PlacePage')), access: 'member' },
];
