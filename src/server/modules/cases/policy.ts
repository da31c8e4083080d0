import type { Actor } from '../../policy/actor';
import { hasRole, type Rules } from '../../policy/rules';
import type { CaseStatus } from '../../../shared/cases';
import { ORGANISATION_CATEGORY } from './visibility';

/**
 * One SSPF case as the rules need it, or `id: null` for cases as a whole (the list, opening one).
 * The facts the rules read are loaded by the route: who directs the case, who is on the team, and
 * how many sections the viewer may see (the engine's answer, worked out in visibility.ts).
 */
export interface CaseResource {
  kind: 'case';
  tenantId: string;
  id: string | null;
  status: CaseStatus | null;
  directorUserId: string | null;
  ownerOrganisationId: string | null;
  /** Active team members: user and the organisation they sit on the team for. */
  members: readonly { userId: string; organisationId: string }[];
  /** How many sections (or own factors) the viewer may see; a member who sees nothing gets 404. */
  visibleSectionCount: number;
  /** For a step on one action of the plan: who is responsible for it. */
  actionResponsibleUserId?: string | null;
  /** For a step on one factor: the organisation that recorded it. */
  factorSourceOrganisationId?: string | null;
}

/** The director: the responsible coordinator, working through the organisation that runs the case. */
export function isDirector(actor: Actor, resource: Pick<CaseResource, 'directorUserId' | 'ownerOrganisationId'>): boolean {
  return resource.directorUserId === actor.userId && resource.ownerOrganisationId === actor.organisationId;
}

/** An active team member, in the membership (organisation) they were added for. */
export function isTeamMember(actor: Actor, resource: Pick<CaseResource, 'members'>): boolean {
  return resource.members.some((member) => member.userId === actor.userId && member.organisationId === actor.organisationId);
}

const reaches = (actor: Actor, resource: CaseResource) => resource.id !== null && (isDirector(actor, resource) || isTeamMember(actor, resource));
const directs = (actor: Actor, resource: CaseResource) => resource.id !== null && isDirector(actor, resource);
const open = (resource: CaseResource) => resource.status !== 'avslutad';
const directsOpen = (actor: Actor, resource: CaseResource) => directs(actor, resource) && open(resource);

/** Roles that may open a case: the coordinator directly, the intake unit and case officers from a concern. */
export const OPENING_ROLES = ['koordinator', 'mottagning', 'handlaggare'] as const;

export const caseRules: Rules<CaseResource> = {
  /** Anyone signed in may ask for their list; it holds only cases they reach and see something of. */
  list: () => true,
  open: (actor) => hasRole(actor, ...OPENING_ROLES),
  read: (actor, resource) => reaches(actor, resource) && resource.visibleSectionCount > 0,
  exportPlan: (actor, resource) => reaches(actor, resource) && resource.visibleSectionCount > 0,
  transition: directsOpen,
  close: directsOpen,
  addMember: directsOpen,
  removeMember: directsOpen,
  setGuardians: directsOpen,
  addGoal: directsOpen,
  addAction: directsOpen,
  addMeeting: directsOpen,
  decideProtectedIdentity: directsOpen,
  /** The director, and team members of public authorities (in their own category: checked per factor). */
  addFactor: (actor, resource) => open(resource) && (directs(actor, resource) || (reaches(actor, resource) && actor.organisationIsAuthority && ORGANISATION_CATEGORY[actor.organisationType] !== undefined)),
  updateFactor: (actor, resource) => resource.factorSourceOrganisationId != null && mayUpdateFactor(actor, resource, resource.factorSourceOrganisationId),
  /** The director, or the team member responsible for the action (status only). */
  updateActionStatus: (actor, resource) => directsOpen(actor, resource) || (open(resource) && reaches(actor, resource) && resource.actionResponsibleUserId != null && resource.actionResponsibleUserId === actor.userId),
  updateAction: directsOpen,
  /** A person's chronology: `visibleSectionCount` there counts the concerns and cases the viewer sees of them. */
  readChronology: (_actor, resource) => resource.visibleSectionCount > 0,
};

/** The abilities sent with a case: what the page may offer this viewer. */
export const CASE_ABILITIES = ['read', 'exportPlan', 'transition', 'close', 'addMember', 'removeMember', 'setGuardians', 'addFactor', 'addGoal', 'addAction', 'addMeeting', 'decideProtectedIdentity'] as const;

/** The actor's abilities on one action of the plan (sent with each action). */
export interface ActionFacts {
  responsibleUserId: string | null;
}

export function actionAbilities(actor: Actor, resource: CaseResource, action: ActionFacts): Record<string, boolean> {
  const director = directsOpen(actor, resource);
  const responsible = open(resource) && reaches(actor, resource) && action.responsibleUserId === actor.userId;
  return { updateStatus: director || responsible, update: director };
}

/** A factor may be changed by the director, or by the team members of the organisation that recorded it. */
export function mayUpdateFactor(actor: Actor, resource: CaseResource, sourceOrganisationId: string): boolean {
  if (!open(resource)) return false;
  return directs(actor, resource) || (reaches(actor, resource) && actor.organisationIsAuthority && actor.organisationId === sourceOrganisationId);
}
