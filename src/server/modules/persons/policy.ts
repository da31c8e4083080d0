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
/** Social services' own staff: the only ones who see where a person with skyddad folkbokföring lives or stays. */
export const SOCIAL_SERVICES_ROLES = ['handlaggare', 'mottagning'] as const;

const isProtected = (person: PersonResource) => person.protectedIdentity === 'skyddad_folkbokforing';
const inSocialServices = (actor: Actor) => hasRole(actor, ...SOCIAL_SERVICES_ROLES);

/**
 * Social services and the coordinator hold the register. School staff see pupils of their own school.
 * The coordinator reads a person with skyddad folkbokföring too (issue 12: to open and run an SSPF case
 * for them), but never their whereabouts (`readWhereabouts`), and only with a stated reason
 * (`readWithoutReason`); changing the record and its notes stay with social services.
 */
export function mayRead(actor: Actor, person: PersonResource): boolean {
  if (hasRole(actor, ...REGISTER_ROLES)) return true;
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
  /**
   * A read needs no stated reason, except a coordinator's (anyone outside social services who may read
   * at all) of a person with skyddad folkbokföring: the web client asks for one before it reads.
   */
  readWithoutReason: (actor, person) => mayRead(actor, person) && (!isProtected(person) || inSocialServices(actor)),
  /** Where the person lives, stays or goes to school (today: the school). Skyddad folkbokföring: social services only. */
  readWhereabouts: (actor, person) => mayRead(actor, person) && (!isProtected(person) || inSocialServices(actor)),
  // The record holds the whereabouts (the school) and the protection level itself; notes are free text
  // that may name where the person is. For skyddad folkbokföring, all three stay with social services.
  update: (actor, person) => person.id !== null && hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person) && (!isProtected(person) || inSocialServices(actor)),
  readIdentityNumber: (actor, person) => hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person),
  readNotes: (actor, person) => hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person) && (!isProtected(person) || inSocialServices(actor)),
  addNote: (actor, person) => hasRole(actor, ...REGISTER_ROLES) && mayRead(actor, person) && (!isProtected(person) || inSocialServices(actor)),
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
