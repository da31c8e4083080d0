import type { AuthErrorCode } from '../../shared/auth';

/** What better-auth said, turned into Samverka's vocabulary: one code per thing the client must handle. */
export interface TranslatedAuthError {
  status: number;
  code: AuthErrorCode;
}

const BY_BETTER_AUTH_CODE: Record<string, TranslatedAuthError> = {
  INVALID_EMAIL_OR_PASSWORD: { status: 401, code: 'invalid_credentials' },
  ACCOUNT_TEMPORARILY_LOCKED: { status: 429, code: 'account_temporarily_locked' },
  INVALID_CODE: { status: 401, code: 'invalid_two_factor_code' },
  INVALID_BACKUP_CODE: { status: 401, code: 'invalid_two_factor_code' },
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: { status: 401, code: 'two_factor_restart' },
  INVALID_TWO_FACTOR_COOKIE: { status: 401, code: 'two_factor_restart' },
  OTP_HAS_EXPIRED: { status: 401, code: 'two_factor_restart' },
  INVALID_PASSWORD: { status: 400, code: 'invalid_password' },
  PASSWORD_TOO_SHORT: { status: 400, code: 'password_length' },
  PASSWORD_TOO_LONG: { status: 400, code: 'password_length' },
  SESSION_NOT_FRESH: { status: 403, code: 'session_not_fresh' },
  TOTP_ALREADY_ENABLED: { status: 400, code: 'two_factor_state' },
  TOTP_NOT_ENABLED: { status: 400, code: 'two_factor_state' },
  TWO_FACTOR_NOT_ENABLED: { status: 400, code: 'two_factor_state' },
  INVALID_ORIGIN: { status: 403, code: 'csrf_failed' },
  MISSING_OR_NULL_ORIGIN: { status: 403, code: 'csrf_failed' },
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: { status: 403, code: 'csrf_failed' },
  INVALID_CALLBACK_URL: { status: 403, code: 'csrf_failed' },
  INVALID_ERROR_CALLBACK_URL: { status: 403, code: 'csrf_failed' },
  INVALID_NEW_USER_CALLBACK_URL: { status: 403, code: 'csrf_failed' },
  INVALID_REDIRECT_URL: { status: 403, code: 'csrf_failed' },
  VALIDATION_ERROR: { status: 400, code: 'validation_failed' },
  INVALID_EMAIL: { status: 400, code: 'validation_failed' },
  UNAUTHORIZED: { status: 401, code: 'unauthenticated' },
  FAILED_TO_GET_SESSION: { status: 401, code: 'unauthenticated' },
};

const BY_STATUS: Record<number, AuthErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  404: 'not_found',
  429: 'rate_limited',
};

/** better-auth answers `{ code?, message }` (or plain text); `code` picks our error, else the status does. */
export function translateAuthError(status: number, body: unknown): TranslatedAuthError {
  const betterAuthCode = typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : null;
  const known = betterAuthCode ? BY_BETTER_AUTH_CODE[betterAuthCode] : undefined;
  if (known) return known;
  return { status, code: BY_STATUS[status] ?? 'auth_failed' };
}
