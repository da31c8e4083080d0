import type { ErrorCode } from '../../shared/errors';

/** An error meant for the client: its code picks a translated message; `fields` carries per-field messages. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly fields?: Record<string, string>,
    readonly messageParams?: Record<string, string | number>,
  ) {
    super(code);
  }
}

/** The answer to a denied or missing record. Both look identical, so existence is never revealed. */
export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const conflict = (fields?: Record<string, string>) => new AppError(409, 'conflict', fields);
export const invalid = (fields: Record<string, string>) => new AppError(400, 'validation_failed', fields);
