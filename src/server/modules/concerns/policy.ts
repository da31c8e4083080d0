import type { Actor } from '../../policy/actor';
import { hasRole, type Rules } from '../../policy/rules';
import type { ConcernKind } from '../../../shared/concerns';

/** One concern or place report, or `id: null` for the channel as a whole (the inbox, the routing rules). */
export interface ConcernResource {
  kind: 'concern';
  tenantId: string;
  id: string | null;
  concernKind: ConcernKind | null;
  receivingOrganisationId: string | null;
  assignedUserId: string | null;
}

/**
 * Who sees a report. A concern about a person: the intake unit (mottagning) of the receiving social
 * services organisation, and the case officer (handläggare) it is assigned to. Nobody else: not the
 * coordinator, school, police or leisure, whatever their organisation. A place report: the EST
 * reporters and coordinators of the receiving organisation. Denied records answer 404.
 */
function inReceivingOrganisation(actor: Actor, concern: ConcernResource): boolean {
  return concern.id !== null && concern.receivingOrganisationId === actor.organisationId;
}

/** May work on this concern about a person: assess, decide, link, forward, close. */
function handlesPersonConcern(actor: Actor, concern: ConcernResource): boolean {
  if (concern.concernKind !== 'person' || !inReceivingOrganisation(actor, concern)) return false;
  if (hasRole(actor, 'mottagning')) return true;
  return hasRole(actor, 'handlaggare') && concern.assignedUserId === actor.userId;
}

function handlesPlaceReport(actor: Actor, concern: ConcernResource): boolean {
  return concern.concernKind === 'place' && inReceivingOrganisation(actor, concern) && hasRole(actor, 'est_rapportor', 'koordinator');
}

const handles = (actor: Actor, concern: ConcernResource) => handlesPersonConcern(actor, concern) || handlesPlaceReport(actor, concern);

/** The roles with an inbox at all; what each sees in it is narrowed row by row. */
export const INBOX_ROLES = ['mottagning', 'handlaggare', 'est_rapportor', 'koordinator'] as const;

export const concernRules: Rules<ConcernResource> = {
  list: (actor) => hasRole(actor, ...INBOX_ROLES),
  configureRouting: (actor) => hasRole(actor, 'administrator'),
  read: handles,
  addNote: handles,
  forward: handles,
  close: handles,
  /** Only the intake unit hands concerns to case officers. */
  assign: (actor, concern) => concern.concernKind === 'person' && inReceivingOrganisation(actor, concern) && hasRole(actor, 'mottagning'),
  assess: handlesPersonConcern,
  decide: handlesPersonConcern,
  linkPerson: handlesPersonConcern,
  unlinkPerson: handlesPersonConcern,
  /** Hand the concern's person over to SSPF: open a case from the concern, directed by a coordinator (cases/open-case.ts). */
  handOver: handlesPersonConcern,
};
