import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { FORUM_MANAGER_ROLES } from '../../../shared/forums';

/**
 * A forum (issue 15 §2); `id` null is the collection. The facts are the forum's chair and members, so
 * the rules can say who is in it. A meeting adds its justerare and whether its minutes are approved.
 */
export interface ForumResource {
  kind: 'forum';
  tenantId: string;
  id: string | null;
  chairUserId: string | null;
  memberUserIds: readonly string[];
  memberOrganisationIds: readonly string[];
  /** For a meeting: the designated justerare, and whether the minutes are approved (locked). */
  justerareUserId?: string | null;
  approved?: boolean;
}

const manager = (actor: Actor) => hasRole(actor, ...FORUM_MANAGER_ROLES);
const chair = (actor: Actor, forum: ForumResource) => forum.id !== null && forum.chairUserId === actor.userId;
/** In the forum: named themselves, or working for a member organisation. */
export const isForumMember = (actor: Actor, forum: ForumResource) =>
  forum.id !== null && (chair(actor, forum) || forum.memberUserIds.includes(actor.userId) || forum.memberOrganisationIds.includes(actor.organisationId));
const runs = (actor: Actor, forum: ForumResource) => forum.id !== null && (manager(actor) || chair(actor, forum));

/**
 * Every member of the tenant sees the list of forums (name, type, member organisations): knowing
 * where decisions are made is open. The forum itself, its meetings, decisions and minutes are for its
 * members, its chair and the managers (coordinators, administrators), who create forums and meetings.
 * The chair and the managers run a meeting; only the designated justerare approves its minutes, once.
 */
export const forumRules: Rules<ForumResource> = {
  list: () => true,
  create: (actor, forum) => forum.id === null && manager(actor),
  read: (actor, forum) => forum.id !== null && (manager(actor) || isForumMember(actor, forum)),
  manage: runs,
  record: (actor, forum) => runs(actor, forum) && forum.approved !== true,
  approve: (actor, forum) =>
    forum.id !== null && forum.approved === false && !!forum.justerareUserId && forum.justerareUserId === actor.userId && (manager(actor) || isForumMember(actor, forum)),
};

export const forumCollection = (tenantId: string): ForumResource => ({ kind: 'forum', tenantId, id: null, chairUserId: null, memberUserIds: [], memberOrganisationIds: [] });
