import type { Actor } from '../../policy/actor';
import type { ProtectedIdentity } from '../../../shared/persons';
import { hasRole, type Rules } from '../../policy/rules';

/** A person record, or `id: null` for the register as a whole (create, search). */
export interface PersonResource {
  kind: 'person';
  tenantId: string;
  id: string | null;
  schoolId: string | null;
  protectedIdentity: ProtectedIdentity;
}

export const REGISTER_ROLES = ['koordinator', 'handlaggare', 'mottagning'] as const;

/** Social services and the coordinator hold the register. School staff see pupils of their own school. */
export function mayRead(actor: Actor, person: PersonResource): boolean {
  if (hasRole(actor, ...REGISTER_ROLES)) {
    // Skyddad folkbokföring: only social services' own staff, never the coordinator by default.
    return person.protectedIdentity !== 'skyddad_folkbokforing' || hasRole(actor, 'handlaggare', 'mottagning');
  }
  if (hasRole(actor, 'skolpersonal')) {
    return person.schoolId !== null && person.schoolId === actor.organisationId && person.protectedIdentity === 'none';
  }
  return false;
}

const isReviewer = (actor: Actor) => hasRole(actor, 'loggranskare');

export const personRules: Rules<PersonResource> = {
  create: (actor) => hasRole(actor, ...REGISTER_ROLES),
  search: (actor) => hasRole(actor, ...REGISTER_ROLES, 'skolpersonal'),
  read: mayRead,
  update: (actor, person) => person.id !== null && hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person),
  readIdentityNumber: (actor, person) => hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person),
  readNotes: (actor, person) => hasRole(actor, 'handlaggare', 'mottagning', 'koordinator') && mayRead(actor, person),
  addNote: (actor, person) => hasRole(actor, 'handlaggare', 'mottagning', 'koordinator') && mayRead(actor, person),
  /** The access-log reviewer may find a person to review who has read about them, and nothing more. */
  lookupForReview: (actor) => isReviewer(actor),
  /**
   * Finding persons by name or personnummer. On the register (`id: null`): who may search at all.
   * On a record: whether it may appear in a result, as a summary: those who may read it, and the
   * reviewer, who needs the summary to pick whose access history to review.
   */
  find: (actor, person) =>
    person.id === null
      ? hasRole(actor, ...REGISTER_ROLES, 'skolpersonal') || isReviewer(actor)
      : mayRead(actor, person) || isReviewer(actor),
};
