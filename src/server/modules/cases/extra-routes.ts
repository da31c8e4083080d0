import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import type { CaseCrypto } from './case-crypto';

/** The plan as PDF and the person's chronology. */
export function registerCaseExtraRoutes(_app: FastifyInstance, _context: AppContext, _crypto: CaseCrypto): void {}
