import { randomBytes } from 'node:crypto';
import type { Auth } from '../../auth/auth';
import { INVITATION_LIFETIME_SECONDS, SET_PASSWORD_PATH } from '../../../shared/users';

/**
 * Invitation links are better-auth password-reset tokens: better-auth stores a verification value
 * `reset-password:<token>` -> user id, and its own `POST /api/auth/reset-password { newPassword, token }`
 * consumes it once, hashes the password and creates the credential account when the user has none
 * yet (resetCredentialPassword in better-auth/dist/utils/password.mjs). We only choose the lifetime.
 * The link is sent by e-mail to the account's own address (invitation-mail.ts), never handed to an
 * administrator: whoever holds it can set the account's password.
 *
 * These calls go through better-auth's own database handle, so they must never run inside a
 * request's transaction (PGlite has a single connection and would wait for itself).
 */
const RESET_PASSWORD_PREFIX = 'reset-password:';

export interface SetPasswordLink {
  /** The path and query, as the e-mail outbox stores links (the sender puts the public URL in front). */
  path: string;
  expiresAt: Date;
}

/**
 * A new one-time set-password link. `replaceEarlier` revokes the user's unused links first (one live
 * link per user, so a resent invitation undoes a lost one); only a tenant that alone governs the
 * account may do that, or it could keep breaking another tenant's invitation.
 */
export async function issueSetPasswordLink(auth: Auth, userId: string, options: { replaceEarlier: boolean }): Promise<SetPasswordLink> {
  const ctx = await auth.$context;
  if (options.replaceEarlier) await revokeInvitationLinks(auth, userId);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_SECONDS * 1000);
  await ctx.internalAdapter.createVerificationValue({ identifier: `${RESET_PASSWORD_PREFIX}${token}`, value: userId, expiresAt });
  return { path: `${SET_PASSWORD_PATH}?token=${token}`, expiresAt };
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
