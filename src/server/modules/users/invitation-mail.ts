import type { Tx } from '../../db/client';
import { emailOutbox } from '../../db/schema';
import type { InvitationMailKind } from '../../mail/compose';

/**
 * Invitation e-mails go through the tenant's e-mail outbox like notifications: written in the same
 * transaction as the invitation (nothing is mailed for a rolled-back one), sent to the account's own
 * address, which the sender looks up at sending time. The administrator never sees the link.
 */
/** Path of the page where a signed-in person answers their invitations. */
export const ANSWER_INVITATION_PATH = '/valj-roll';

export async function queueInvitationMail(tx: Tx, tenantId: string, userId: string, kind: InvitationMailKind, link: string): Promise<void> {
  await tx.insert(emailOutbox).values({ tenantId, userId, kind, link });
}
