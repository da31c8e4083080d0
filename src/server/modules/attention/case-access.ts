import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseMember, organisation, person, sspfCase } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import type { OrganisationType } from '../../../shared/organisations';
import type { InformationCategory } from '../../../shared/sharing';
import { ageOn, consentViewOf } from '../consents/consent-state';
import { loadConsentsOfPersons } from '../consents/load-consents';
import { activeMembers, caseResource } from '../cases/case-record';
import { isDirector } from '../cases/policy';
import { caseVisibility, type Party } from '../cases/visibility';

/** What the actor may see of one open case they reach, as the case page would decide it. */
export interface CaseAccess {
  caseId: string;
  personId: string;
  personName: string;
  director: boolean;
  /** The whole plan (every action), or only the actions assigned to the viewer. */
  plan: boolean;
  actionsOwn: boolean;
  meetings: boolean;
}

/**
 * The open cases the actor directs or sits on the team of, each with the sections they may see: the same
 * two walls as the case page (membership, then the lawful-sharing engine per section, cases/visibility.ts),
 * asked with the facts loaded for all the cases at once. A case the actor may not read (`can(read)`) is left
 * out, so a mentor whose consent was withdrawn finds nothing of it here either.
 */
export async function loadCaseAccess(tx: Tx, actor: Actor, on: string): Promise<CaseAccess[]> {
  const { tenantId } = actor;
  const memberOf = tx
    .select({ caseId: caseMember.caseId })
    .from(caseMember)
    .where(and(eq(caseMember.tenantId, tenantId), eq(caseMember.userId, actor.userId), eq(caseMember.organisationId, actor.organisationId), isNull(caseMember.removedAt)));
  const cases = await tx
    .select({
      tenantId: sspfCase.tenantId,
      id: sspfCase.id,
      personId: sspfCase.personId,
      status: sspfCase.status,
      directorUserId: sspfCase.directorUserId,
      ownerOrganisationId: sspfCase.ownerOrganisationId,
      protectedDecisionAllow: sspfCase.protectedDecisionAllow,
    })
    .from(sspfCase)
    .where(
      and(
        eq(sspfCase.tenantId, tenantId),
        ne(sspfCase.status, 'avslutad'),
        or(and(eq(sspfCase.directorUserId, actor.userId), eq(sspfCase.ownerOrganisationId, actor.organisationId)), inArray(sspfCase.id, memberOf)),
      ),
    );
  if (cases.length === 0) return [];

  const personIds = [...new Set(cases.map((c) => c.personId))];
  const members = await activeMembers(tx, tenantId, cases.map((c) => c.id));
  const persons = await tx
    .select({ id: person.id, firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate, protectedIdentity: person.protectedIdentity })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), inArray(person.id, personIds)));
  const owners = await tx
    .select({ id: organisation.id, type: organisation.type, isAuthority: organisation.isAuthority })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, [...new Set(cases.map((c) => c.ownerOrganisationId))])));
  const consents = await loadConsentsOfPersons(tx, tenantId, persons);

  const personById = new Map(persons.map((p) => [p.id, p]));
  const ownerById = new Map(owners.map((o) => [o.id, { type: o.type as OrganisationType, isAuthority: o.isAuthority }]));
  const viewerParty: Party = { type: actor.organisationType, isAuthority: actor.organisationIsAuthority };
  const access: CaseAccess[] = [];
  for (const row of cases) {
    const subject = personById.get(row.personId);
    if (!subject) continue;
    const director = isDirector(actor, row);
    const consentView = consentViewOf(consents.get(row.personId) ?? null, on);
    // Factors only decide the mapping sections, which no card shows: none are loaded.
    const visibility = caseVisibility(
      { userId: actor.userId, organisationId: actor.organisationId, organisation: viewerParty, isDirector: director },
      {
        owner: ownerById.get(row.ownerOrganisationId) ?? { type: 'annan', isAuthority: false },
        personAge: ageOn(subject.birthDate, on),
        protectedIdentity: subject.protectedIdentity !== 'none',
        sharingDecided: row.protectedDecisionAllow === true,
        on,
      },
      (category: InformationCategory) => consentView.stateFor({ organisationId: actor.organisationId, userId: actor.userId }, category),
      [],
    );
    const resource = caseResource(row, members.filter((m) => m.caseId === row.id), visibility.visibleCount);
    if (!can(actor, 'read', resource)) continue;
    access.push({
      caseId: row.id,
      personId: row.personId,
      personName: `${subject.firstName} ${subject.lastName}`,
      director,
      plan: visibility.visible('plan'),
      actionsOwn: visibility.visible('actions_own'),
      meetings: visibility.visible('meetings'),
    });
  }
  return access;
}
