import { z } from 'zod';
import { token } from './text';
import { AUDIT_PAGE_SIZE_DEFAULT, AUDIT_PAGE_SIZE_MAX, SECURITY_EVENT_KINDS } from './audit';

/**
 * The API contract of Loggkontroll's "Inloggningar": the security log's sign-in events of the
 * tenant's users (server/modules/audit-log/sign-in-routes.ts). Names of the kinds: SECURITY_EVENT_NAMES.
 */
export const SECURITY_OUTCOMES = ['allowed', 'denied'] as const;

export const signInLogQuerySchema = z
  .object({
    /** better-auth user ids are text, not uuids. */
    userId: token().min(1).max(100).optional(),
    kind: z.enum(SECURITY_EVENT_KINDS).optional(),
    outcome: z.enum(SECURITY_OUTCOMES).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: token().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(AUDIT_PAGE_SIZE_DEFAULT),
  })
  .strict();
export type SignInLogQuery = z.infer<typeof signInLogQuerySchema>;
export type SignInLogFilters = Omit<SignInLogQuery, 'cursor' | 'limit'>;

export const signInEventRowSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  kind: z.string(),
  outcome: z.enum(SECURITY_OUTCOMES),
  /** The user's own sign-in, so the reviewer sees who and from where. `name`/`email` null once the account is gone. */
  user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** How: `password`, `password+totp`, `oidc:<provider>`; null when the kind says it all. */
  method: z.string().nullable(),
  /** A refusal's reason code (a second factor's or an identity provider's), when there is one. */
  reason: z.string().nullable(),
});
export type SignInEventRow = z.infer<typeof signInEventRowSchema>;

export const signInLogResultSchema = z.object({
  events: z.array(signInEventRowSchema),
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: z.string().nullable(),
});
export type SignInLogResult = z.infer<typeof signInLogResultSchema>;
