import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { registerConcernAdminRoutes } from './admin-routes';
import { concernCrypto } from './concern-crypto';
import { registerPublicConcernRoutes } from './public-routes';
import { createPublicRateLimiter } from './rate-limit';
import { createTenantDirectory } from './tenant-directory';
import { registerTriageRoutes } from './triage-routes';

/** The concern channel (oro): public intake and status, triage for the receiving organisations, administration. */
export function registerConcernRoutes(app: FastifyInstance, context: AppContext): void {
  const crypto = concernCrypto(context.cipher);
  registerPublicConcernRoutes(app, context, {
    database: context.database,
    blindIndex: context.blindIndex,
    crypto,
    limiter: createPublicRateLimiter(context.config, context.database, context.blindIndex),
    tenants: createTenantDirectory(context.database),
  });
  registerTriageRoutes(app, context, crypto);
  registerConcernAdminRoutes(app, context);
}
