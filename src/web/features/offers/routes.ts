import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { PUBLIC_OFFERS_PATH } from '../../../shared/offers';
import { OFFER_PATHS } from './queries';

/**
 * The insatskatalog (issue 15 §3): every member reads it; who may add and change offers comes with each
 * answer (abilities). "Vad finns att göra?" is public, in the five languages of the public form.
 */
export const offerRoutes: AppRoute[] = [
  { path: OFFER_PATHS.list, component: lazy(() => import('./OffersPage')), access: 'member', nav: { label: 'common:nav.insatser', order: 49 } },
  { path: OFFER_PATHS.create, component: lazy(() => import('./OfferFormPage')), access: 'member' },
  { path: '/insatser/:offerId', component: lazy(() => import('./OfferPage')), access: 'member' },
  { path: '/insatser/:offerId/andra', component: lazy(() => import('./OfferFormPage')), access: 'member' },
  { path: PUBLIC_OFFERS_PATH, component: lazy(() => import('./PublicOffersPage')), access: 'public' },
];
