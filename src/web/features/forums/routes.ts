import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';

/**
 * Samverkansforum (issue 15 §2): every member sees the list; the forum, its meetings and minutes are
 * for its members (the server decides; abilities come with each answer).
 */
export const forumRoutes: AppRoute[] = [
  { path: '/forum', component: lazy(() => import('./ForumsPage')), access: 'member', nav: { label: 'common:nav.forum', order: 48 } },
  { path: '/forum/:forumId', component: lazy(() => import('./ForumPage')), access: 'member' },
  { path: '/forum/:forumId/moten/:meetingId', component: lazy(() => import('./MeetingPage')), access: 'member' },
];
