import { authProvidersSchema, authSessionsSchema, type AuthProvider } from '../../shared/auth';
import { api } from './client';

/**
 * better-auth's HTTP endpoints under /api/auth. better-auth owns passwords, sessions and TOTP;
 * these are thin typed calls, nothing more.
 */
export type SignInResult = { twoFactorRedirect: true } | { twoFactorRedirect?: false; user?: unknown };

export const signInWithPassword = (email: string, password: string) =>
  api<SignInResult>('/api/auth/sign-in/email', { method: 'POST', body: { email, password, rememberMe: false } });

export const verifyTotp = (code: string) => api<unknown>('/api/auth/two-factor/verify-totp', { method: 'POST', body: { code } });

export const verifyBackupCode = (code: string) => api<unknown>('/api/auth/two-factor/verify-backup-code', { method: 'POST', body: { code } });

export const enableTwoFactor = (password: string) => api<{ totpURI: string; backupCodes: string[] }>('/api/auth/two-factor/enable', { method: 'POST', body: { password } });

export const signOut = () => api<unknown>('/api/auth/sign-out', { method: 'POST', body: {} });

export const resetPassword = (token: string, newPassword: string) => api<unknown>('/api/auth/reset-password', { method: 'POST', body: { token, newPassword } });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<unknown>('/api/auth/change-password', { method: 'POST', body: { currentPassword, newPassword, revokeOtherSessions: true } });

/** My signed-in devices, without their tokens (Samverka's own route; better-auth's list hands out tokens). */
export const listSessions = () => api('/api/auth-sessions', { schema: authSessionsSchema });

/** Signs one of my devices out. */
export const endSession = (sessionId: string) => api<unknown>(`/api/auth-sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });

/** Signs out every device, this one included. */
export const revokeAllSessions = () => api<unknown>('/api/auth/revoke-sessions', { method: 'POST', body: {} });

/** Single sign-on providers configured for this installation (public). None when there are none or on failure. */
export async function listAuthProviders(): Promise<AuthProvider[]> {
  try {
    return (await api('/api/auth-providers', { schema: authProvidersSchema })).providers;
  } catch {
    return [];
  }
}
