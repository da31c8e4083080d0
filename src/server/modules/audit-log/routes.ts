import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

export function registerAuditLogRoutes(_app: FastifyInstance, _context: AppContext): void {
  // Routes arrive with the module's implementation.
}
