import type { Rules } from '../../policy/rules';
import { INBOX_SUBSCRIBER_ROLES } from '../../../shared/notifications';

/** A notification, or (id null) the actor's own list. Only its own user ever reads or marks one. */
export interface NotificationResource {
  kind: 'notification';
  tenantId: string;
  id: string | null;
  userId: string;
}

export const notificationRules: Rules<NotificationResource> = {
  read: (actor, n) => n.userId === actor.userId,
  markRead: (actor, n) => n.userId === actor.userId,
};

/**
 * One user's choice about one organisation's inbox (id: the organisation). A user changes only their
 * own, and only for an organisation where they hold an inbox role (`isInboxMember`, looked up).
 */
export interface InboxSubscriptionResource {
  kind: 'inbox_subscription';
  tenantId: string;
  id: string | null;
  userId: string;
  isInboxMember: boolean;
}

export const inboxSubscriptionRules: Rules<InboxSubscriptionResource> = {
  read: (actor, s) => s.userId === actor.userId,
  update: (actor, s) => s.id !== null && s.userId === actor.userId && s.isInboxMember,
};

export { INBOX_SUBSCRIBER_ROLES };
