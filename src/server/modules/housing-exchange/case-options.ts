import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseMember, person, sspfCase } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { caseReference } from '../../../shared/forums';
import type { ExchangeCaseOption } from '../../../shared/housing-exchange';

/**
 * Which SSPF cases an exchange officer may make a request from: the open cases whose team they are on now
 * (the director, or an active member for the organisation they act for). Relocation is decided with the
 * case's team, so the coordinator first adds the officer to the team, which the consent must cover, as for
 * any member. An officer is never shown, and cannot name, a case of a child they have no part in.
 */
const onTeamNow = (actor: Actor) =>
  or(
    and(eq(sspfCase.directorUserId, actor.userId), eq(sspfCase.ownerOrganisationId, actor.organisationId)),
    and(eq(caseMember.userId, actor.userId), eq(caseMember.organisationId, actor.organisationId), isNull(caseMember.removedAt)),
  );

export async function exchangeCaseOptions(tx: Tx, actor: Actor): Promise<ExchangeCaseOption[]> {
  const rows = await tx
    .selectDistinct({ id: sspfCase.id, personId: sspfCase.personId, firstName: person.firstName, lastName: person.lastName, status: sspfCase.status })
    .from(sspfCase)
    .innerJoin(person, and(eq(person.tenantId, sspfCase.tenantId), eq(person.id, sspfCase.personId)))
    .leftJoin(caseMember, and(eq(caseMember.tenantId, sspfCase.tenantId), eq(caseMember.caseId, sspfCase.id)))
    .where(and(eq(sspfCase.tenantId, actor.tenantId), ne(sspfCase.status, 'avslutad'), onTeamNow(actor)));
  return rows
    .map((r) => ({ id: r.id, personId: r.personId, label: `${r.firstName} ${r.lastName} · ${caseReference(r.id)}`, status: r.status }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/** Whether the officer may make a request from this case (the same rule as the list). */
export async function mayRequestFromCase(tx: Tx, actor: Actor, caseId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: sspfCase.id })
    .from(sspfCase)
    .leftJoin(caseMember, and(eq(caseMember.tenantId, sspfCase.tenantId), eq(caseMember.caseId, sspfCase.id)))
    .where(and(eq(sspfCase.tenantId, actor.tenantId), eq(sspfCase.id, caseId), ne(sspfCase.status, 'avslutad'), onTeamNow(actor)))
    .limit(1);
  return rows.length > 0;
}
