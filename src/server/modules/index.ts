import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { registerHealthRoutes } from './health/routes';
import { registerSessionRoutes } from './session/routes';
import { registerOrganisationRoutes } from './organisations/routes';
import { registerUserRoutes } from './users/routes';
import { registerPersonRoutes } from './persons/routes';
import { registerRetentionRoutes } from './retention/routes';
import { registerRegisterExtractRoutes } from './register-extract/routes';
import { registerAuditLogRoutes } from './audit-log/routes';
import { registerConcernRoutes } from './concerns/routes';
import { registerNotificationRoutes } from './notifications/routes';
import { registerAssociationRoutes } from './associations/routes';
import { registerConsentRoutes } from './consents/routes';
import { registerSharingRoutes } from './sharing/routes';
import { registerCaseRoutes } from './cases/routes';
import { registerAttentionRoutes } from './attention/routes';
import { registerFieldReportRoutes } from './field-reports/routes';
import { registerPlaceRoutes } from './places/routes';
import { registerCalendarFeedRoutes } from './calendar-feeds/routes';
import { registerCollaborationRoutes } from './collaboration/routes';
import { registerPresenceRoutes } from './presence/routes';
import { registerLagesbildRoutes } from './lagesbild/routes';

/** Every feature module, in one list. A new module adds one line here. */
export async function registerModules(app: FastifyInstance, context: AppContext): Promise<void> {
  registerHealthRoutes(app, context.database);
  registerSessionRoutes(app, context.database, context.auth);
  registerOrganisationRoutes(app, context);
  registerUserRoutes(app, context);
  registerPersonRoutes(app, context);
  registerRetentionRoutes(app, context);
  registerRegisterExtractRoutes(app, context);
  registerAuditLogRoutes(app, context);
  registerConcernRoutes(app, context);
  registerNotificationRoutes(app, context);
  registerAssociationRoutes(app, context);
  registerConsentRoutes(app, context);
  registerSharingRoutes(app, context);
  registerCaseRoutes(app, context);
  registerAttentionRoutes(app, context);
  registerFieldReportRoutes(app, context);
  registerPlaceRoutes(app, context);
  registerCalendarFeedRoutes(app, context);
  registerCollaborationRoutes(app, context);
  registerPresenceRoutes(app, context);
  registerLagesbildRoutes(app, context);
}
