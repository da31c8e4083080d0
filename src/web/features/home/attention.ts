import type { Role } from '../../../shared/roles';

/**
 * What the start page lists under "needs my attention", per role. Each area is an empty state until its
 * feature exists; a feature then replaces its area's empty state with real items (keys in home.json).
 */
export interface AttentionArea {
  id: string;
  roles: readonly Role[];
}

export const ATTENTION_AREAS: readonly AttentionArea[] = [
  { id: 'concerns', roles: ['mottagning', 'handlaggare', 'koordinator'] },
  { id: 'commitments', roles: ['koordinator', 'handlaggare', 'skolpersonal', 'polis', 'fritidsledare', 'faltassistent', 'mvc_bvc'] },
  { id: 'meetings', roles: ['koordinator', 'handlaggare', 'skolpersonal', 'polis', 'fritidsledare', 'faltassistent', 'mvc_bvc'] },
  { id: 'assignedActions', roles: ['foreningsnyckelperson', 'naringsidkare', 'mentor'] },
  { id: 'placeReports', roles: ['est_rapportor', 'koordinator', 'polis', 'fritidsledare', 'faltassistent'] },
  { id: 'invitations', roles: ['administrator'] },
  { id: 'logReviews', roles: ['loggranskare'] },
  { id: 'statistics', roles: ['analytiker'] },
];

export function attentionAreasFor(role: Role): AttentionArea[] {
  return ATTENTION_AREAS.filter((area) => area.roles.includes(role));
}
