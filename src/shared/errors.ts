import { z } from 'zod';

/** Every error the API returns has this shape. `fields` maps a dotted field path to a message. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'forbidden',
  'unauthenticated',
  'two_factor_required',
  'no_active_membership',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'csrf_failed',
  'internal',
  /** Public forms: the honeypot or timing check refused the submission (one code for both, on purpose). */
  'submission_refused',
  /** 503: the database is unreachable for a moment (restart, failover) or the server is shutting down. Safe to retry. */
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
