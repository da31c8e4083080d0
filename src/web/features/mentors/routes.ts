import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';
import { MENTOR_PATHS } from './queries';

/**
 * The mentor programme (issue 15 §5). The register is for coordinators and the mentors' organisations'
 * staff (the server answers each with their part); the mentor has their own meetings page.
 */
export const mentorRoutes: AppRoute[] = [
  {
    path: MENTOR_PATHS.list,
    component: lazy(() => import('./MentorsPage')),
    access: 'member',
    roles: ['koordinator', 'handlaggare', 'mottagning', 'skolpersonal', 'polis', 'fritidsledare', 'faltassistent', 'foreningsnyckelperson', 'naringsidkare', 'mvc_bvc'],
    nav: { label: 'common:nav.mentorer', order: 50 },
  },
  { path: '/mentorer/:mentorId', component: lazy(() => import('./MentorPage')), access: 'member' },
  { path: MENTOR_PATHS.mine, component: lazy(() => import('./MyMentorMeetingsPage')), access: 'member', roles: ['mentor'], nav: { label: 'common:nav.minaMentorstraffar', order: 50 } },
];
