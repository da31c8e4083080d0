import type { Actor } from '../../policy/actor';
import { hasRole, type Rules } from '../../policy/rules';
import type { ProtectedIdentity } from '../../../shared/persons';
import { mayRead as mayReadPerson } from '../persons/policy';

/**
 * A consent of one person, or `id: null` for a person's consents as a collection (list, record a
 * new one). The person's school and protection level travel with it: nobody reads a consent about
 * someone they may not read in the register.
 */
export interface ConsentResource {
  kind: 'consent';
  tenantId: string;
  id: string | null;
  personId: string | null;
  schoolId: string | null;
  protectedIdentity: ProtectedIdentity;
}

/** The coordinator runs consent; social services' case officer reads it. */
const MANAGERS = ['koordinator'] as const;
const READERS = ['koordinator', 'handlaggare'] as const;

function personReadable(actor: Actor, resource: ConsentResource): boolean {
  if (resource.personId === null) return true;
  return mayReadPerson(actor, { kind: 'person', tenantId: resource.tenantId, id: resource.personId, schoolId: resource.schoolId, protectedIdentity: resource.protectedIdentity });
}

const manages = (actor: Actor, resource: ConsentResource) => hasRole(actor, ...MANAGERS) && personReadable(actor, resource);
const reads = (actor: Actor, resource: ConsentResource) => hasRole(actor, ...READERS) && personReadable(actor, resource);

export const consentRules: Rules<ConsentResource> = {
  /** The collection: list a person's consents. */
  list: reads,
  read: reads,
  create: manages,
  recordParty: (actor, resource) => resource.id !== null && manages(actor, resource),
  uploadDocument: (actor, resource) => resource.id !== null && manages(actor, resource),
  readDocument: (actor, resource) => resource.id !== null && reads(actor, resource),
  printForm: (actor, resource) => resource.id !== null && reads(actor, resource),
  withdraw: (actor, resource) => resource.id !== null && manages(actor, resource),
  /** The tenant's consent age: the administrator's setting. */
  configure: (actor, resource) => resource.id === null && resource.personId === null && hasRole(actor, 'administrator'),
};

/** The tenant's consent settings: the resource of the administrator's setting. */
export function consentSettingsResource(tenantId: string): ConsentResource {
  return { kind: 'consent', tenantId, id: null, personId: null, schoolId: null, protectedIdentity: 'none' };
}
