import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseAction, caseFactor, caseGoal, caseGuardian, caseMeeting, organisation, person, personGuardian, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { ageOn, consentViewOf, loadPersonConsents, todayInSweden } from '../consents/consent-state';
import type { ActionStatus, CaseDetail, CaseSection, CaseStatus } from '../../../shared/cases';
import type { InformationCategory } from '../../../shared/sharing';
import type { OrganisationType } from '../../../shared/organisations';
import { ACTION_TYPE_CATEGORY, type ActionType } from '../../../shared/cases';
import type { CaseCrypto } from './case-crypto';
import { activeMembers, caseResource, type CaseRow, type MemberRow } from './case-record';
import { consentSummary, standingOf } from './consent-check';
import { actionAbilities, CASE_ABILITIES, isDirector, mayUpdateFactor, type CaseResource } from './policy';
import { blockedBy, offeredTransitions } from './status-machine';
import { caseVisibility, type CaseVisibility, type Party } from './visibility';
import { can } from '../../policy/can';

/** A case as one viewer may see it: the detail, the resource the policy judges, and the audit facts. */
export interface CaseView {
  detail: CaseDetail;
  resource: CaseResource;
  visibility: CaseVisibility;
  /** The legal bases of the sections shown, joined for the audit event's `legalBasis`. */
  legalBasis: string;
  /** Each section shown or hidden and its basis, for the audit event's details. */
  auditSections: { section: CaseSection; visible: boolean; basis: string }[];
  personName: string;
  members: MemberRow[];
}

const ACTIVE_ACTION_STATUSES: readonly ActionStatus[] = ['planerad', 'pagar'];
export const isOverdue = (dueOn: string, status: string, today: string) => dueOn < today && ACTIVE_ACTION_STATUSES.includes(status as ActionStatus);

async function organisationsById(tx: Tx, tenantId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; type: OrganisationType; isAuthority: boolean }>();
  const rows = await tx
    .select({ id: organisation.id, name: organisation.name, type: organisation.type, isAuthority: organisation.isAuthority })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, unique)));
  return new Map(rows.map((row) => [row.id, { name: row.name, type: row.type as OrganisationType, isAuthority: row.isAuthority }]));
}

