import type { AppRoute } from './route-types';
import { authRoutes } from '../features/auth/routes';
import { homeRoutes } from '../features/home/routes';
import { accountRoutes } from '../features/account/routes';
import { adminRoutes } from '../features/admin/routes';
import { auditLogRoutes } from '../features/audit-log/routes';
import { publicConcernRoutes, visitorStartPage } from '../features/public/routes';
import { concernRoutes } from '../features/concerns/routes';
import { caseRoutes } from '../features/cases/routes';
import { sharingRoutes } from '../features/sharing/routes';
import { collaborationRoutes } from '../features/collaboration/routes';
import { presenceRoutes } from '../features/presence/routes';
import { fieldReportRoutes } from '../features/field-reports/routes';
import { placesRoutes } from '../features/places/routes';
import { lagesbildRoutes } from '../features/lagesbild/routes';
import { eventReportRoutes } from '../features/event-reports/routes';
import { offerRoutes } from '../features/offers/routes';
import { forumRoutes } from '../features/forums/routes';
import { mentorRoutes } from '../features/mentors/routes';
import { referralRoutes } from '../features/referrals/routes';
import { directoryRoutes } from '../features/directory/routes';
import { housingExchangeRoutes } from '../features/housing-exchange/routes';
import { exchangeFederationRoutes } from '../features/exchange-federation/routes';

/**
 * Every page of the client, in one list. A feature declares its pages in its own `routes.ts`;
 * adding a feature adds one line here. Navigation and start-page quick links are built from this list.
 */
export const appRoutes: readonly AppRoute[] = [...authRoutes, ...homeRoutes, ...accountRoutes, ...adminRoutes, ...auditLogRoutes, ...publicConcernRoutes, ...concernRoutes, ...caseRoutes, ...sharingRoutes, ...fieldReportRoutes, ...eventReportRoutes, ...placesRoutes, ...presenceRoutes, ...lagesbildRoutes, ...offerRoutes, ...forumRoutes, ...mentorRoutes, ...referralRoutes, ...collaborationRoutes, ...directoryRoutes, ...housingExchangeRoutes, ...exchangeFederationRoutes];

/** What a visitor who is not signed in sees at a path instead of the sign-in page: `/` is the public start page. */
export const visitorPages: ReadonlyMap<string, AppRoute['component']> = new Map([[visitorStartPage.path, visitorStartPage.component]]);
