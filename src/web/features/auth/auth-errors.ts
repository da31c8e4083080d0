import { isApiError } from '../../api/client';

/** Sign-in and account errors whose wording the server already chose; we only react to the codes. */
export const isTwoFactorRestart = (error: unknown) => isApiError(error) && error.code === 'two_factor_restart';
export const isLocked = (error: unknown) => isApiError(error) && error.code === 'account_temporarily_locked';
export const isInvalidPassword = (error: unknown) => isApiError(error) && error.code === 'invalid_password';
export const isSessionNotFresh = (error: unknown) => isApiError(error) && (error.code === 'session_not_fresh' || error.status === 401);
