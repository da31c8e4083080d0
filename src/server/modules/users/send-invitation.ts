import { and, eq, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { inContext } from '../../db/context';
import { account } from '../../db/schema';
import type { InvitationMailKind } from '../../mail/compose';
import { markQueued, kickIfQueued } from '../notifications/outbox-signal';
import { issueSetPasswordLink } from './invitation-link';
import { ANSWER_INVITATION_PATH, queueInvitationMail } from './invitation-mail';

export interface InvitationTarget {
  tenantId: string;
  userId: string;
  /** This tenant alone governs the account (membership-changes.ts, accountGovernedHere). */
  governed: boolean;
}

/**
 * Sends the invitation e-mail to the account's own address. The mail says what the person needs to
 * do: choose a password (an account without one), answer a pending invitation, or just sign in (a
 * membership granted at once). What it says is never shown to the administrator, so the answer to the
 * invitation reveals nothing about the account.
 *
 * A set-password link for an account another tenant also governs is an extra link: it does not
 * revoke that tenant's own, so one tenant can never break another's invitation.
 */
export async function sendInvitation(context: AppContext, target: InvitationTarget): Promise<void> {
  const { database, auth } = context;
  let kind: InvitationMailKind;
  let link: string;
  if (!(await accountHasPassword(database.db, target.userId))) {
    kind = 'invitation.set_password';
    link = (await issueSetPasswordLink(auth, target.userId, { replaceEarlier: target.governed })).path;
  } else {
    kind = target.governed ? 'invitation.access_granted' : 'invitation.membership';
    link = ANSWER_INVITATION_PATH;
  }
  await inContext(database.db, { tenantId: target.tenantId, userId: null }, (tx) => queueInvitationMail(tx, target.tenantId, target.userId, kind, link));
  markQueued();
  kickIfQueued();
}

/** The global account table, read on the server only: never part of any answer to an administrator. */
async function accountHasPassword(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: account.userId })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential'), isNotNull(account.password)))
    .limit(1);
  return row !== undefined;
}
