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

const REGISTER_ROLES = ['koordinator', 'handlaggare', 'mottagning'] as const;

/** Social services and the coordinator hold the register. School staff see pupils of their own school. */
function mayRead(actor: Actor, person: PersonResource): boolean {
  if (hasRole(actor, ...REGISTER_ROLES)) {
    // Skyddad folkbokföring: only social services' own staff, never the coordinator by default.
    return person.protectedIdentity !== 'skyddad_folkbokforing' || hasRole(actor, 'handlaggare', 'mottagning');
  }
  if (hasRole(actor, 'skolpersonal')) {
    return person.schoolId !== null && person.schoolId === actor.organisationId && person.protectedIdentity === 'none';
  }
  return false;
}

export const personRules: Rules<PersonResource> = {
  create: (actor) => hasRole(actor, ...REGISTER_ROLES),
  search: (actor) => hasRole(actor, ...REGISTER_ROLES, 'skolpersonal'),
  read: mayRead,
  update: (actor, person) => person.id !== null && hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person),
  readIdentityNumber: (actor, person) => hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person),
  readNotes: (actor, person) => hasRole(actor, 'handlaggare', 'mottagning', 'koordinator') && mayRead(actor, person),
  addNote: (actor, person) => hasRole(actor, 'handlaggare', 'mottagning', 'koordinator') && mayRead(actor, person),
  /** The access-log reviewer may find a person to review who has read about them, and nothing more. */
  lookupForReview: (actor) => hasRole(actor, 'loggranskare'),
};
