import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { CALENDAR_FEED_ROLES } from '../../../shared/calendar-feeds';

/**
 * A calendar feed, or the actor's collection of them (`id: null`). A feed belongs to one user working
 * as one membership: it is theirs alone (RLS `own_feeds` says the same), and it reads the presence plan
 * as that membership on every fetch.
 */
export interface CalendarFeedResource {
  kind: 'calendar_feed';
  tenantId: string;
  id: string | null;
  userId: string;
  membershipId: string;
}

const subscriber = (actor: Actor) => hasRole(actor, ...CALENDAR_FEED_ROLES);
const own = (actor: Actor, feed: CalendarFeedResource) => feed.userId === actor.userId && feed.membershipId === actor.membershipId;

export const calendarFeedRules: Rules<CalendarFeedResource> = {
  list: (actor, feeds) => subscriber(actor) && own(actor, feeds),
  create: (actor, feed) => subscriber(actor) && own(actor, feed),
  regenerate: (actor, feed) => subscriber(actor) && own(actor, feed),
  revoke: (actor, feed) => own(actor, feed),
  /** A calendar client's fetch, as the owner's membership: a role that lost the right loses the feed. */
  fetch: (actor, feed) => subscriber(actor) && own(actor, feed),
};