async function userNames(tx: Tx, ids: readonly (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await tx.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Loads everything about one case and filters it for the actor, section by section. */
export async function viewCase(tx: Tx, actor: Actor, crypto: CaseCrypto, row: CaseRow, on = todayInSweden()): Promise<CaseView> {
  const { tenantId } = row;
  const [subject] = await tx
    .select({ firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate, protectedIdentity: person.protectedIdentity })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.id, row.personId)));
  const members = await activeMembers(tx, tenantId, [row.id]);
  const factorRows = await tx.select().from(caseFactor).where(and(eq(caseFactor.tenantId, tenantId), eq(caseFactor.caseId, row.id))).orderBy(asc(caseFactor.createdAt));
  const goalRows = await tx.select().from(caseGoal).where(and(eq(caseGoal.tenantId, tenantId), eq(caseGoal.caseId, row.id))).orderBy(asc(caseGoal.createdAt));
  const actionRows = await tx.select().from(caseAction).where(and(eq(caseAction.tenantId, tenantId), eq(caseAction.caseId, row.id))).orderBy(asc(caseAction.dueOn), asc(caseAction.createdAt));
  const meetingRows = await tx.select().from(caseMeeting).where(and(eq(caseMeeting.tenantId, tenantId), eq(caseMeeting.caseId, row.id))).orderBy(asc(caseMeeting.heldOn));
  const organisations = await organisationsById(tx, tenantId, [row.ownerOrganisationId, ...factorRows.map((f) => f.sourceOrganisationId), ...actionRows.map((a) => a.responsibleOrganisationId)]);
  const names = await userNames(tx, [row.directorUserId, ...actionRows.map((a) => a.responsibleUserId), row.protectedDecisionBy]);
  // The person's consents, read once: the per-section states, the status machine and the summary all use them.
  const personConsents = await loadPersonConsents(tx, tenantId, row.personId);
  const consentView = consentViewOf(personConsents, on);

  const personName = subject ? `${subject.firstName} ${subject.lastName}` : '';
  const personAge = subject ? ageOn(subject.birthDate, on) : 0;
  const owner = organisations.get(row.ownerOrganisationId);
  const ownerParty: Party = owner ? { type: owner.type, isAuthority: owner.isAuthority } : { type: 'annan', isAuthority: false };
  const viewerIsDirector = isDirector(actor, row);
  const partyOf = (organisationId: string): Party => {
    const found = organisations.get(organisationId);
    return found ? { type: found.type, isAuthority: found.isAuthority } : { type: 'annan', isAuthority: false };
  };

  const visibility = caseVisibility(
    { userId: actor.userId, organisationId: actor.organisationId, organisation: { type: actor.organisationType, isAuthority: actor.organisationIsAuthority }, isDirector: viewerIsDirector },
    { owner: ownerParty, personAge, protectedIdentity: (subject?.protectedIdentity ?? 'none') !== 'none', sharingDecided: row.protectedDecisionAllow === true, on },
    (category: InformationCategory) => consentView.stateFor({ organisationId: actor.organisationId, userId: actor.userId }, category),
    factorRows.map((f) => ({ id: f.id, category: f.category as InformationCategory, crimeData: f.crimeData, sourceOrganisationId: f.sourceOrganisationId, source: partyOf(f.sourceOrganisationId) })),
  );
  const resource = caseResource(row, members, visibility.visibleCount);
  const show = visibility.visible;

  const visibleFactors = factorRows.filter((f) =>
    visibility.factorVisible({ id: f.id, category: f.category as InformationCategory, crimeData: f.crimeData, sourceOrganisationId: f.sourceOrganisationId, source: partyOf(f.sourceOrganisationId) }),
  );
  // Crime information never reaches an organisation that is not a public authority (GDPR art. 10).
  const actionAllowed = (type: string) => actor.organisationIsAuthority || ACTION_TYPE_CATEGORY[type as ActionType] !== 'polis';
  const visibleActions = show('plan')
    ? actionRows.filter((a) => actionAllowed(a.type))
    : show('actions_own')
      ? actionRows.filter((a) => a.responsibleUserId === actor.userId && actionAllowed(a.type))
      : [];
  const actions = visibleActions.map((a) => ({
    id: a.id,
    goalId: a.goalId,
    type: a.type as ActionType,
    responsibleOrganisationId: a.responsibleOrganisationId,
    responsibleOrganisationName: organisations.get(a.responsibleOrganisationId)?.name ?? '',
    responsibleUserId: a.responsibleUserId,
    responsibleUserName: a.responsibleUserId ? (names.get(a.responsibleUserId) ?? null) : null,
    what: crypto.decrypt('case_action.what', tenantId, a.id, a.whatEncrypted),
    startOn: a.startOn,
    dueOn: a.dueOn,
    status: a.status as ActionStatus,
    overdue: isOverdue(a.dueOn, a.status, on),
    abilities: actionAbilities(actor, resource, a),
  }));

  const guardians = show('summary')
    ? (
        await tx
          .select({ guardianId: personGuardian.guardianId, firstName: person.firstName, lastName: person.lastName })
          .from(personGuardian)
          .innerJoin(person, and(eq(person.tenantId, personGuardian.tenantId), eq(person.id, personGuardian.guardianId)))
          .where(and(eq(personGuardian.tenantId, tenantId), eq(personGuardian.childId, row.personId)))
      )
    : [];
  const participation = show('summary') ? await tx.select().from(caseGuardian).where(and(eq(caseGuardian.tenantId, tenantId), eq(caseGuardian.caseId, row.id))) : [];

  const meetings = show('meetings')
    ? meetingRows.map((m) => ({
        id: m.id,
        kind: m.kind as 'natverksmote' | 'uppfoljning',
        heldOn: m.heldOn,
        held: m.held,
        participants: crypto.decryptJson<{ name: string; organisation: string; role: string }[]>('case_meeting.participants', tenantId, m.id, m.participantsEncrypted),
        decisions: crypto.decrypt('case_meeting.decisions', tenantId, m.id, m.decisionsEncrypted),
        actionIds: m.actionIds,
        createdAt: m.createdAt.toISOString(),
      }))
    : [];
  const nextMeeting = show('meetings') ? meetingRows.find((m) => !m.held && m.heldOn >= on) : undefined;

  const standing = standingOf(personConsents, on);
  const shownConsentId = visibility.visible('consent') ? (standing.inForceId ?? consentView.currentConsentId ?? row.consentId) : null;
  const status = row.status as CaseStatus;
  const transitions = offeredTransitions(status).map((to) => {
    const reason = viewerIsDirector ? blockedBy(status, to, { consent: standing, goalCount: goalRows.length, actionCount: actionRows.length }) : 'not_case_director';
    return { to, allowed: reason === null, blockedBy: reason };
  });

  const abilities: Record<string, boolean> = Object.fromEntries(CASE_ABILITIES.map((name) => [name, can(actor, name, resource)]));
  // Whoever reads the case may read the person's chronology (filtered there to what they may see).
  abilities.readChronology = abilities.read === true;

  const detail: CaseDetail = {
    id: row.id,
    personId: row.personId,
    personName,
    personAge,
    status,
    directorUserId: row.directorUserId,
    directorName: names.get(row.directorUserId) ?? '',
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    overdueActions: actions.filter((a) => a.overdue).length,
    nextMeetingOn: nextMeeting?.heldOn ?? null,
    concernId: show('summary') ? row.concernId : null,
    protectedIdentity: (subject?.protectedIdentity ?? 'none') !== 'none',
    protectedIdentityDecision:
      row.protectedDecisionAllow !== null && row.protectedDecisionAt && show('summary')
        ? { allowSharing: row.protectedDecisionAllow, decidedAt: row.protectedDecisionAt.toISOString(), decidedBy: names.get(row.protectedDecisionBy ?? '') ?? '' }
        : null,
    closeReason: (row.closeReason as CaseDetail['closeReason']) ?? null,
    outcome: (row.outcome as CaseDetail['outcome']) ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    members: show('summary')
      ? members.map((m) => ({ id: m.id, userId: m.userId, name: m.name, organisationId: m.organisationId, organisationName: m.organisationName, caseRole: m.caseRole, addedAt: m.addedAt.toISOString(), legalBasis: m.legalBasis }))
      : [],
    guardians: guardians.map((g) => {
      const own = participation.find((p) => p.guardianId === g.guardianId);
      return {
        guardianId: g.guardianId,
        name: `${g.firstName} ${g.lastName}`,
        participates: own?.participates ?? null,
        note: own?.noteEncrypted ? crypto.decrypt('case_guardian.note', tenantId, `${row.id}:${g.guardianId}`, own.noteEncrypted) : '',
      };
    }),
    consentId: shownConsentId,
    consent: shownConsentId ? await consentSummary(tx, tenantId, personConsents, shownConsentId, on) : null,
    factors: visibleFactors.map((f) => ({
      id: f.id,
      domain: f.domain as CaseDetail['factors'][number]['domain'],
      kind: f.kind as CaseDetail['factors'][number]['kind'],
      level: f.level as CaseDetail['factors'][number]['level'],
      category: f.category as InformationCategory,
      crimeData: f.crimeData,
      note: crypto.decrypt('case_factor.note', tenantId, f.id, f.noteEncrypted),
      organisationName: organisations.get(f.sourceOrganisationId)?.name ?? '',
      updatedAt: f.updatedAt.toISOString(),
      abilities: { update: mayUpdateFactor(actor, resource, f.sourceOrganisationId) },
    })),
    goals: show('summary') ? goalRows.map((g) => ({ id: g.id, text: crypto.decrypt('case_goal.text', tenantId, g.id, g.textEncrypted), createdAt: g.createdAt.toISOString() })) : [],
    actions,
    meetings,
    access: visibility.sections,
    transitions,
    abilities,
  };
  const shownSections = visibility.sections.filter((s) => s.visible);
  return {
    detail,
    resource,
    visibility,
    legalBasis: [...new Set(shownSections.map((s) => s.basis))].join('; '),
    auditSections: visibility.sections.map((s) => ({ section: s.section, visible: s.visible, basis: s.basis })),
    personName,
    members,
  };
}
