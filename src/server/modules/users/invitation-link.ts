import { randomBytes } from 'node:crypto';
import type { Auth } from '../../auth/auth';
import { INVITATION_LIFETIME_SECONDS, SET_PASSWORD_PATH, type InvitationLink } from '../../../shared/users';

/**
 * Invitation links are better-auth password-reset tokens: better-auth stores a verification value
 * `reset-password:<token>` -> user id, and its own `POST /api/auth/reset-password { newPassword, token }`
 * consumes it once, hashes the password and creates the credential account when the user has none
 * yet (resetCredentialPassword in better-auth/dist/utils/password.mjs). We only choose the lifetime
 * and hand the token to the administrator instead of e-mailing it.
 *
 * These calls go through better-auth's own database handle, so they must never run inside a
 * request's transaction (PGlite has a single connection and would wait for itself).
 */
const RESET_PASSWORD_PREFIX = 'reset-password:';

export async function issueInvitationLink(auth: Auth, publicUrl: string, userId: string): Promise<InvitationLink> {
  const ctx = await auth.$context;
  // One live link per user: a link shown to the wrong person is undone by issuing a new one.
  await revokeInvitationLinks(auth, userId);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_SECONDS * 1000);
  await ctx.internalAdapter.createVerificationValue({ identifier: `${RESET_PASSWORD_PREFIX}${token}`, value: userId, expiresAt });
  return { url: `${publicUrl}${SET_PASSWORD_PATH}?token=${token}`, expiresAt: expiresAt.toISOString() };
}

/** Deletes every unused invitation or password-reset link of the user. */
export async function revokeInvitationLinks(auth: Auth, userId: string): Promise<void> {
  const ctx = await auth.$context;
  await ctx.adapter.deleteMany({
    model: 'verification',
    where: [
      { field: 'value', value: userId },
      { field: 'identifier', operator: 'starts_with', value: RESET_PASSWORD_PREFIX },
    ],
  });
}

/** Ends every session of the user at once (a deactivated account). */
export async function revokeSessions(auth: Auth, userId: string): Promise<void> {
  const ctx = await auth.$context;
  await ctx.internalAdapter.deleteUserSessions(userId);
}
